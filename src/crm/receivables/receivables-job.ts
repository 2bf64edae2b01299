// The daily receivables check (receivables.checkHour local, quiet hours respected, at most
// once per local day): remindDaysBefore days ahead of a due date the owner is reminded; from
// the day after it the owner gets an overdue card (已回款 / 推迟7天); managerAfterDays overdue
// the owner's manager is told too. Markers on the instalment make each notice happen once.
import { z } from "zod";
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import { zh } from "../../messages/zh.ts";
import { card, text } from "../../render/reply.ts";
import { defineJobKind, type JobMessage } from "../../scheduler/job-kind.ts";
import { localDateKey } from "../../util/local-time.ts";
import { formatFenZh } from "../money/index.ts";
import { zhReceivables } from "./messages.ts";
import { claimMarker, sweepSelection, type SweepRow } from "./sweep.ts";
import { daysBetween, dayOf } from "./status.ts";

export const RECEIVABLES_CHECK_JOB = "receivables-check";

const owedOf = (r: SweepRow) => formatFenZh(Number(r.amount_fen - r.paid_fen));

function overdueCard(r: SweepRow, jobId: bigint): JobMessage {
  const due = dayOf(r.due_date);
  const cmd = (c: string) => `${COMMAND_KEY_PREFIX}回款计划 ${r.number} 第${r.position}期 ${c}`;
  return {
    userId: r.owner_id,
    line: zhReceivables.overdueLine(r.number, r.customer, r.position, due, owedOf(r)),
    reply: card({
      taskId: `rcv-${r.id.slice(0, 8)}-${jobId}`,
      title: zhReceivables.overdueTitle(r.number, r.position).slice(0, 36),
      description: r.customer.slice(0, 44),
      fields: [
        { label: zhReceivables.fieldDue, value: due },
        { label: zhReceivables.fieldOwed, value: owedOf(r) },
      ],
      buttons: [
        { key: cmd("已回款"), text: zhReceivables.paidButton, style: "primary" },
        { key: cmd("推迟 7天"), text: zhReceivables.postponeButton, style: "default" },
      ],
    }),
  };
}

export const receivablesCheckJob = defineJobKind({
  kind: RECEIVABLES_CHECK_JOB,
  payload: z.object({ occurrence: z.string() }),
  quiet: "defer",
  digest: "day",
  async run(ctx) {
    const s = ctx.settings.receivables;
    const today = localDateKey(ctx.job.dueAt, ctx.timeZone);
    const rows = await sweepSelection(ctx.tx, { today, remindDaysBefore: s.remindDaysBefore, managerAfterDays: s.managerAfterDays });
    const pick = (f: (r: SweepRow, due: string) => boolean) => rows.filter((r) => f(r, dayOf(r.due_date)));
    const remind = pick((r, due) => r.reminded_at === null && due >= today);
    const overdue = pick((r, due) => r.overdue_notice_at === null && due < today);
    const escalate = pick((r, due) => r.escalated_at === null && daysBetween(due, today) >= s.managerAfterDays);
    const reminded = await claimMarker(ctx.tx, "reminded_at", remind.map((r) => r.id), ctx.now);
    const noticed = await claimMarker(ctx.tx, "overdue_notice_at", overdue.map((r) => r.id), ctx.now);
    const escalated = await claimMarker(ctx.tx, "escalated_at", escalate.map((r) => r.id), ctx.now);
    const out: JobMessage[] = [];
    for (const r of remind.filter((r) => reminded.has(r.id))) {
      const line = zhReceivables.dueSoon(r.number, r.customer, r.position, dayOf(r.due_date), owedOf(r));
      out.push({ userId: r.owner_id, line, reply: text(line) });
    }
    for (const r of overdue.filter((r) => noticed.has(r.id))) out.push(overdueCard(r, ctx.job.id));
    for (const r of escalate.filter((r) => escalated.has(r.id) && r.manager_id)) {
      const days = daysBetween(dayOf(r.due_date), today);
      const line = zhReceivables.escalation(zh.whoName(r.owner_name, r.owner_wecom), r.number, r.customer, r.position, dayOf(r.due_date), owedOf(r), days);
      out.push({ userId: r.manager_id!, line, reply: text(line) });
    }
    return out;
  },
});
