// Monday 09:00: each manager gets last week's numbers per rep, as markdown.
import { formatAmountYuan, formatFenZh } from "../money/index.ts";
import { weeklyNumbers } from "./weekly-report.ts";
import { zh } from "../../messages/zh.ts";
import { zhReminders } from "../reminders/index.ts";
import { markdown } from "../../render/reply.ts";
import { atLocal, localDateKey, localParts } from "../../util/local-time.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { fanOutJob, perPersonPayload } from "../../scheduler/fan-out.ts";

export const WEEKLY_REPORT_JOB = "weekly-report";

export const weeklyReportFanOutJob = fanOutJob("weekly-report-fanout", WEEKLY_REPORT_JOB, {
  OR: [{ role: "manager" }, { reports: { some: { active: true } } }],
});

const money = (n: number) => (n > 0 ? formatAmountYuan(n) : "0");

export const weeklyReportJob = defineJobKind({
  kind: WEEKLY_REPORT_JOB,
  payload: perPersonPayload,
  quiet: "defer",
  digest: "week",
  async run(ctx, p) {
    const manager = await ctx.tx.user.findUnique({ where: { id: p.userId } });
    if (!manager) return [];
    // The seven local days before the day this occurrence was due.
    const d = localParts(ctx.job.dueAt, ctx.timeZone);
    const to = atLocal(d.year, d.month, d.day, 0, ctx.timeZone);
    const from = atLocal(d.year, d.month, d.day - 7, 0, ctx.timeZone);
    const last = localParts(new Date(to.getTime() - 1), ctx.timeZone);
    const first = localParts(from, ctx.timeZone);
    const days = { first: localDateKey(from, ctx.timeZone), last: localDateKey(new Date(to.getTime() - 1), ctx.timeZone) };
    const rows = await weeklyNumbers(ctx.tx, manager, from, to, ctx.settings, days);
    const sum = (k: "leads" | "followUps" | "moves" | "won" | "wonAmount" | "lost" | "receiptsFen") => rows.reduce((s, r) => s + r[k], 0);
    const span = [`${first.month}月${first.day}日`, `${last.month}月${last.day}日`] as const;
    const body = [
      zhReminders.weeklyTitle(...span),
      ...rows.map((r) => zhReminders.weeklyRep(zh.whoName(r.rep.name, r.rep.wecomUserId), r.leads, r.followUps, r.moves, r.won, money(r.wonAmount), r.lost, r.receiptsFen ? formatFenZh(r.receiptsFen) : null)),
      zhReminders.weeklyTotal(sum("leads"), sum("followUps"), sum("moves"), sum("won"), money(sum("wonAmount")), sum("lost"), formatFenZh(sum("receiptsFen"))),
    ].join("\n");
    return [{ userId: p.userId, line: zhReminders.weeklyLine(...span), reply: markdown(body), alone: true }];
  },
});
