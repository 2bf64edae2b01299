// Watches the inbox backlog: how many deliveries wait and how long the oldest has waited.
// Past a threshold the instance says so (/healthz "degraded", the wecrm_inbox_* gauges) and
// whoever is wired to `onEpisode` is told — once per episode for all replicas together: the
// first replica to see it claims the episode with a row in `counters`, and the one that sees
// the backlog back under half the thresholds ends it (and is told that, once, too).
import type { Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import { Loop } from "../util/loop.ts";

export interface BacklogThresholds {
  /** Deliveries waiting (not yet taken up). */
  waiting: number;
  /** Seconds the oldest waiting delivery has waited. */
  oldestSeconds: number;
}

export interface BacklogState {
  waiting: number;
  oldestWaitingSeconds: number;
  backlogged: boolean;
}

export type BacklogEpisode = { kind: "started" | "ended"; state: BacklogState };

const EPISODE_KEY = "inbox_backlog_episode";
export const DEFAULT_BACKLOG_THRESHOLDS: BacklogThresholds = { waiting: 2_000, oldestSeconds: 60 };

export class BacklogWatch {
  private current: BacklogState = { waiting: 0, oldestWaitingSeconds: 0, backlogged: false };
  private readonly loop: Loop;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly thresholds: BacklogThresholds,
    private readonly onEpisode: (e: BacklogEpisode) => Promise<void>,
    everyMs = 5_000,
  ) {
    this.loop = new Loop("backlog", async () => {
      await this.check();
      return 0;
    }, everyMs, log);
  }

  start(): void {
    this.loop.start();
  }
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** The last reading (for /healthz). */
  state(): BacklogState {
    return this.current;
  }

  /** Reads the backlog, updates the gauges, and starts or ends an episode when it crosses. */
  async check(): Promise<BacklogState> {
    const now = this.clock.now();
    const [r] = await this.db.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(received_at) AS oldest FROM inbox_events WHERE status = 'pending'`,
    );
    const waiting = Number(r?.n ?? 0);
    const oldestWaitingSeconds = r?.oldest ? Math.max(0, Math.round((now.getTime() - new Date(r.oldest).getTime()) / 1000)) : 0;
    const t = this.thresholds;
    const over = waiting >= t.waiting || oldestWaitingSeconds >= t.oldestSeconds;
    const clear = waiting < t.waiting / 2 && oldestWaitingSeconds < t.oldestSeconds / 2;
    // Between the two: as it was (no flapping around one threshold).
    const backlogged = over || (this.current.backlogged && !clear);
    this.current = { waiting, oldestWaitingSeconds, backlogged };
    this.metrics.inboxOldestWaiting.set(oldestWaitingSeconds);
    this.metrics.inboxBacklogged.set(backlogged ? 1 : 0);
    if (over) await this.episode("started");
    else if (clear) await this.episode("ended");
    return this.current;
  }

  private async episode(kind: BacklogEpisode["kind"]): Promise<void> {
    const claimed =
      kind === "started"
        ? await this.db.query(`INSERT INTO counters (key, value) VALUES ($1, 1) ON CONFLICT (key) DO NOTHING RETURNING key`, [EPISODE_KEY])
        : await this.db.query(`DELETE FROM counters WHERE key = $1 RETURNING key`, [EPISODE_KEY]);
    if (claimed.length === 0) return;
    this.log.warn({ ...this.current, thresholds: this.thresholds }, kind === "started" ? "inbox: backlog over the threshold" : "inbox: backlog cleared");
    await this.onEpisode({ kind, state: this.current });
  }
}
