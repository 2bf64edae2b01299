// 业绩 [期间] [销售|团队] (本月业绩, 我的业绩): won, 回款, new customers and follow-ups per person
// in scope (or of one person, or one team for an admin and its manager) against their targets,
// with a progress picture; 排行 [期间] [成交|回款|跟进|新客户]: the people in scope ranked, with
// a bar picture.
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { chartImage } from "../../render/charts/index.ts";
import { text } from "../../render/reply.ts";
import { formatFenZh, type Fen } from "../money/index.ts";
import { zhTargets } from "./messages-targets.ts";
import { displayName, progressChart, rankChart, rankValue } from "./performance-charts.ts";
import { leaderboard, METRICS, targetProgress, type Actuals, type Figure } from "./performance.ts";
import { namedScope, reportScope } from "./report-scope.ts";
import { chatPeriod } from "./target-actions.ts";
import { METRIC_WORDS, performanceWords, rankWords } from "./target-words.ts";

const money = (f: Fen | null) => (f === null ? null : formatFenZh(f));
const shown = (f: Figure) => zhTargets.progress(formatFenZh(f.actualFen), money(f.targetFen), f.percent);
const line = (name: string, a: Actuals, won: Figure, receipts: Figure) => zhTargets.perfLine(name, shown(won), a.wonCount, shown(receipts), a.newCustomers, a.followUps);

/** The team whose target a manager's total is measured against. */
export const teamOfActor = (ctx: Pick<ActionContext, "actor">): string | null => (ctx.actor.role === "manager" ? ctx.actor.teamId : null);

export const performanceAction = defineAction({
  name: "report.performance",
  command: "业绩",
  aliases: ["本月业绩", "我的业绩", "performance"],
  summary: "成交额、回款、新客户、跟进，对照业绩目标（销售看自己，主管看团队，管理员看全部）",
  usage: zhTargets.perfUsage,
  example: zhTargets.perfExample,
  params: z.object({ who: z.string().trim().min(1).max(64).optional(), period: z.string().max(16).optional() }),
  labels: { who: "销售", period: "期间" },
  fromTokens: performanceWords,
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const period = chatPeriod(ctx, p.period);
    const named = p.who ? await namedScope(ctx.tx, ctx.actor, p.who) : null;
    if (named?.kind === "none") return [text(zhTargets.personOutOfScope(p.who!))];
    if (named?.kind === "team_denied") return [text(zhTargets.teamOutOfScope(named.name))];
    const scope = named ? named.scope : await reportScope(ctx.tx, ctx.actor);
    const teamId = named?.kind === "team" ? named.teamId : teamOfActor(ctx);
    const progress = await targetProgress(ctx.tx, scope, period, { settings: ctx.settings, teamId });
    if (progress.rows.length === 0) return [text(zhTargets.nobody)];
    const lines = progress.rows.map((r) => line(displayName(r.user), r.actuals, r.won, r.receipts));
    const one = progress.rows.length === 1;
    const title = one ? zhTargets.perfTitleOne(period.label, displayName(progress.rows[0]!.user)) : zhTargets.perfTitle(period.label, progress.rows.length);
    const total = one ? [] : [line(zhTargets.totalName, progress.total.actuals, progress.total.won, progress.total.receipts)];
    return [text([title, ...lines, ...total].join("\n")), chartImage(progressChart(progress), `targets-${period.key}.png`)];
  },
});

export const leaderboardAction = defineAction({
  name: "report.leaderboard",
  command: "排行",
  aliases: ["排行榜", "排名", "leaderboard"],
  summary: "按成交、回款、跟进或新客户排名（默认本月成交）",
  usage: zhTargets.rankUsage,
  example: zhTargets.rankExample,
  // the metric also as said (成交, 回款, 跟进, 新客户): free text proposes the words
  params: z.object({ period: z.string().max(16).optional(), metric: z.preprocess((v) => (typeof v === "string" ? (METRIC_WORDS[v] ?? v) : v), z.enum(METRICS)).optional() }),
  labels: { period: "期间", metric: "指标" },
  fromTokens: rankWords,
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const period = chatPeriod(ctx, p.period);
    const metric = p.metric ?? "won";
    const rows = await leaderboard(ctx.tx, await reportScope(ctx.tx, ctx.actor), period, metric, ctx.settings);
    if (rows.length === 0) return [text(zhTargets.nobody)];
    const name = zhTargets.metricNames[metric]!;
    const lines = rows.map((r) => zhTargets.rankLine(r.rank, displayName(r.user), rankValue(r.value, metric)));
    return [text([zhTargets.rankTitle(period.label, name, rows.length), ...lines].join("\n")), chartImage(rankChart(rows, metric, period.label), `leaderboard-${period.key}.png`)];
  },
});
