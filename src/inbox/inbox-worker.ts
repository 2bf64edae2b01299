// Claims stored deliveries with a lease (so a crash or a second replica never loses or
// doubles one) and hands each to an executor: inline (tests, console) or the processor
// thread (`npm start`), which runs the handler and marks the event done in the same
// transaction as the handler's changes and replies. The claim counts the attempt before
// any work, so an event that takes its processor down is retried at most twice, then set
// aside (dead) with its sender and the admins told; the rest of the queue goes on.
import { performance } from "node:perf_hooks";
import type { Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import { Loop } from "../util/loop.ts";
import { forEachLimited, sleep, yieldToEventLoop } from "../util/pace.ts";
import { isSuspect, type ClaimedEvent, type EventProcessor, type ProcessReport } from "./event-processor.ts";

/** What became of an event handed to an executor. */
export type ExecResult =
  | { kind: "report"; report: ProcessReport }
  /** Its processing passed the deadline, or the processor stopped answering / died under it. */
  | { kind: "hung" | "crashed"; detail: string }
  /** Stopped because another event took the processor down: not its fault, run it again. */
  | { kind: "interrupted" };

export interface EventExecutor {
  run(row: ClaimedEvent): Promise<ExecResult>;
}

/** Runs events on this thread (tests drive it step by step with a manual clock). */
export function inlineExecutor(processor: EventProcessor): EventExecutor {
  return { run: async (row) => ({ kind: "report", report: await processor.process(row) }) };
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

/** The claim looks at this many times a batch of the earliest turns. */
const CLAIM_WINDOW = 10;
/** At most this many of one sender's events in a batch. */
const PER_SENDER = 4;

const defaults: WorkerOptions = {
  batchSize: 50,
  leaseMs: 60_000,
  maxAttempts: 3,
  pollMs: 1_000,
  concurrency: 4,
  ingestPriority: 3,
  ingestActive: () => false,
};

export class InboxWorker {
  private readonly loop: Loop;
  private readonly options: WorkerOptions;
  /** Called after each committed event (the dispatcher's wake-up). */
  onProcessed: () => void = () => {};

  constructor(
    private readonly db: Database,
    private readonly executor: EventExecutor,
    /** Records, on this thread, the failures an executor reports (hung, crashed). */
    private readonly failures: EventProcessor,
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
    // Turns in order (fair between senders, see inbox-store.ts) among a bounded window of the
    // earliest turns plus any whose lease ran out, at most PER_SENDER of one sender's (a long
    // queue of theirs takes several batches, others' go in between); a sender's events go in
    // order, so senders with an event still being processed are skipped.
    const rows = await this.db.query<ClaimedEvent>(
      `UPDATE inbox_events SET status = 'processing', lease_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT e.id FROM inbox_events e
         WHERE e.id IN (
           SELECT c.id FROM (
             SELECT w.id, row_number() OVER (PARTITION BY w.channel, w.sender_id ORDER BY w.turn_at, w.id) AS nth
             FROM inbox_events w
             WHERE w.id IN ((SELECT id FROM inbox_events WHERE status = 'pending' ORDER BY turn_at, id LIMIT $4)
                            UNION ALL
                            (SELECT id FROM inbox_events WHERE status = 'processing' AND lease_until < $1 ORDER BY id LIMIT $3))
               AND NOT EXISTS (SELECT 1 FROM inbox_events b
                               WHERE b.status = 'processing' AND b.lease_until >= $1
                                 AND b.channel = w.channel AND b.sender_id = w.sender_id)) c
           WHERE c.nth <= $5)
           AND (e.status = 'pending' OR (e.status = 'processing' AND e.lease_until < $1))
         ORDER BY e.turn_at, e.id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, payload, attempts, received_at, last_error, turn_at`,
      [now, new Date(now.getTime() + this.options.leaseMs), this.options.batchSize, this.options.batchSize * CLAIM_WINDOW, PER_SENDER],
    );
    rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    // Claimed more often than allowed: each earlier attempt took its process down before it
    // could record anything (the counter was committed before the work).
    for (const r of rows.filter((r) => r.attempts > this.options.maxAttempts)) {
      await this.settle(r, { kind: "crashed", detail: `no outcome after ${r.attempts - 1} attempts (the process stopped)` });
    }
    const live = rows.filter((r) => r.attempts <= this.options.maxAttempts);
    // One that hung or crashed last time runs alone, so it cannot take others down with it.
    for (const r of live.filter(isSuspect)) await this.settle(r, await this.executor.run(r));
    const bySender = new Map<string, ClaimedEvent[]>();
    for (const r of live.filter((r) => !isSuspect(r))) {
      const p = r.payload as { channel?: string; sender?: string };
      const k = `${p.channel}\u0000${p.sender}`;
      bySender.set(k, [...(bySender.get(k) ?? []), r]);
    }
    // Senders by their first turn; each sender's events in the order they came.
    const turn = (e: ClaimedEvent) => new Date(e.turn_at ?? e.received_at).getTime();
    const lanes = [...bySender.values()].sort((a, b) => turn(a[0]!) - turn(b[0]!));
    await forEachLimited(lanes, this.options.concurrency, async (events) => {
      for (const e of events) {
        const started = performance.now();
        await this.settle(e, await this.executor.run(e));
        await this.giveWay(performance.now() - started);
      }
    });
    return rows.length;
  }

  /** Metrics, the dispatcher's wake-up, and what only this thread can record. */
  private async settle(row: ClaimedEvent, result: ExecResult): Promise<void> {
    if (result.kind === "interrupted") {
      await this.db.query(
        `UPDATE inbox_events SET status = 'pending', attempts = GREATEST(attempts - 1, 0), lease_until = NULL
         WHERE id = $1 AND status = 'processing'`,
        [row.id],
      );
      return;
    }
    const report = result.kind === "report" ? result.report : await this.failures.failed(row, result.kind, result.detail);
    this.metrics.processing.observe({ type: report.type, result: report.outcome }, report.seconds);
    if (report.outcome === "dead") this.metrics.inboxDead.inc({ reason: report.reason ?? "error" });
    this.onProcessed();
  }

  /** Lets queued HTTP requests run; backs off further while deliveries keep arriving. */
  private async giveWay(costMs: number): Promise<void> {
    await yieldToEventLoop();
    if (this.options.ingestPriority > 0 && this.options.ingestActive()) {
      await sleep(Math.min(250, Math.max(2, costMs * this.options.ingestPriority)));
    }
  }
}
