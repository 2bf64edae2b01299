// Two pushed reports beside the weekly one: the monthly report to admins on the 1st (last
// month per team and for the company, with the pictures), and each team's weekly report to
// its internal group robot (群机器人, reports.groupRobots: team name → key) — sent through the
// outbox's group_robot channel, whose recipient is the team's name (the key is looked up when
// sending, never stored), paced to the robot's 20 messages a minute by the dispatcher.
import { z } from "zod";
import type { User } from "../../auth/users.ts";
import { enqueue } from "../../outbox/outbox.ts";
import { markdown } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { fanOutJob, perPersonPayload } from "../../scheduler/fan-out.ts";
import { formatAmountYuan, formatFenZh } from "../money/index.ts";
import { zhWeekly } from "./messages-weekly.ts";
import { periodAt } from "./period.ts";
import { reportPack } from "./report-pack.ts";
import { weeklyNumbers, type RepWeek } from "./weekly-report.ts";
import { weekBefore, weekReport } from "./weekly-report-jobs.ts";

/** The outbox channel of team group robots (src/channels/wecom/group-robot.ts). */
const GROUP_ROBOT = "group_robot";
const money = (n: number) => (n > 0 ? formatAmountYuan(n) : "0");

export const monthlyReportFanOutJob = fanOutJob("monthly-report-fanout", "monthly-report", { role: "admin" });

type Sums = { leads: number; followUps: number; won: number; wonAmount: number; lost: number; receiptsFen: number };
const sums = (rows: readonly RepWeek[]): Sums => {
  const s = (k: keyof Sums) => rows.reduce((n, r) => n + r[k], 0);
  return { leads: s("leads"), followUps: s("followUps"), won: s("won"), wonAmount: s("wonAmount"), lost: s("lost"), receiptsFen: s("receiptsFen") };
};

export const monthlyReportJob = defineJobKind({
  kind: "monthly-report",
  payload: perPersonPayload,
  quiet: "defer",
  async run(ctx, p) {
    const admin = await ctx.tx.user.findUnique({ where: { id: p.userId } });
    if (!admin) return [];
    const month = periodAt("month", ctx.job.dueAt, ctx.timeZone, -1);
    const users = await ctx.tx.user.findMany({ where: { active: true }, orderBy: { createdAt: "asc" }, include: { team: true } });
    const rows = await weeklyNumbers(ctx.tx, users, month.from, month.to, ctx.settings, { first: month.firstDay, last: month.lastDay });
    const byTeam = new Map<string, RepWeek[]>();
    rows.forEach((r, i) => {
      const team = users[i]!.team?.name ?? zhWeekly.noTeam;
      byTeam.set(team, [...(byTeam.get(team) ?? []), r]);
    });
    const all = sums(rows);
    const pack = await reportPack(ctx.tx, {
      scope: { users, ids: users.map((u) => u.id), kind: "all" },
      teamId: null,
      month,
      now: ctx.now,
      timeZone: ctx.timeZone,
      settings: ctx.settings,
      label: "全公司",
      tag: `m${p.userId.slice(0, 8)}`,
    });
    const body = [
      zhWeekly.monthlyTitle(month.label),
      ...[...byTeam].map(([team, list]) => {
        const t = sums(list);
        return zhWeekly.monthlyTeam(team, list.length, t.leads, t.followUps, t.won, money(t.wonAmount), t.lost, formatFenZh(t.receiptsFen));
      }),
      zhWeekly.monthlyTotal(all.leads, all.followUps, all.won, money(all.wonAmount), all.lost, formatFenZh(all.receiptsFen)),
      ...(pack.progressLine ? [pack.progressLine] : []),
    ].join("\n");
    return [markdown(body), ...pack.replies].map((reply) => ({ userId: p.userId, line: zhWeekly.monthlyLine(month.label), reply, alone: true }));
  },
});

/** Each team with a group robot gets its weekly report in its group. */
export const teamGroupReportJob = defineJobKind({
  kind: "team-group-report",
  payload: z.object({ occurrence: z.string().min(1) }),
  quiet: "defer",
  digest: "week",
  async run(ctx, p) {
    const names = Object.keys(ctx.settings.reports.groupRobots);
    const teams = await ctx.tx.team.findMany({ where: { name: { in: names } }, include: { members: { where: { active: true }, orderBy: { createdAt: "asc" } } } });
    const week = weekBefore(ctx.job.dueAt, ctx.timeZone);
    for (const team of teams) {
      const users: User[] = team.members;
      if (users.length === 0) continue;
      const replies = await weekReport(ctx.tx, {
        users,
        scope: { users, ids: users.map((u) => u.id), kind: "team" },
        teamId: team.id,
        title: zhWeekly.teamWeekTitle(team.name, ...week.span),
        label: team.name,
        tag: `g${team.id.slice(0, 8)}`,
        week,
        now: ctx.now,
        timeZone: ctx.timeZone,
        settings: ctx.settings,
      });
      await enqueue(ctx.tx, replies.map((reply, i) => ({ channel: GROUP_ROBOT, recipient: team.name, reply, dedupeKey: `group-report:${p.occurrence}:${team.id}:${i}` })), ctx.now);
    }
    return [];
  },
});
