// Processes stored deliveries: claims them with a lease (so a crash or a second replica
// never loses or doubles one), runs the handler and marks the event done in the same
// transaction as the handler's changes and replies.
import { performance } from "node:perf_hooks";
import type { Clock } from "../clock.ts";
import type { Database, Prisma } from "../db/database.ts";
import type { Tx } from "../db/tx.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import { Loop } from "../util/loop.ts";
import { forEachLimited, sleep, yieldToEventLoop } from "../util/pace.ts";
import { inboundEventSchema, type InboundEvent } from "./inbound-event.ts";

export interface HandlerContext<P = unknown> {
  tx: Tx;
  /** What `prepare` worked out before the transaction (undefined without a prepare). */
  prepared?: P;
  eventId: bigint;
  log: Logger;
  /** Work to run after the transaction commits (best effort, e.g. profile refresh). */
  afterCommit(fn: (db: Prisma) => Promise<void>): void;
}

export interface EventHandler<P = unknown> {
  /** Slow work that must not hold a transaction open (a language model call), run before
   * `handle`'s transaction; it reads with the plain client and must not write. */
  prepare?(event: InboundEvent, db: Prisma): Promise<P | undefined>;
  /** Returns "ignored" when the event needs nothing (stored for the record only). */
  handle(event: InboundEvent, ctx: HandlerContext<P>): Promise<"done" | "ignored">;
  /** Called inside a transaction when an event has failed for good: tell the sender. */
  giveUp(event: InboundEvent, ctx: HandlerContext): Promise<void>;
}

export interface WorkerOptions {
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  pollMs: number;
  /** Senders processed in parallel (1 on PGlite: one connection, one thread). */
  concurrency: number;
  /** While deliveries keep arriving, pause this many times an event's cost after it, so
   * acknowledging (which WeCom times at 5 s) always wins over processing. 0: never. */
  ingestPriority: number;
  /** Returns true while deliveries are arriving. */
  ingestActive: () => boolean;
}

const defaults: WorkerOptions = {
  batchSize: 50,
  leaseMs: 60_000,
  maxAttempts: 3,
  pollMs: 1_000,
  concurrency: 4,
  ingestPriority: 3,
  ingestActive: () => false,
};

interface ClaimedEvent {
  id: string;
  payload: unknown;
  attempts: number;
  received_at: Date;
}

export class InboxWorker<P = unknown> {
  private readonly loop: Loop;
  private readonly options: WorkerOptions;
  /** Called after each committed event (the dispatcher's wake-up). */
  onProcessed: () => void = () => {};

  constructor(
    private readonly db: Database,
    private readonly handler: EventHandler<P>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
    this.loop = new Loop("inbox", () => this.runOnce(), this.options.pollMs, log);
  }

  start(): void {
    this.loop.start();
  }
  wake(): void {
    this.loop.wake();
  }
  stop(): Promise<void> {
    return this.loop.stop();
  }

  async runOnce(): Promise<number> {
    const now = this.clock.now();
    // A sender's events go in order: skip senders with an event still being processed.
    const rows = await this.db.query<ClaimedEvent>(
      `UPDATE inbox_events SET status = 'processing', lease_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT e.id FROM inbox_events e
         WHERE (e.status = 'pending' OR (e.status = 'processing' AND e.lease_until < $1))
           AND NOT EXISTS (SELECT 1 FROM inbox_events b
                           WHERE b.status = 'processing' AND b.lease_until >= $1
                             AND b.channel = e.channel AND b.sender_id = e.sender_id)
         ORDER BY e.id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, payload, attempts, received_at`,
      [now, new Date(now.getTime() + this.options.leaseMs), this.options.batchSize],
    );
    const bySender = new Map<string, ClaimedEvent[]>();
    for (const r of rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
      const p = r.payload as { channel?: string; sender?: string };
      const k = `${p.channel}\u0000${p.sender}`;
      bySender.set(k, [...(bySender.get(k) ?? []), r]);
    }
    await forEachLimited([...bySender.values()], this.options.concurrency, async (events) => {
      for (const e of events) {
        const started = performance.now();
        await this.process(e);
        await this.giveWay(performance.now() - started);
      }
    });
    return rows.length;
  }

  /** Lets queued HTTP requests run; backs off further while deliveries keep arriving. */
  private async giveWay(costMs: number): Promise<void> {
    await yieldToEventLoop();
    if (this.options.ingestPriority > 0 && this.options.ingestActive()) {
      await sleep(Math.min(250, Math.max(2, costMs * this.options.ingestPriority)));
    }
  }

  private async process(row: ClaimedEvent): Promise<void> {
    const eventId = BigInt(row.id);
    const log = this.log.child({ delivery: `inbox-${row.id}` });
    const parsed = inboundEventSchema.safeParse(row.payload);
    if (!parsed.success) {
      await this.db.prisma.inboxEvent.update({
        where: { id: eventId },
        data: { status: "failed", lastError: "stored payload no longer valid", leaseUntil: null },
      });
      log.error("inbox: stored payload does not validate; marked failed");
      return;
    }
    const event = parsed.data;
    const after: Array<(db: Prisma) => Promise<void>> = [];
    const started = this.clock.now();
    try {
      const prepared = this.handler.prepare ? await this.handler.prepare(event, this.db.prisma) : undefined;
      const outcome = await this.db.prisma.$transaction(async (tx) => {
        const result = await this.handler.handle(event, { tx, eventId, log, prepared, afterCommit: (fn) => after.push(fn) });
        await tx.inboxEvent.update({
          where: { id: eventId },
          data: { status: result, processedAt: this.clock.now(), leaseUntil: null, lastError: null },
        });
        return result;
      });
      this.metrics.processing.observe(
        { type: event.type, result: outcome },
        (this.clock.now().getTime() - new Date(row.received_at).getTime()) / 1000,
      );
      log.debug({ type: event.type, outcome, ms: this.clock.now().getTime() - started.getTime() }, "inbox: processed");
      this.onProcessed();
      for (const fn of after) fn(this.db.prisma).catch((e) => log.warn({ err: (e as Error).message }, "after-commit task failed"));
    } catch (e) {
      await this.recordFailure(row, event, eventId, e as Error, log);
    }
  }

  private async recordFailure(row: ClaimedEvent, event: InboundEvent, eventId: bigint, err: Error, log: Logger) {
    const final = row.attempts >= this.options.maxAttempts;
    log.error({ err: err.message, stack: err.stack, attempt: row.attempts, final }, "inbox: processing failed");
    this.metrics.processing.observe({ type: event.type, result: "error" }, 0);
    if (!final) {
      // Leave it claimed; it becomes due again when the (shortened) lease runs out.
      const retryAt = new Date(this.clock.now().getTime() + 1_000 * 2 ** row.attempts);
      await this.db.prisma.inboxEvent.update({
        where: { id: eventId },
        data: { lastError: err.message.slice(0, 500), leaseUntil: retryAt },
      });
      return;
    }
    await this.db.prisma.$transaction(async (tx) => {
      await this.handler.giveUp(event, { tx, eventId, log, afterCommit: () => {} });
      await tx.inboxEvent.update({
        where: { id: eventId },
        data: { status: "failed", lastError: err.message.slice(0, 500), leaseUntil: null },
      });
    });
    this.onProcessed();
  }
}
