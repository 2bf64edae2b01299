// Monday 09:00: each manager gets last week's numbers per rep, as markdown, then the pictures
// (the funnel now, the month's target progress and 成交 ranking) with their numbers as text.
// The same week on demand is 周报 (weekly-report-action.ts); a team's group robot gets it too
// (group-report-jobs.ts).
import { formatAmountYuan, formatFenZh } from "../money/index.ts";
import { teamOf, weeklyNumbers } from "./weekly-report.ts";
import { zh } from "../../messages/zh.ts";
import { zhReminders } from "../reminders/index.ts";
import { markdown, type Reply } from "../../render/reply.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../auth/users.ts";
import { atLocal, localDateKey, localParts } from "../../util/local-time.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { fanOutJob, perPersonPayload } from "../../scheduler/fan-out.ts";
import { reportPack } from "./report-pack.ts";
import { monthPeriod } from "./period.ts";
import type { ReportScope } from "./report-scope.ts";

export const WEEKLY_REPORT_JOB = "weekly-report";

export const weeklyReportFanOutJob = fanOutJob("weekly-report-fanout", WEEKLY_REPORT_JOB, {
  OR: [{ role: "manager" }, { reports: { some: { active: true } } }],
});

const money = (n: number) => (n > 0 ? formatAmountYuan(n) : "0");

export interface Week {
  from: Date;
  to: Date;
  days: { first: string; last: string };
  span: readonly [string, string];
}

/** The seven local days before `end` (a local midnight). */
export function weekBefore(end: Date, timeZone: string): Week {
  const d = localParts(end, timeZone);
  const to = atLocal(d.year, d.month, d.day, 0, timeZone);
  const from = atLocal(d.year, d.month, d.day - 7, 0, timeZone);
  const lastInstant = new Date(to.getTime() - 1);
  const first = localParts(from, timeZone);
  const last = localParts(lastInstant, timeZone);
  return {
    from,
    to,
    days: { first: localDateKey(from, timeZone), last: localDateKey(lastInstant, timeZone) },
    span: [`${first.month}月${first.day}日`, `${last.month}月${last.day}日`],
  };
}

export interface WeekReportInput {
  users: readonly User[];
  scope: ReportScope;
  teamId: string | null;
  title: string;
  label: string;
  tag: string;
  week: Week;
  now: Date;
  timeZone: string;
  settings: CrmSettings;
}

/** The week's markdown (per rep and in total, plus the month's target progress when set), then the pictures. */
export async function weekReport(tx: Tx, i: WeekReportInput): Promise<Reply[]> {
  const rows = await weeklyNumbers(tx, i.users, i.week.from, i.week.to, i.settings, i.week.days);
  const sum = (k: "leads" | "followUps" | "moves" | "won" | "wonAmount" | "lost" | "receiptsFen") => rows.reduce((s, r) => s + r[k], 0);
  const lastDay = localParts(new Date(i.week.to.getTime() - 1), i.timeZone);
  const pack = await reportPack(tx, { scope: i.scope, teamId: i.teamId, month: monthPeriod(lastDay.year, lastDay.month, i.timeZone), now: i.now, timeZone: i.timeZone, settings: i.settings, label: i.label, tag: i.tag });
  const body = [
    i.title,
    ...rows.map((r) => zhReminders.weeklyRep(zh.whoName(r.rep.name, r.rep.wecomUserId), r.leads, r.followUps, r.moves, r.won, money(r.wonAmount), r.lost, r.receiptsFen ? formatFenZh(r.receiptsFen) : null)),
    zhReminders.weeklyTotal(sum("leads"), sum("followUps"), sum("moves"), sum("won"), money(sum("wonAmount")), sum("lost"), formatFenZh(sum("receiptsFen"))),
    ...(pack.progressLine ? [pack.progressLine] : []),
  ].join("\n");
  return [markdown(body), ...pack.replies];
}

export const weeklyReportJob = defineJobKind({
  kind: WEEKLY_REPORT_JOB,
  payload: perPersonPayload,
  quiet: "defer",
  digest: "week",
  async run(ctx, p) {
    const manager = await ctx.tx.user.findUnique({ where: { id: p.userId } });
    if (!manager) return [];
    // The seven local days before the day this occurrence was due.
    const week = weekBefore(ctx.job.dueAt, ctx.timeZone);
    const team = await teamOf(ctx.tx, manager);
    const replies = await weekReport(ctx.tx, {
      users: team,
      scope: { users: team, ids: team.map((u) => u.id), kind: "team" },
      teamId: manager.role === "manager" ? manager.teamId : null,
      title: zhReminders.weeklyTitle(...week.span),
      label: "团队",
      tag: p.userId.slice(0, 8),
      week,
      now: ctx.now,
      timeZone: ctx.timeZone,
      settings: ctx.settings,
    });
    return replies.map((reply) => ({ userId: p.userId, line: zhReminders.weeklyLine(...week.span), reply, alone: true }));
  },
});
