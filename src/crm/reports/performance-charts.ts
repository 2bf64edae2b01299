// The pictures of 业绩 and 排行, drawn from exactly the numbers of their text: target progress
// (成交 and 回款 per person) and the ranking as horizontal bars.
import type { ChartSpec } from "../../render/charts/index.ts";
import { formatFenZh, type Fen } from "../money/index.ts";
import { zhTargets } from "./messages-targets.ts";
import { isMoneyMetric, type Figure, type Metric, type RankRow, type TargetProgress } from "./performance.ts";

const wan = (f: Fen): number => f / 1_000_000;
const pct = (f: Figure): string => (f.percent === null ? "" : ` ${f.percent}%`);
/** 「48万/50万 96%」; when that is too long for the picture (32), 「48万 96%」. */
function label(f: Figure): string {
  const full = `${formatFenZh(f.actualFen)}${f.targetFen === null ? "" : `/${formatFenZh(f.targetFen)}`}${pct(f)}`;
  return full.length <= 32 ? full : `${formatFenZh(f.actualFen)}${pct(f)}`.slice(0, 32);
}
const short = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
export const displayName = (u: { name: string | null; wecomUserId: string }): string => u.name ?? u.wecomUserId;

/** Two rows per person (成交, 回款), at most 15 people. */
export function progressChart(p: TargetProgress): ChartSpec {
  const rows = p.rows.slice(0, 15).flatMap((r) => {
    const who = short(displayName(r.user), 18);
    return [
      { name: `${who}·${zhTargets.metricNames["won"]}`, actual: wan(r.won.actualFen), target: wan(r.won.targetFen ?? 0), valueLabel: label(r.won) },
      { name: `${who}·${zhTargets.metricNames["receipts"]}`, actual: wan(r.receipts.actualFen), target: wan(r.receipts.targetFen ?? 0), valueLabel: label(r.receipts) },
    ];
  });
  return { type: "progress", title: zhTargets.chartTitle(p.period.label), unit: "万元", rows };
}

export function rankValue(value: number, metric: Metric): string {
  return isMoneyMetric(metric) ? formatFenZh(value) : zhTargets.count(value, metric);
}

export function rankChart(rows: readonly RankRow[], metric: Metric, periodLabel: string): ChartSpec {
  const top = rows.slice(0, 40);
  const money = isMoneyMetric(metric);
  return {
    type: "bar",
    title: zhTargets.rankChartTitle(periodLabel, zhTargets.metricNames[metric]!),
    unit: money ? "万元" : zhTargets.countUnit(metric),
    horizontal: true,
    categories: top.map((r) => short(displayName(r.user), 24)),
    series: [{ name: zhTargets.metricNames[metric]!, values: top.map((r) => (money ? wan(r.value) : r.value)), valueLabels: top.map((r) => rankValue(r.value, metric)) }],
  };
}
