// 周报 [上周|本周]: the weekly report on demand — a manager's team, an admin's company, a rep's
// own week — with the same numbers and pictures as the Monday push.
import { z } from "zod";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { text } from "../../render/reply.ts";
import { atLocal, localParts } from "../../util/local-time.ts";
import { zhReminders } from "../reminders/index.ts";
import { zhWeekly } from "./messages-weekly.ts";
import { reportScope } from "./report-scope.ts";
import { teamOf } from "./weekly-report.ts";
import { weekBefore, weekReport } from "./weekly-report-jobs.ts";

const WEEK_WORDS: Readonly<Record<string, "上周" | "本周">> = { 上周: "上周", 上星期: "上周", 上礼拜: "上周", 上一周: "上周", 本周: "本周", 这周: "本周", 这星期: "本周", 这个星期: "本周", 本星期: "本周" };

export const weeklyReportAction = defineAction({
  name: "report.weekly",
  command: "周报",
  aliases: ["团队周报", "weekly"],
  summary: "周报：每人新线索、跟进、推进、赢单、输单、回款，附漏斗、目标进度和排行图（默认上周；主管看团队，管理员看全公司，销售看自己）",
  usage: "周报 [上周|本周]",
  example: "周报 上周",
  params: z.object({ period: z.string().max(8).optional() }),
  labels: { period: "哪一周" },
  positional: ["period"],
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const which = p.period === undefined ? "上周" : WEEK_WORDS[p.period.trim()];
    if (!which) return [text(`${zhWeekly.badWeek(p.period!)}\n${zhWeekly.weeklyUsage}`)];
    const d = localParts(ctx.now, ctx.timeZone);
    const monday = atLocal(d.year, d.month, d.day - d.weekday + 1, 0, ctx.timeZone);
    const week = weekBefore(which === "上周" ? monday : atLocal(d.year, d.month, d.day - d.weekday + 8, 0, ctx.timeZone), ctx.timeZone);
    const actor = ctx.actor;
    const scope = actor.role === "manager" ? await teamOf(ctx.tx, actor).then((users) => ({ users, ids: users.map((u) => u.id), kind: "team" as const })) : await reportScope(ctx.tx, actor);
    const users = scope.users.filter((u) => u.active);
    const title = scope.kind === "self" ? zhWeekly.myWeekTitle(...week.span) : scope.kind === "all" ? zhWeekly.allWeekTitle(...week.span) : zhReminders.weeklyTitle(...week.span);
    const label = scope.kind === "self" ? "你的" : scope.kind === "all" ? "全公司" : "团队";
    return weekReport(ctx.tx, { users, scope, teamId: actor.role === "manager" ? actor.teamId : null, title, label, tag: actor.id.slice(0, 8), week, now: ctx.now, timeZone: ctx.timeZone, settings: ctx.settings });
  },
});
