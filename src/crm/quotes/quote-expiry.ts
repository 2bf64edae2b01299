// A sent quote's validity: remindDaysBefore days ahead of its last valid day (09:00 local) the
// owner is reminded, once per sent version; a quote answered, changed or resent meanwhile is
// left alone (the job checks the version and status it was scheduled for).
import { z } from "zod";
import type { Tx } from "../../db/tx.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";
import { atLocal } from "../../util/local-time.ts";
import { zhQuotes } from "./messages.ts";

export const QUOTE_EXPIRY_JOB = "quote.expiry";

export function scheduleExpiryReminder(tx: Tx, q: { id: string; code: number; version: number; ownerId: string | null }, validUntil: string, daysBefore: number, timeZone: string, now: Date) {
  if (!q.ownerId) return Promise.resolve(0);
  const [y, m, d] = validUntil.split("-").map(Number) as [number, number, number];
  const dueAt = new Date(atLocal(y, m, d, 9 * 60, timeZone).getTime() - daysBefore * 86_400_000);
  if (dueAt <= now) return Promise.resolve(0);
  return scheduleJob(
    tx,
    { kind: QUOTE_EXPIRY_JOB, dueAt, uniqueKey: `quote-expiry:${q.id}:${q.version}`, recipientId: q.ownerId, payload: { quoteId: q.id, version: q.version, validUntil } },
    now,
  );
}

export const quoteExpiryJob = defineJobKind({
  kind: QUOTE_EXPIRY_JOB,
  payload: z.object({ quoteId: z.uuid(), version: z.number().int().positive(), validUntil: z.string() }),
  quiet: "defer",
  async run(ctx, p) {
    const q = await ctx.tx.quote.findUnique({ where: { id: p.quoteId }, include: { opportunity: { include: { customer: { select: { name: true } } } } } });
    if (!q || !q.ownerId || q.version !== p.version || q.status !== "sent") return [];
    const line = zhQuotes.expiring(q.code, q.version, q.opportunity.customer.name, p.validUntil);
    return [{ userId: q.ownerId, line, reply: text(line) }];
  },
});
