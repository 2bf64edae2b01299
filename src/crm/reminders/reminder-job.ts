// Fires a Reminder: a card with 完成 / 1小时后 / 明天再提醒 (buttons run commands as the
// clicking user, so only the owner can act); late ones say so.
import { z } from "zod";
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import { markFired, REMINDER_JOB } from "./reminders.ts";
import { formatWhen } from "../../time/when.ts";
import { zhReminders } from "./messages.ts";
import { card } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { clipText as clip } from "../../util/clip-text.ts";


export const reminderJob = defineJobKind({
  kind: REMINDER_JOB,
  payload: z.object({ reminderId: z.uuid() }),
  quiet: "defer",
  async run(ctx, p) {
    const r = await markFired(ctx.tx, p.reminderId, ctx.job.dueAt, ctx.now);
    if (!r) return [];
    const late = ctx.lateMinutes
      ? zhReminders.lateNote(zhReminders.lateMinutes(ctx.lateMinutes))
      : ctx.quietRelease
        ? zhReminders.quietHeldNote(formatWhen(ctx.quietRelease, ctx.timeZone).replace(/^.+ /, ""))
        : "";
    const when = formatWhen(r.dueAt, ctx.timeZone);
    const cmd = (c: string) => `${COMMAND_KEY_PREFIX}${c} ${r.code}`;
    return [
      {
        userId: r.userId,
        line: zhReminders.reminderLine(r.code, when, r.content, late),
        reply: card({
          taskId: `rem-${r.code}-${ctx.job.id}`,
          title: zhReminders.reminderTitle(r.kind),
          description: clip(`${when}${late}`, 44),
          quote: clip(r.content, 200),
          buttons: [
            { key: cmd("完成提醒"), text: zhReminders.reminderDoneButton, style: "primary" },
            { key: `${cmd("推迟提醒")} 1小时`, text: zhReminders.reminderHourButton, style: "default" },
            { key: `${cmd("推迟提醒")} 明天`, text: zhReminders.reminderTomorrowButton, style: "default" },
          ],
        }),
      },
    ];
  },
});
