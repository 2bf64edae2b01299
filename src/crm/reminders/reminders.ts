// Reminders: something to tell one user at a time. Each pending reminder has a job that
// fires it (unique per reminder and due time), created in the same transaction.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Reminder } from "../../generated/prisma/client.ts";
import { cancelJobs, scheduleJob } from "../../scheduler/jobs.ts";

export type { Reminder };
export const REMINDER_JOB = "reminder";

export interface NewReminder {
  userId: string;
  dueAt: Date;
  content: string;
  kind: string;
  refType?: string;
  refId?: string;
}

const jobKey = (r: Pick<Reminder, "id" | "dueAt">) => `${REMINDER_JOB}:${r.id}:${r.dueAt.getTime()}`;

function scheduleFiring(tx: Tx, r: Reminder, now: Date) {
  return scheduleJob(tx, { kind: REMINDER_JOB, dueAt: r.dueAt, uniqueKey: jobKey(r), recipientId: r.userId, payload: { reminderId: r.id } }, now);
}

export async function createReminder(tx: Tx, actor: User, input: NewReminder, now: Date): Promise<Reminder> {
  const reminder = await tx.reminder.create({ data: { ...input, createdAt: now } });
  await scheduleFiring(tx, reminder, now);
  await audit(tx, { actorId: actor.id, action: "create", entity: "reminder", entityId: reminder.id, detail: { dueAt: input.dueAt.toISOString(), kind: input.kind }, at: now });
  return reminder;
}

/** The user's own reminder by its code (others' reminders are as if they did not exist). */
export function findOwnReminder(tx: Tx, user: User, code: number): Promise<Reminder | null> {
  return tx.reminder.findFirst({ where: { code, userId: user.id } });
}

export function upcomingReminders(tx: Tx, user: User, limit: number) {
  return tx.reminder.findMany({ where: { userId: user.id, status: { in: ["pending", "fired"] } }, orderBy: { dueAt: "asc" }, take: limit });
}

export async function cancelReminder(tx: Tx, actor: User, r: Reminder, now: Date): Promise<void> {
  await tx.reminder.update({ where: { id: r.id }, data: { status: "cancelled" } });
  await cancelJobs(tx, [jobKey(r)], now);
  await audit(tx, { actorId: actor.id, action: "cancel", entity: "reminder", entityId: r.id, at: now });
}

export async function completeReminder(tx: Tx, actor: User, r: Reminder, now: Date): Promise<void> {
  await tx.reminder.update({ where: { id: r.id }, data: { status: "done", doneAt: now } });
  await cancelJobs(tx, [jobKey(r)], now);
  await audit(tx, { actorId: actor.id, action: "complete", entity: "reminder", entityId: r.id, at: now });
}

/** Moves a reminder to a new time; the old firing is cancelled, a new one scheduled. */
export async function snoozeReminder(tx: Tx, actor: User, r: Reminder, until: Date, now: Date): Promise<Reminder> {
  await cancelJobs(tx, [jobKey(r)], now);
  const moved = await tx.reminder.update({ where: { id: r.id }, data: { dueAt: until, status: "pending", firedAt: null } });
  await scheduleFiring(tx, moved, now);
  await audit(tx, {
    actorId: actor.id,
    action: "snooze",
    entity: "reminder",
    entityId: r.id,
    detail: { before: { dueAt: r.dueAt.toISOString() }, after: { dueAt: until.toISOString() } },
    at: now,
  });
  return moved;
}

/** Marks a reminder fired if it is still pending at this due time; false when it moved or ended. */
export async function markFired(tx: Tx, reminderId: string, dueAt: Date, now: Date): Promise<Reminder | null> {
  const r = await tx.reminder.updateMany({ where: { id: reminderId, status: "pending", dueAt }, data: { status: "fired", firedAt: now } });
  return r.count ? tx.reminder.findUnique({ where: { id: reminderId } }) : null;
}
