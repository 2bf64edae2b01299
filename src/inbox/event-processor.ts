// Runs one claimed event: `prepare` (slow, outside any transaction), then the handler and
// "event done" in one transaction. Runs wherever processing runs — inline in tests and the
// console, or in the processor thread under `npm start` — and also records, from the main
// thread, the failures only the main thread can see (a processor that hung or died).
import type { Clock } from "../clock.ts";
import type { Prisma } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { EventHandler, FailureReason } from "./event-handler.ts";
import { inboundEventSchema, type InboundEvent } from "./inbound-event.ts";

/** A row as the claim returns it (attempts already counted, committed before any work). */
export interface ClaimedEvent {
  id: string;
  payload: unknown;
  attempts: number;
  received_at: Date;
  last_error: string | null;
  /** Its place in the queue (inbox-store.ts); absent in rows claimed before turns existed. */
  turn_at?: Date;
}

/** What became of one event, for metrics and the dispatcher's wake-up. */
export interface ProcessReport {
  type: string;
  /** done / ignored: committed; retry: failed, due again later; dead: failed for good. */
  outcome: "done" | "ignored" | "retry" | "dead";
  /** Seconds from receipt to this outcome. */
  seconds: number;
  reason?: FailureReason;
}

/** The first words of last_error for a failure the main thread recorded (see isSuspect). */
const REASON_PREFIX: Record<FailureReason, string> = {
  error: "error: ",
  hung: "hung: ",
  crashed: "crashed: ",
  invalid: "invalid: ",
};

/** An event whose last attempt hung or took its processor down is retried on its own. */
export function isSuspect(row: ClaimedEvent): boolean {
  return row.last_error !== null && (row.last_error.startsWith(REASON_PREFIX.hung) || row.last_error.startsWith(REASON_PREFIX.crashed));
}

export class EventProcessor<P = unknown> {
  constructor(
    private readonly prisma: Prisma,
    private readonly handler: EventHandler<P>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly maxAttempts: number,
  ) {}

  async process(row: ClaimedEvent): Promise<ProcessReport> {
    const eventId = BigInt(row.id);
    const log = this.log.child({ delivery: `inbox-${row.id}` });
    const parsed = inboundEventSchema.safeParse(row.payload);
    if (!parsed.success) {
      await this.prisma.inboxEvent.update({
        where: { id: eventId },
        data: { status: "failed", lastError: `${REASON_PREFIX.invalid}stored payload no longer valid`, leaseUntil: null },
      });
      log.error("inbox: stored payload does not validate; marked failed");
      return this.report(row, "unknown", "dead", "invalid");
    }
    const event = parsed.data;
    const after: Array<(db: Prisma) => Promise<void>> = [];
    const started = this.clock.now();
    try {
      const prepared = this.handler.prepare ? await this.handler.prepare(event, this.prisma, eventId) : undefined;
      const outcome = await this.prisma.$transaction(async (tx) => {
        const result = await this.handler.handle(event, { tx, eventId, log, prepared, afterCommit: (fn) => after.push(fn) });
        // Raw: every event ends with it (a model call costs about three times the CPU).
        await tx.$executeRaw`UPDATE inbox_events SET status = ${result}, processed_at = ${this.clock.now()}, lease_until = NULL, last_error = NULL WHERE id = ${eventId}`;
        return result;
      });
      log.debug({ type: event.type, outcome, ms: this.clock.now().getTime() - started.getTime() }, "inbox: processed");
      for (const fn of after) fn(this.prisma).catch((e) => log.warn({ err: (e as Error).message }, "after-commit task failed"));
      return this.report(row, event.type, outcome);
    } catch (e) {
      const err = e as Error;
      log.error({ err: err.message, stack: err.stack, attempt: row.attempts }, "inbox: processing failed");
      return this.failed(row, "error", err.message);
    }
  }

  /** Records a failed attempt: due again after a backoff, or dead after the last one. The
   * sender and the admins are told of a dead event by the handler's giveUp. */
  async failed(row: ClaimedEvent, reason: FailureReason, message: string): Promise<ProcessReport> {
    const eventId = BigInt(row.id);
    const lastError = (REASON_PREFIX[reason] + message).slice(0, 500);
    const parsed = inboundEventSchema.safeParse(row.payload);
    const type = parsed.success ? parsed.data.type : "unknown";
    if (row.attempts < this.maxAttempts) {
      // Left claimed; it becomes due again when this (shortened) lease runs out.
      const retryAt = new Date(this.clock.now().getTime() + 1_000 * 2 ** row.attempts);
      await this.prisma.inboxEvent.update({ where: { id: eventId }, data: { lastError, leaseUntil: retryAt } });
      return this.report(row, type, "retry", reason);
    }
    this.log.error({ delivery: `inbox-${row.id}`, reason, attempts: row.attempts, err: message }, "inbox: event set aside (dead)");
    await this.prisma.$transaction(async (tx) => {
      if (parsed.success) {
        await this.handler.giveUp(parsed.data, { tx, eventId, log: this.log, afterCommit: () => {} }, reason);
      }
      await tx.inboxEvent.update({ where: { id: eventId }, data: { status: "failed", lastError, leaseUntil: null } });
    });
    return this.report(row, type, "dead", reason);
  }

  private report(row: ClaimedEvent, type: string, outcome: ProcessReport["outcome"], reason?: FailureReason): ProcessReport {
    const seconds = (this.clock.now().getTime() - new Date(row.received_at).getTime()) / 1000;
    return reason ? { type, outcome, seconds, reason } : { type, outcome, seconds };
  }
}
