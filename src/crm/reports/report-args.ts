// The words after a report command, read one way for 业绩, 排行, 目标, 销售漏斗, 渠道分析,
// 活动分析 and 预测: one period word (本月, 上上月, 2026-11, 2026-Q4, 2026 …) and one person or
// team, in any order. A word that looks like a period (下下月, 上上周, 2026-13) is refused as a
// period with the action's own wording — never taken for somebody's name.
import { looksLikePeriod, parsePeriod } from "./period.ts";

export type WordsResult<T> = { ok: true; raw: T } | { ok: false; problem: string };

const FIXED_NOW = new Date("2026-01-01T00:00:00Z");

/** A period word's validity does not depend on the day: any clock reads the same syntax. */
export const isValidPeriodWord = (word: string): boolean => parsePeriod(word, FIXED_NOW, "UTC") !== null;

/** The first period word (every period-like word checked: `badPeriod` when one names none);
 * the other words in order, a second period word among them. */
export function takePeriod(tokens: readonly string[], badPeriod: (word: string) => string): WordsResult<{ period?: string; rest: string[] }> {
  let period: string | undefined;
  const rest: string[] = [];
  for (const t of tokens) {
    if (!looksLikePeriod(t)) rest.push(t);
    else if (!isValidPeriodWord(t)) return { ok: false, problem: badPeriod(t) };
    else if (period === undefined) period = t;
    else rest.push(t);
  }
  return { ok: true, raw: { period, rest } };
}

export interface ReportWords {
  period?: string;
  /** A person or a team, as written. */
  who?: string;
  /** Words beyond those, in order: the caller words the refusal. */
  extra: string[];
}

/** [期间] [销售|团队] in any order. */
export function periodAndWho(tokens: readonly string[], badPeriod: (word: string) => string): WordsResult<ReportWords> {
  const p = takePeriod(tokens, badPeriod);
  if (!p.ok) return p;
  let who: string | undefined;
  const extra: string[] = [];
  for (const w of p.raw.rest) {
    if (who === undefined && !looksLikePeriod(w)) who = w;
    else extra.push(w);
  }
  return { ok: true, raw: { period: p.raw.period, who, extra } };
}
