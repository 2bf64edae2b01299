// The daily sweep (08:30 local): birthdays a week ahead and date-field reminders, to each
// record's owner (one digest per person with everything else due then).
import { z } from "zod";
import { zhReminders } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { localParts } from "../../util/local-time.ts";
import { defineJobKind, type JobMessage, type JobRunContext } from "../../scheduler/job-kind.ts";
import { DATE_FIELD_SOURCES, type LocalDay } from "./date-fields.ts";

export const DAILY_SWEEP_JOB = "daily-sweep";

const dayAfter = (d: LocalDay, n: number): LocalDay => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
const dayText = (d: LocalDay) => `${d.month}月${d.day}日`;
const message = (userId: string, line: string): JobMessage => ({ userId, line, reply: text(line) });

async function birthdays(ctx: JobRunContext, today: LocalDay): Promise<JobMessage[]> {
  const target = dayAfter(today, ctx.settings.reminders.birthdayDaysBefore);
  const rows = await ctx.tx.$queryRaw<Array<{ contact: string; customer: string; owner_id: string }>>`
    SELECT ct.name AS contact, c.name AS customer, c.owner_id::text AS owner_id
    FROM contacts ct JOIN customers c ON c.id = ct.customer_id
    WHERE ct.birthday IS NOT NULL AND c.owner_id IS NOT NULL
      AND EXTRACT(MONTH FROM ct.birthday) = ${target.month} AND EXTRACT(DAY FROM ct.birthday) = ${target.day}`;
  return rows.map((r) => message(r.owner_id, zhReminders.birthdayLine(r.contact, r.customer, dayText(target))));
}

async function dateFields(ctx: JobRunContext, today: LocalDay): Promise<JobMessage[]> {
  const out: JobMessage[] = [];
  for (const rule of ctx.settings.reminders.dateReminders) {
    const source = DATE_FIELD_SOURCES[rule.field];
    for (const offset of [...rule.daysBefore, ...rule.daysAfter.map((n) => -n)]) {
      const day = dayAfter(today, offset);
      for (const r of await source.on(ctx.tx, day, ctx.timeZone)) {
        out.push(message(r.ownerId, zhReminders.dateFieldLine(source.label, r.title, dayText(day), offset)));
      }
    }
  }
  return out;
}

export const dailySweepJob = defineJobKind({
  kind: DAILY_SWEEP_JOB,
  payload: z.object({ occurrence: z.string() }),
  quiet: "defer",
  // Missed for over a day, it is skipped: the next day's run covers the pool (state-based),
  // and yesterday's birthdays are not worth a late message.
  digest: "day",
  async run(ctx) {
    // The day this occurrence is for, even when it runs late.
    const p = localParts(ctx.job.dueAt, ctx.timeZone);
    const today = { year: p.year, month: p.month, day: p.day };
    return [...(await birthdays(ctx, today)), ...(await dateFields(ctx, today))];
  },
});
