// The words after 目标, 业绩 and 排行: a period (checked, kept as written: relative words
// need the clock), a person or team, 成交/回款 figures and a ranking metric.
import { MONEY_ERROR_TEXT, parseAmount } from "../money/index.ts";
import { zhTargets } from "./messages-targets.ts";
import { parsePeriod } from "./period.ts";
import type { Metric } from "./performance.ts";

/** A word meant as a period: 2026-12, 2026年, 12月, Q4, 第四季度, 本月, 上季度, 今年 … */
const PERIODISH = /^(?:\d{4}|\d{1,2}月|[Qq第][1-4一二三四]|(?:本|上|下|这|当|今|去|明)个?(?:月|季|年))/;
const FIXED_NOW = new Date("2026-01-01T00:00:00Z");

/** A period word's validity does not depend on the day: any clock reads the same syntax. */
export const isValidPeriodWord = (word: string): boolean => parsePeriod(word, FIXED_NOW, "UTC") !== null;

export type WordsResult<T> = { ok: true; raw: T } | { ok: false; problem: string };

/** Splits out the one period word (validated); the rest stays in order. */
function takePeriod(tokens: readonly string[]): WordsResult<{ period?: string; rest: string[] }> {
  let period: string | undefined;
  const rest: string[] = [];
  for (const t of tokens) {
    if (period === undefined && PERIODISH.test(t)) {
      if (!isValidPeriodWord(t)) return { ok: false, problem: zhTargets.badPeriod(t) };
      period = t;
    } else rest.push(t);
  }
  return { ok: true, raw: { period, rest } };
}

const FIGURE = /^(成交额?|赢单|回款额?)[:：]?(.+)$/;

/** 目标 [who] [period] [成交X] [回款Y]: the figures stay as written (元), checked here for the usage help. */
export function targetWords(tokens: string[]): WordsResult<{ who?: string; period?: string; won?: string; receipts?: string }> {
  const p = takePeriod(tokens);
  if (!p.ok) return p;
  let who: string | undefined;
  const out: { who?: string; period?: string; won?: string; receipts?: string } = { period: p.raw.period };
  for (const t of p.raw.rest) {
    const m = FIGURE.exec(t);
    if (m) {
      const amount = parseAmount(m[2]!, { allowZero: true });
      if (!amount.ok) return { ok: false, problem: zhTargets.badFigure(t, MONEY_ERROR_TEXT[amount.error]) };
      if (m[1]!.startsWith("回款")) out.receipts = m[2]!;
      else out.won = m[2]!;
    } else if (who === undefined && !/^\d/.test(t)) who = t;
    else return { ok: false, problem: zhTargets.unknownWord(t) };
  }
  return { ok: true, raw: { ...out, who } };
}

/** 业绩 [period] [who]. */
export function performanceWords(tokens: string[]): WordsResult<{ who?: string; period?: string }> {
  const p = takePeriod(tokens);
  if (!p.ok) return p;
  const [who, extra] = p.raw.rest;
  if (extra !== undefined) return { ok: false, problem: zhTargets.twoNames(who!, extra) };
  return { ok: true, raw: { period: p.raw.period, who } };
}

export const METRIC_WORDS: Readonly<Record<string, Metric>> = {
  成交: "won", 成交额: "won", 赢单: "won", 业绩: "won",
  回款: "receipts", 回款额: "receipts",
  跟进: "followups", 跟进次数: "followups",
  新客户: "newCustomers", 新客: "newCustomers", 客户: "newCustomers",
};

/** 排行 [period] [metric]. */
export function rankWords(tokens: string[]): WordsResult<{ period?: string; metric?: Metric }> {
  const p = takePeriod(tokens);
  if (!p.ok) return p;
  let metric: Metric | undefined;
  for (const t of p.raw.rest) {
    const m = METRIC_WORDS[t];
    if (!m || metric) return { ok: false, problem: zhTargets.badMetric(t) };
    metric = m;
  }
  return { ok: true, raw: { period: p.raw.period, metric } };
}
