// Sends what the outbox holds: claims due messages with a lease (safe across replicas),
// throttles per recipient (WeCom silently drops bursts to one member), retries with
// exponential backoff and jitter, and gives up loudly after maxAttempts. A message carrying a
// `track` reference has its outcome (sent, or failed for good with the platform's code) handed
// to the outcome listener in the transaction that records it, so whoever sent it can be told:
// the outbox knows no business, the listener does.
import type { Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";
import type { Tx } from "../db/tx.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import { replySchema } from "../render/reply.ts";
import { withUniqueTaskId } from "./unique-task-id.ts";
import { SendError, type ChannelSender } from "./channel-sender.ts";
import { Loop } from "../util/loop.ts";
import { forEachLimited, yieldToEventLoop } from "../util/pace.ts";

export interface DispatcherOptions {
  batchSize: number;
  maxAttempts: number;
  leaseMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  perRecipientPerMinute: number;
  perRecipientPerHour: number;
  /** After a configuration error the channel pauses this long before one quiet re-probe. */
  configPauseMs: number;
  pollMs: number;
  /** Recipients served in parallel (sending is mostly waiting on WeCom). */
  concurrency: number;
  random: () => number;
}

export const defaultDispatcherOptions: DispatcherOptions = {
  batchSize: 50,
  maxAttempts: 12,
  leaseMs: 60_000,
  baseBackoffMs: 2_000,
  maxBackoffMs: 15 * 60_000,
  perRecipientPerMinute: 25,
  perRecipientPerHour: 900,
  configPauseMs: 15 * 60_000,
  pollMs: 1_000,
  concurrency: 8,
  random: Math.random,
};

/** last_error of a message held back by a configuration error: released at once by a
 * restart (the documented fix) or by the channel's next successful send. */
const CONFIG_HELD = "held: configuration error";

/** What became of a tracked message: sent, or given up (reason and the platform's code). */
export interface DeliveryOutcome {
  track: string;
  channel: string;
  recipient: string;
  status: "sent" | "failed";
  reason: string | null;
  code: string | null;
}

/** Runs in the transaction that records the outcome: what it writes (and enqueues) commits with it. */
export type OutcomeListener = (tx: Tx, outcome: DeliveryOutcome, now: Date) => Promise<void>;

interface ClaimedRow {
  id: string;
  channel: string;
  recipient: string;
  body: unknown;
  attempts: number;
  cause_event_id: string | null;
}

export class OutboxDispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly configErrorReported = new Set<string>();
  private releasedAtStart = false;
  private started = false;
  private readonly loop: Loop;
  readonly options: DispatcherOptions;

  constructor(
    private readonly db: Database,
    senders: ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    options: Partial<DispatcherOptions> = {},
    private readonly onOutcome?: OutcomeListener,
  ) {
    for (const s of senders) this.senders.set(s.channel, s);
    this.options = { ...defaultDispatcherOptions, ...options };
    this.loop = new Loop("outbox", () => this.runOnce(), this.options.pollMs, log);
  }

  start(): void {
    this.started = true;
    this.loop.start();
  }
  wake(): void {
    this.loop.wake();
  }
  /** Something queued outside the worker's rhythm (a notice while an event still runs): the
   * running loop is woken; without it (the console, tests driving `drain`) one pass runs now.
   * Claims carry leases, so a pass beside another never sends a message twice. */
  nudge(): void {
    if (this.started) this.wake();
    else this.runOnce().catch((e: unknown) => this.log.warn({ err: (e as Error).message }, "outbox: an out-of-turn pass failed"));
  }
  stop(): Promise<void> {
    this.started = false;
    return this.loop.stop();
  }

  /** Channels whose configuration is broken (for /healthz). */
  configErrors(): string[] {
    return [...this.configErrorReported];
  }

  /** Claims and sends one batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    if (!this.releasedAtStart) {
      // A restart is how a fixed configuration is applied: what it held goes out now.
      await this.releaseConfigHeld([...this.senders.keys()]);
      this.releasedAtStart = true;
    }
    const now = this.clock.now();
    const channels = [...this.senders.keys()].filter((c) => (this.pausedUntil.get(c) ?? 0) <= now.getTime());
    if (channels.length === 0) return 0;
    const rows = await this.db.query<ClaimedRow>(
      `UPDATE outbox_messages SET status = 'sending', lease_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox_messages
         WHERE channel = ANY($3::text[])
           AND ((status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until < $1))
         ORDER BY next_attempt_at, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, channel, recipient, body, attempts, cause_event_id::text AS cause_event_id`,
      [now, new Date(now.getTime() + this.options.leaseMs), channels, this.options.batchSize],
    );
    const byRecipient = new Map<string, ClaimedRow[]>();
    for (const r of rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
      const k = `${r.channel}\u0000${r.recipient}`;
      byRecipient.set(k, [...(byRecipient.get(k) ?? []), r]);
    }
    await forEachLimited([...byRecipient.values()], this.options.concurrency, (group) => this.sendGroup(group));
    return rows.length;
  }

  private async sendGroup(group: ClaimedRow[]): Promise<void> {
    const first = group[0]!;
    const budget = await this.recipientBudget(first.channel, first.recipient);
    let sent = 0;
    for (const [i, row] of group.entries()) {
      if (sent >= budget.remaining) {
        await this.defer(group.slice(i), budget.freeAt);
        return;
      }
      await yieldToEventLoop();
      const outcome = await this.sendOne(row);
      if (outcome === "sent") sent++;
      if (outcome === "paused") {
        await this.defer(group.slice(i + 1), new Date(this.clock.now().getTime() + this.options.configPauseMs), CONFIG_HELD);
        return;
      }
    }
  }

  /** How many more messages this recipient may get now, and when the window frees. */
  private async recipientBudget(channel: string, recipient: string): Promise<{ remaining: number; freeAt: Date }> {
    const now = this.clock.now().getTime();
    const minuteAgo = new Date(now - 60_000);
    const hourAgo = new Date(now - 3_600_000);
    const [r] = await this.db.query<{ minute: number; hour: number; oldest_minute: Date | null; oldest_hour: Date | null }>(
      `SELECT count(*) FILTER (WHERE sent_at > $3)::int AS minute, count(*)::int AS hour,
              min(sent_at) FILTER (WHERE sent_at > $3) AS oldest_minute, min(sent_at) AS oldest_hour
       FROM outbox_messages WHERE channel = $1 AND recipient = $2 AND sent_at > $4`,
      [channel, recipient, minuteAgo, hourAgo],
    );
    const minute = Number(r?.minute ?? 0);
    const hour = Number(r?.hour ?? 0);
    const perMinute = Math.min(this.options.perRecipientPerMinute, this.senders.get(channel)?.perRecipientPerMinute ?? Infinity);
    const remaining = Math.max(0, Math.min(perMinute - minute, this.options.perRecipientPerHour - hour));
    const hourFull = hour >= this.options.perRecipientPerHour && r?.oldest_hour;
    const freeAt = hourFull
      ? new Date(new Date(r.oldest_hour!).getTime() + 3_600_000)
      : new Date((r?.oldest_minute ? new Date(r.oldest_minute).getTime() : now) + 60_000);
    return { remaining, freeAt };
  }

  /** Puts claimed messages back without counting the attempt (`held`: why, for release). */
  private async defer(rows: ClaimedRow[], until: Date, held?: string): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE outbox_messages SET status = 'pending', lease_until = NULL, attempts = attempts - 1, next_attempt_at = $2,
              last_error = COALESCE($3, last_error)
       WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => r.id), until, held ?? null],
    );
    if (!held) this.log.info({ recipient: rows[0]!.recipient, count: rows.length, until }, "outbox: recipient throttled, messages wait");
  }

  /** Makes messages held by a configuration error on these channels due now. */
  private async releaseConfigHeld(channels: string[]): Promise<void> {
    const released = await this.db.query<{ id: string }>(
      `UPDATE outbox_messages SET next_attempt_at = $2, last_error = NULL
       WHERE status = 'pending' AND last_error = $1 AND channel = ANY($3::text[])
       RETURNING id::text AS id`,
      [CONFIG_HELD, this.clock.now(), channels],
    );
    if (released.length > 0) this.log.info({ channels, count: released.length }, "outbox: messages held by a configuration error released");
  }

  private async sendOne(row: ClaimedRow): Promise<"sent" | "retry" | "failed" | "paused"> {
    const log = this.log.child({
      delivery: row.cause_event_id ? `inbox-${row.cause_event_id}` : `outbox-${row.id}`,
      outboxId: row.id,
      channel: row.channel,
      recipient: row.recipient,
    });
    const reply = replySchema.safeParse(row.body);
    if (!reply.success) {
      await this.fail(row, `unrenderable body: ${reply.error.issues[0]?.message}`, log);
      return "failed";
    }
    const track = reply.data.kind === "text" ? reply.data.track : undefined;
    const outcome = (status: DeliveryOutcome["status"], err?: SendError): DeliveryOutcome | null =>
      track ? { track, channel: row.channel, recipient: row.recipient, status, reason: err?.message ?? null, code: err?.code ?? null } : null;
    try {
      const receipt = await this.senders.get(row.channel)!.send(row.recipient, withUniqueTaskId(reply.data, row.id));
      await this.record(
        log,
        outcome("sent"),
        `UPDATE outbox_messages SET status = 'sent', sent_at = $2, lease_until = NULL, last_error = NULL,
                platform_id = $3, response_code = $4,
                body = CASE WHEN body->>'sensitive' = 'true'
                            THEN jsonb_build_object('kind', 'text', 'text', '[sent; content removed]')
                            ELSE body END
         WHERE id = $1`,
        [row.id, this.clock.now(), receipt.platformId ?? null, receipt.responseCode ?? null],
      );
      this.metrics.outboxSent.inc({ channel: row.channel });
      if (this.configErrorReported.delete(row.channel)) {
        this.pausedUntil.delete(row.channel);
        log.info("outbox: channel accepted our credentials again");
        await this.releaseConfigHeld([row.channel]);
      }
      if (receipt.fallback) log.info({ reason: receipt.fallback }, "outbox: card not updatable, its fallback text was sent");
      log.debug("outbox: sent");
      return "sent";
    } catch (e) {
      const err = e instanceof SendError ? e : new SendError("retryable", (e as Error).message);
      if (err.kind === "config") {
        this.pause(row.channel, err.message);
        await this.defer([row], new Date(this.clock.now().getTime() + this.options.configPauseMs), CONFIG_HELD);
        return "paused";
      }
      if (err.kind === "permanent" || row.attempts >= this.options.maxAttempts) {
        await this.fail(row, err.message, log, outcome("failed", err));
        return "failed";
      }
      const delay = err.retryAfterMs ?? this.backoff(row.attempts);
      await this.db.query(
        `UPDATE outbox_messages SET status = 'pending', lease_until = NULL, last_error = $2, next_attempt_at = $3 WHERE id = $1`,
        [row.id, err.message.slice(0, 500), new Date(this.clock.now().getTime() + delay)],
      );
      log.warn({ attempt: row.attempts, retryInMs: delay, err: err.message }, "outbox: send failed, will retry");
      return "retry";
    }
  }

  /** Records a send's result; a tracked one with its listener in one transaction. Should the
   * listener fail, the result is still recorded (never resent for a listener's error). */
  private async record(log: Logger, outcome: DeliveryOutcome | null, sql: string, params: unknown[]): Promise<void> {
    const listener = this.onOutcome;
    if (outcome && listener) {
      try {
        await this.db.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(sql, ...params);
          await listener(tx, outcome, this.clock.now());
        });
        return;
      } catch (e) {
        log.error({ err: (e as Error).message, track: outcome.track }, "outbox: outcome listener failed; result recorded without it");
      }
    }
    await this.db.query(sql, params);
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + (exp / 2) * this.options.random());
  }

  private async fail(row: ClaimedRow, reason: string, log: Logger, outcome: DeliveryOutcome | null = null): Promise<void> {
    await this.record(log, outcome, `UPDATE outbox_messages SET status = 'failed', lease_until = NULL, last_error = $2 WHERE id = $1`, [
      row.id,
      reason.slice(0, 500),
    ]);
    this.metrics.outboxFailed.inc({ channel: row.channel });
    log.error({ attempts: row.attempts, reason }, "outbox: message failed permanently");
  }

  private pause(channel: string, reason: string): void {
    this.pausedUntil.set(channel, this.clock.now().getTime() + this.options.configPauseMs);
    if (this.configErrorReported.has(channel)) return;
    this.configErrorReported.add(channel);
    this.log.fatal(
      { channel, reason },
      `CONFIGURATION ERROR: ${channel} rejected our credentials (${reason}). Messages are kept and will be sent once the settings are fixed and the server restarted.`,
    );
  }
}
