// 满意度统计 [期间] and 工单统计 [期间] (default 本月): the numbers as text, with a bar chart of
// the 1–5 distribution and of tickets per priority. GET /api/v1/reports/satisfaction and
// /reports/tickets (?period=YYYY-MM|YYYY-Qn|YYYY) give the same numbers.
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { text, type Reply } from "../../render/reply.ts";
import { chartImage, type ChartSpec } from "../../render/charts/index.ts";
import { parsePeriod, periodAt, periodFromQuery, type Period } from "./period.ts";
import { reportRoute, type ReportRoute } from "./report-route.ts";
import { satisfaction, ticketStats, type Satisfaction, type TicketStats } from "./service-stats.ts";
import { zhServiceStats as zs } from "./messages-service.ts";

export function satisfactionReplies(s: Satisfaction): Reply[] {
  if (s.responses === 0) return [text(zs.satisfactionNone(s.period.label))];
  const lines = [zs.satisfactionTitle(s.period.label, s.responses, s.average), zs.distribution(s.distribution), zs.byAssignee, ...s.assignees.map((a) => zs.assigneeRow(a.name, a.responses, a.average))];
  const chart: ChartSpec = {
    type: "bar",
    title: zs.satisfactionChart(s.period.label),
    unit: "个",
    categories: [1, 2, 3, 4, 5].map(zs.scoreLabel),
    series: [{ name: zs.responses, values: s.distribution }],
  };
  return [text(lines.join("\n")), chartImage(chart, "satisfaction.png")];
}

export function ticketStatsReplies(t: TicketStats): Reply[] {
  const lines = [zs.ticketsTitle(t.period.label, t.total.opened, t.total.solved, t.total.pastSla), ...t.priorities.map((p) => zs.ticketsRow(p.priority, p.opened, p.solved, p.pastSla))];
  if (t.total.opened + t.total.solved + t.total.pastSla === 0) return [text(lines[0]!)];
  const chart: ChartSpec = {
    type: "bar",
    title: zs.ticketsChart(t.period.label),
    unit: "个",
    categories: t.priorities.map((p) => p.priority),
    series: [
      { name: zs.opened, values: t.priorities.map((p) => p.opened) },
      { name: zs.solved, values: t.priorities.map((p) => p.solved) },
      { name: zs.late, values: t.priorities.map((p) => p.pastSla) },
    ],
  };
  return [text(lines.join("\n")), chartImage(chart, "tickets.png")];
}

const periodParam = {
  params: z.object({ period: z.string().trim().max(32).optional() }),
  labels: { period: "期间" },
  fromTokens: (tokens: string[]) => ({ ok: true as const, raw: tokens.length ? { period: tokens.join("") } : {} }),
  roles: ALL_ROLES,
  effect: "read" as const,
};

/** The period the words name (本月 when none), or the reply saying they name none. */
function periodOf(ctx: ActionContext, words: string | undefined): { period: Period } | { reply: Reply } {
  const period = words ? parsePeriod(words, ctx.now, ctx.timeZone) : periodAt("month", ctx.now, ctx.timeZone);
  return period ? { period } : { reply: text(zs.badPeriod(words ?? "")) };
}

export const satisfactionAction = defineAction({
  name: "report.satisfaction",
  command: "满意度统计",
  aliases: ["满意度"],
  summary: "客户满意度：平均分、1–5 分分布、按处理人（默认本月）",
  usage: "满意度统计 [本月|上月|本季|2026-11|…]",
  example: "满意度统计 上月",
  ...periodParam,
  async run(ctx, p) {
    const r = periodOf(ctx, p.period);
    return "reply" in r ? [r.reply] : satisfactionReplies(await satisfaction(ctx.tx, ctx.actor, r.period));
  },
});

export const ticketStatsAction = defineAction({
  name: "report.tickets",
  command: "工单统计",
  aliases: [],
  summary: "工单新建、解决、超时数量，按优先级（默认本月）",
  usage: "工单统计 [本月|上月|本季|2026-11|…]",
  example: "工单统计 本季",
  ...periodParam,
  async run(ctx, p) {
    const r = periodOf(ctx, p.period);
    return "reply" in r ? [r.reply] : ticketStatsReplies(await ticketStats(ctx.tx, ctx.actor, r.period, ctx.now));
  },
});

const periodQuery = z.object({ period: z.string().optional() });

export const serviceStatsRoutes: ReportRoute = (router, deps) => {
  const period = (value: string | undefined, now: Date) => periodFromQuery(value, now, deps.timeZone);
  const bad = { status: 400, body: { error: "invalid query", fields: { period: "use YYYY-MM, YYYY-Qn or YYYY" } } };
  reportRoute(router, deps, "satisfaction", periodQuery, async (q, call) => {
    const p = period(q.period, call.now);
    if (!p) return bad;
    const s = await satisfaction(call.tx, call.user, p);
    return { status: 200, body: { period: p.key, responses: s.responses, average: s.average, distribution: s.distribution.map((count, i) => ({ score: i + 1, count })), assignees: s.assignees.map((a) => ({ assignee: a.name, responses: a.responses, average: a.average })) } };
  });
  reportRoute(router, deps, "tickets", periodQuery, async (q, call) => {
    const p = period(q.period, call.now);
    if (!p) return bad;
    const t = await ticketStats(call.tx, call.user, p, call.now);
    return { status: 200, body: { period: p.key, ...t.total, priorities: t.priorities } };
  });
};
