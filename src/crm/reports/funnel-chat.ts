// 销售漏斗 in chat: `销售漏斗` = the snapshot of open deals; `销售漏斗 <期间>` (本季, 2026-11,
// 2026-Q4) or `销售漏斗 <开始日> <结束日>` = the cohort of deals created then; a name narrows
// to one person the asker may see, a team's name (an admin's, its manager's) to its members.
// Text with the numbers, then the picture drawn from them.
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { chartImage, type ChartSpec } from "../../render/charts/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import { localDateKey, localParts } from "../../util/local-time.ts";
import { formatFenZh, isLocalDate } from "../money/index.ts";
import { dayRange, funnelCohort, funnelSnapshot, type SnapshotRow } from "./funnel.ts";
import { zhFunnel } from "./messages-funnel.ts";
import { parsePeriod } from "./period.ts";
import { periodAndWho } from "./report-args.ts";
import { namedScope, reportScope, type ReportScope } from "./report-scope.ts";

const DAY = /^\d{4}-\d{1,2}-\d{1,2}$/;
const pad = (s: string) => s.replace(/-(\d)(?=-|$)/g, "-0$1");

/** Words after the command: up to two days (or day~day), a period word, a person or team. */
export function funnelTokens(tokens: string[]): TokenResult {
  const raw: Record<string, string> = {};
  const words = tokens.flatMap((t) => (/^\d{4}-\d{1,2}-\d{1,2}[~～至到]\d{4}-\d{1,2}-\d{1,2}$/.test(t) ? t.split(/[~～至到]/) : [t]));
  const others: string[] = [];
  for (const w of words) {
    if (!DAY.test(w)) others.push(w);
    else if (raw["to"] !== undefined) return { ok: false, problem: zhFunnel.tooManyWords(w) };
    else raw[raw["from"] === undefined ? "from" : "to"] = pad(w);
  }
  const read = periodAndWho(others, zhFunnel.badPeriod);
  if (!read.ok) return read;
  const { period, who, extra } = read.raw;
  if (extra.length) return { ok: false, problem: zhFunnel.tooManyWords(extra[0]!) };
  if (period !== undefined && raw["from"] !== undefined) return { ok: false, problem: zhFunnel.tooManyWords(period) };
  return { ok: true, raw: { ...raw, ...(period !== undefined ? { period } : {}), ...(who !== undefined ? { who } : {}) } };
}

const scopeLabel = (scope: ReportScope, named: string | undefined) =>
  named !== undefined ? zhFunnel.scopePerson(named) : scope.kind === "self" ? zhFunnel.scopeSelf : scope.kind === "team" ? zhFunnel.scopeTeam : zhFunnel.scopeAll;

const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;

/** The snapshot funnel picture (chat, the weekly and monthly reports). */
export function snapshotChart(rows: readonly SnapshotRow[], label: string, day: string): ChartSpec {
  return {
    type: "funnel",
    title: zhFunnel.chartTitle,
    subtitle: zhFunnel.chartSubtitle(label, day, formatFenZh(rows.reduce((s, r) => s + r.weightedFen, 0))),
    stages: rows.slice(0, 12).map((r) => ({ name: r.stage, value: r.count, valueLabel: zhFunnel.chartLabel(r.count, formatFenZh(r.amountFen)) })),
  };
}

async function snapshotReplies(ctx: ActionContext, scope: ReportScope, label: string): Promise<Reply[]> {
  const rows = await funnelSnapshot(ctx.tx, scope, ctx.settings);
  const count = rows.reduce((s, r) => s + r.count, 0);
  if (count === 0) return [text(zhFunnel.snapshotEmpty(label))];
  const p = localParts(ctx.now, ctx.timeZone);
  const day = `${p.month}月${p.day}日`;
  const amount = formatFenZh(rows.reduce((s, r) => s + r.amountFen, 0));
  const weighted = formatFenZh(rows.reduce((s, r) => s + r.weightedFen, 0));
  const lines = rows.map((r) => zhFunnel.snapshotLine(r.stage, r.probability, r.count, formatFenZh(r.amountFen), formatFenZh(r.weightedFen)));
  return [
    text([zhFunnel.snapshotTitle(label, day, count, amount, weighted), ...lines, zhFunnel.snapshotHint].join("\n")),
    chartImage(snapshotChart(rows, label, day), `funnel-${localDateKey(ctx.now, ctx.timeZone)}.png`),
  ];
}

async function cohortReplies(ctx: ActionContext, scope: ReportScope, label: string, first: string, last: string, span: string): Promise<Reply[]> {
  const range = dayRange(first, last, ctx.timeZone);
  const cohort = await funnelCohort(ctx.tx, scope, ctx.settings, range.from, range.to);
  if (cohort.size === 0) return [text(zhFunnel.cohortEmpty(label, span))];
  const lines = cohort.rows.map((r) => zhFunnel.cohortLine(r.stage, r.reached, percent(r.share), r.medianDays === null ? null : String(r.medianDays)));
  const spec = {
    type: "bar" as const,
    title: zhFunnel.cohortChartTitle,
    subtitle: zhFunnel.cohortChartSubtitle(label, span, cohort.size),
    categories: cohort.rows.map((r) => r.stage),
    series: [{ name: zhFunnel.cohortChartSeries, values: cohort.rows.map((r) => r.reached), valueLabels: cohort.rows.map((r) => `${r.reached}（${percent(r.share)}）`) }],
  };
  return [
    text([zhFunnel.cohortTitle(label, span, cohort.size), ...lines, zhFunnel.cohortNote].join("\n")),
    chartImage(spec, `funnel-cohort-${first}-${last}.png`),
  ];
}

export const funnelAction = defineAction({
  name: "report.funnel",
  command: "销售漏斗",
  aliases: ["漏斗", "funnel", "漏斗分析"],
  summary: "销售漏斗：进行中商机按阶段的个数、金额、加权金额；带期间则看该期间新建商机到达各阶段的比例和停留天数",
  usage: "销售漏斗 [期间|开始日 结束日] [销售]",
  example: "销售漏斗 本季",
  params: z.object({
    period: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    who: z.string().trim().min(1).max(64).optional(),
  }),
  labels: { period: "期间", from: "开始日期", to: "结束日期", who: "销售" },
  fromTokens: funnelTokens,
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    for (const d of [p.from, p.to]) if (d !== undefined && !isLocalDate(d)) return [text(zhFunnel.badDay(d))];
    const named = p.who ? await namedScope(ctx.tx, ctx.actor, p.who) : null;
    if (named?.kind === "none") return [text(zhFunnel.noPerson(p.who!))];
    if (named?.kind === "team_denied") return [text(zhFunnel.noTeam(named.name))];
    const scope = named ? named.scope : await reportScope(ctx.tx, ctx.actor);
    const label = scopeLabel(scope, named?.name);
    if (p.period !== undefined) {
      const period = parsePeriod(p.period, ctx.now, ctx.timeZone);
      if (!period) return [text(zhFunnel.tooManyWords(p.period))];
      return cohortReplies(ctx, scope, label, period.firstDay, period.lastDay, period.label);
    }
    if (p.from !== undefined) {
      const last = p.to ?? p.from;
      if (p.from > last) return [text(zhFunnel.badRange)];
      return cohortReplies(ctx, scope, label, p.from, last, zhFunnel.span(p.from, last));
    }
    return snapshotReplies(ctx, scope, label);
  },
});
