// 提醒, 我的提醒, 取消提醒, 完成提醒, 推迟提醒: a user's own reminders (no one else's).
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { cancelReminder, completeReminder, createReminder, findOwnReminder, REMINDER_JOB, snoozeReminder, upcomingReminders, type Reminder } from "./reminders.ts";
import { quietRelease } from "../../scheduler/quiet-hours.ts";
import { formatWhen, parseLeadingWhen, parseWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhReminders } from "./messages.ts";
import { cardUpdate, text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, everyonesListing, type ActionContext } from "../../actions/action.ts";

const REMIND_USAGE = "提醒 <时间> <内容>";
const REMIND_EXAMPLE = "提醒 明天下午3点 给张总打电话";

export const reminderCreateAction = defineAction({
  name: "reminder.create",
  command: "提醒",
  aliases: ["remind"],
  gluedPrefixes: ["提醒我", "提醒"],
  summary: "到时间提醒你一件事",
  usage: REMIND_USAGE,
  example: REMIND_EXAMPLE,
  params: z.object({ text: z.string().trim().min(1).max(500) }),
  labels: { text: "时间和内容" },
  fromTokens: (tokens) => ({ ok: true, raw: { text: tokens.join(" ").replace(/^我/, "") || undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const parsed = parseLeadingWhen(p.text, ctx.now, ctx.timeZone);
    if (!parsed) return [text(`${zh.followUpBadTime(p.text.slice(0, 20))}\n${zh.usage(REMIND_USAGE, REMIND_EXAMPLE)}`)];
    const content = parsed.rest.replace(/^[,，:：\s]+/, "");
    if (!content) return [text(`${zh.missingParam("提醒内容")}\n${zh.usage(REMIND_USAGE, REMIND_EXAMPLE)}`)];
    const r = await createReminder(ctx.tx, ctx.actor, { userId: ctx.actor.id, dueAt: parsed.at, content, kind: "manual" }, ctx.now);
    return [text(zhReminders.reminderCreated(r.code, formatWhen(r.dueAt, ctx.timeZone), content, heldUntil(ctx, r.dueAt)))];
  },
});

/** When a reminder due in quiet hours will really reach its owner (null: on time), said up front. */
export function heldUntil(ctx: ActionContext, dueAt: Date): string | null {
  const release = quietRelease(REMINDER_JOB, dueAt, ctx.settings.reminders, ctx.timeZone, ctx.actor.id);
  return release && formatWhen(release, ctx.timeZone);
}

const LIST_LIMIT = 20;

export const reminderListAction = defineAction({
  ...everyonesListing,
  name: "reminder.list",
  command: "我的提醒",
  aliases: ["reminders"],
  summary: "看你接下来的提醒（和已提醒未完成的）",
  usage: "我的提醒",
  example: "我的提醒",
  async run(ctx) {
    const items = await upcomingReminders(ctx.tx, ctx.actor, LIST_LIMIT + 1);
    if (items.length === 0) return [text(zhReminders.remindersEmpty)];
    const shown = items.slice(0, LIST_LIMIT);
    const total = items.length > LIST_LIMIT ? await ctx.tx.reminder.count({ where: { userId: ctx.actor.id, status: { in: ["pending", "fired"] } } }) : items.length;
    const lines = shown.map((r) => zhReminders.remindersLine(r.code, formatWhen(r.dueAt, ctx.timeZone), r.content, r.status === "fired"));
    return [text([zhReminders.remindersTitle(shown.length, total), ...lines].join("\n"))];
  },
});

const codeParam = z.string().trim().regex(/^#?\d{1,9}$/, "提醒编号是数字，发送「我的提醒」查看");

/** The actor's reminder by code, still open; or the answer to give. Others' reminders are "not found" (audited). */
async function ownOpenReminder(ctx: ActionContext, code: string): Promise<{ reminder: Reminder } | { reply: Reply }> {
  const r = await findOwnReminder(ctx.tx, ctx.actor, Number(code.replace("#", "")));
  if (!r) {
    await audit(ctx.tx, { actorId: ctx.actor.id, action: "write_denied", entity: "reminder", detail: { code }, at: ctx.now });
    return { reply: text(zhReminders.reminderNotFound(code)) };
  }
  if (r.status === "done" || r.status === "cancelled") return { reply: text(zhReminders.reminderEnded(r.code, zhReminders.reminderStatus[r.status]!)) };
  return { reminder: r };
}

function onReminder(
  command: string,
  name: string,
  aliases: string[],
  summary: string,
  act: (ctx: ActionContext, r: Reminder) => Promise<Reply>,
) {
  return defineAction({
    name,
    command,
    aliases,
    summary,
    usage: `${command} <编号>`,
    example: `${command} 12`,
    params: z.object({ code: codeParam }),
    labels: { code: "提醒编号" },
    positional: ["code"],
    roles: ALL_ROLES,
    effect: "write",
    async run(ctx, p) {
      const found = await ownOpenReminder(ctx, p.code);
      return ["reply" in found ? found.reply : await act(ctx, found.reminder)];
    },
  });
}

export const reminderCancelAction = onReminder("取消提醒", "reminder.cancel", ["cancelreminder"], "取消一条提醒", async (ctx, r) => {
  await cancelReminder(ctx.tx, ctx.actor, r, ctx.now);
  return text(zhReminders.reminderCancelled(r.code));
});

export const reminderDoneAction = onReminder("完成提醒", "reminder.done", ["done"], "把一条提醒标为完成", async (ctx, r) => {
  await completeReminder(ctx.tx, ctx.actor, r, ctx.now);
  return cardUpdate(ctx.card, zhReminders.reminderDoneLabel, zhReminders.reminderCompleted(r.code));
});

const SNOOZE_USAGE = "推迟提醒 <编号> <1小时|明天|时间>";

export const reminderSnoozeAction = defineAction({
  name: "reminder.snooze",
  command: "推迟提醒",
  aliases: ["snooze"],
  summary: "把一条提醒推迟（1小时、明天或指定时间）",
  usage: SNOOZE_USAGE,
  example: "推迟提醒 12 明天",
  params: z.object({ code: codeParam, when: z.string().trim().min(1).max(40).default("1小时") }),
  labels: { code: "提醒编号", when: "时间" },
  fromTokens: ([code, ...rest]) => ({ ok: true, raw: { code, when: rest.length ? rest.join(" ") : undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const found = await ownOpenReminder(ctx, p.code);
    if ("reply" in found) return [found.reply];
    const r = found.reminder;
    const until = snoozeUntil(p.when, ctx.now, ctx.timeZone);
    if (!until) return [text(`${zh.followUpBadTime(p.when)}\n${zh.usage(SNOOZE_USAGE, "推迟提醒 12 明天")}`)];
    const moved = await snoozeReminder(ctx.tx, ctx.actor, r, until, ctx.now);
    return [cardUpdate(ctx.card, zhReminders.reminderSnoozedLabel, zhReminders.reminderSnoozed(r.code, formatWhen(moved.dueAt, ctx.timeZone), heldUntil(ctx, moved.dueAt)))];
  },
});

/** A time (明天 → tomorrow 09:00), or a span from now without its 后 (1小时, 半小时, 3天). */
function snoozeUntil(when: string, now: Date, timeZone: string): Date | null {
  return parseWhen(when, now, timeZone) ?? parseWhen(`${when.replace(/\s+/g, "")}后`, now, timeZone);
}

export const reminderActions = [reminderCreateAction, reminderListAction, reminderCancelAction, reminderDoneAction, reminderSnoozeAction];
