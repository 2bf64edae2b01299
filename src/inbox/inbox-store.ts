// Stores accepted deliveries exactly once, before the HTTP 200. Concurrent deliveries are
// group-committed: while one INSERT runs, the next ones queue and go in together as one
// multi-row INSERT, so throughput under load is bounded by round trips, not rows.
// Each delivery gets its turn (turn_at) as it is stored: a sender's waiting deliveries are
// spaced TURN_SPACING_MS apart in virtual time, so the worker, which takes turns in order,
// interleaves senders — a flood from one person waits behind everyone else's next message
// instead of in front of it. Taps on cards and menus go INTERACTIVE_LEAD_MS ahead.
// One row the database refuses must not fail its batch: when a batch fails for its data,
// its rows are retried one by one; a row refused for its data (SQLSTATE class 22) is dropped with
// InboxRowRefusedError (the receiver answers 400), every other error stays "unavailable".
import type { Database } from "../db/database.ts";
import type { InboundEvent } from "./inbound-event.ts";
import { ActivitySignal } from "../util/pace.ts";
import { stripNul } from "../util/strip-nul.ts";
import type { InboxSpool } from "./inbox-spool.ts";

export type AcceptResult = "accepted" | "duplicate";

interface Pending {
  event: InboundEvent;
  resolve: (r: AcceptResult) => void;
  reject: (e: unknown) => void;
}

/** Settles once: a spooled delivery was already answered when its INSERT finishes. */
function once(resolve: (r: AcceptResult) => void, reject: (e: unknown) => void, timer?: { id?: NodeJS.Timeout }) {
  let done = false;
  return {
    resolve: (r: AcceptResult) => {
      if (!done) (done = true), clearTimeout(timer?.id), resolve(r);
    },
    reject: (e: unknown) => {
      if (!done) (done = true), clearTimeout(timer?.id), reject(e);
    },
    settled: () => done,
  };
}

export class InboxUnavailableError extends Error {}
/** The database refused this delivery's data (not a passing outage): retrying cannot help. */
export class InboxRowRefusedError extends Error {}

const MAX_BATCH = 200;
/** Virtual time between one sender's waiting deliveries. */
export const TURN_SPACING_MS = 100;
/** How far ahead of plain messages a tap on a card or menu is taken. */
export const INTERACTIVE_LEAD_MS = 10_000;
const INTERACTIVE_TYPES: ReadonlySet<string> = new Set(["card_action", "menu_click"]);

export class InboxStore {
  private queue: Pending[] = [];
  private flushing = false;
  private idleWaiters: Array<() => void> = [];
  /** When deliveries last arrived: background work gives way while they keep coming. */
  readonly activity = new ActivitySignal();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly onStored: () => void,
    /** The embedded database's spool (see inbox-spool.ts); absent: always wait for the INSERT. */
    private readonly spool?: InboxSpool,
  ) {
    if (spool) {
      // Left over from a crash: stored at the next idle moment (one is due now).
      spool.markPossiblyPending();
      void this.flush();
    }
  }

  accept(event: InboundEvent): Promise<AcceptResult> {
    this.activity.mark();
    return new Promise((resolve, reject) => {
      const timer: { id?: NodeJS.Timeout } = {};
      const settle = once(resolve, reject, timer);
      const p = { event: stripNul(event), resolve: settle.resolve, reject: settle.reject };
      const spool = this.spool;
      if (spool) {
        timer.id = setTimeout(() => {
          if (!settle.settled()) spool.append(p.event).then(() => settle.resolve("accepted"), () => {});
        }, spool.afterMs);
      }
      this.queue.push(p);
      if (!this.flushing) void this.flush();
    });
  }

  /** Resolves when nothing is waiting to be written (graceful shutdown). */
  idle(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        this.settle(batch, await this.insert(batch.map((p) => p.event)));
      } catch (e) {
        if (isDataError(e) && batch.length > 1) await this.oneByOne(batch);
        // An outage fails the deliveries queued meanwhile too: each would wait out its own
        // timeout in turn, and the platform's 5 s would pass before the last got its 503.
        else for (const p of isDataError(e) ? batch : [...batch, ...this.queue.splice(0)]) this.fail(p, e);
      }
    }
    if (this.spool?.pending) await this.drainSpool();
    this.flushing = false;
    if (this.queue.length > 0) return this.flush();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Idle: whatever was spooled is stored (again; duplicates are ignored), then the file goes. */
  private async drainSpool(): Promise<void> {
    const spool = this.spool!;
    try {
      const events = await spool.read();
      for (let i = 0; i < events.length; i += MAX_BATCH) {
        if ((await this.insert(events.slice(i, i + MAX_BATCH))).size > 0) this.onStored();
      }
      await spool.clear();
    } catch {
      // The database is still unavailable: the file stays, for the next idle moment.
    }
  }

  private settle(batch: Pending[], stored: Set<string>): void {
    const seen = new Set<string>();
    let any = false;
    for (const p of batch) {
      const key = p.event.channel + "\u0000" + p.event.deliveryKey;
      const isNew = stored.has(key) && !seen.has(key);
      seen.add(key);
      any ||= isNew;
      p.resolve(isNew ? "accepted" : "duplicate");
    }
    if (any) this.onStored();
  }

  /** After a failed batch: each row on its own, so one refused row fails only itself. */
  private async oneByOne(batch: Pending[]): Promise<void> {
    for (const p of batch) {
      try {
        this.settle([p], await this.insert([p.event]));
      } catch (e) {
        this.fail(p, e);
      }
    }
  }

  private fail(p: Pending, e: unknown): void {
    const message = `inbox insert failed: ${(e as Error).message}`;
    p.reject(isDataError(e) ? new InboxRowRefusedError(message) : new InboxUnavailableError(message));
  }

  private async insert(events: InboundEvent[]): Promise<Set<string>> {
    const values: string[] = [];
    const params: unknown[] = [];
    const at = this.now();
    /** A sender's deliveries earlier in this batch: each later one takes the next turn. */
    const earlier = new Map<string, number>();
    for (const e of events) {
      const i = params.length;
      const key = e.channel + "\u0000" + e.sender;
      const k = earlier.get(key) ?? 0;
      earlier.set(key, k + 1);
      values.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}, $${i + 6}::timestamptz, $${i + 7}::int, $${i + 8}::int)`);
      params.push(e.channel, e.deliveryKey, e.type, e.sender, JSON.stringify(e), at, k, INTERACTIVE_TYPES.has(e.type) ? INTERACTIVE_LEAD_MS : 0);
    }
    // turn = the later of (now, less the lead of a tap) and the sender's last waiting turn
    // plus one spacing; then one spacing more per earlier delivery of theirs in this batch.
    const rows = await this.db.priorityQuery<{ channel: string; dedupe_key: string }>(
      `INSERT INTO inbox_events (channel, dedupe_key, type, sender_id, payload, received_at, turn_at)
       SELECT v.channel, v.dedupe_key, v.type, v.sender_id, v.payload::jsonb, v.at,
              GREATEST(v.at - v.lead_ms * interval '1 millisecond',
                       (SELECT max(p.turn_at) FROM inbox_events p
                        WHERE p.channel = v.channel AND p.sender_id = v.sender_id AND p.status IN ('pending', 'processing'))
                         + interval '${TURN_SPACING_MS} milliseconds')
                + v.k * interval '${TURN_SPACING_MS} milliseconds'
       FROM (VALUES ${values.join(", ")}) AS v(channel, dedupe_key, type, sender_id, payload, at, k, lead_ms)
       ON CONFLICT (channel, dedupe_key) DO NOTHING
       RETURNING channel, dedupe_key`,
      params,
    );
    return new Set(rows.map((r) => r.channel + "\u0000" + r.dedupe_key));
  }
}

/** SQLSTATE class 22 (data exception): the row itself is unacceptable, not the database down. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("22");
}
