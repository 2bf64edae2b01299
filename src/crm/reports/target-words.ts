// The words after 目标, 业绩 and 排行: a period (checked, kept as written: relative words
// need the clock), a person or team, 成交/回款 figures and a ranking metric.
import { zh } from "../../messages/zh.ts";
import { MONEY_ERROR_TEXT, parseAmount } from "../money/index.ts";
import { zhTargets } from "./messages-targets.ts";
import type { Metric } from "./performance.ts";
import { periodAndWho, takePeriod, type WordsResult } from "./report-args.ts";

const FIGURE = /^(成交额?|赢单|回款额?)[:：]?(.+)$/;

/** 目标 [who] [period] [成交X] [回款Y]: the figures stay as written (元), checked here for the usage help. */
export function targetWords(tokens: string[]): WordsResult<{ who?: string; period?: string; won?: string; receipts?: string }> {
  const p = takePeriod(tokens, zhTargets.badPeriod);
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

/** 业绩 [period] [who: a person or a team]. */
export function performanceWords(tokens: string[]): WordsResult<{ who?: string; period?: string }> {
  const p = periodAndWho(tokens, zhTargets.badPeriod);
  if (!p.ok) return p;
  const { period, who, extra } = p.raw;
  if (extra.length) return { ok: false, problem: who !== undefined && extra.length === 1 ? zhTargets.twoNames(who, extra[0]!) : zh.tooManyParams(extra.join(" ")) };
  return { ok: true, raw: { period, who } };
}

export const METRIC_WORDS: Readonly<Record<string, Metric>> = {
  成交: "won", 成交额: "won", 赢单: "won", 业绩: "won",
  回款: "receipts", 回款额: "receipts",
  跟进: "followups", 跟进次数: "followups",
  新客户: "newCustomers", 新客: "newCustomers", 客户: "newCustomers",
};

/** 排行 [period] [metric]. */
export function rankWords(tokens: string[]): WordsResult<{ period?: string; metric?: Metric }> {
  const p = takePeriod(tokens, zhTargets.badPeriod);
  if (!p.ok) return p;
  let metric: Metric | undefined;
  for (const t of p.raw.rest) {
    const m = METRIC_WORDS[t];
    if (!m || metric) return { ok: false, problem: zhTargets.badMetric(t) };
    metric = m;
  }
  return { ok: true, raw: { period: p.raw.period, metric } };
}
