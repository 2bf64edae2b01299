// PGlite runs without PostgreSQL's background workers: autovacuum never runs, so the
// queue tables would never get statistics (the claim query then scans) nor lose dead rows.
// On the embedded database we do it ourselves, briefly, every few minutes.
import type { Logger } from "../log.ts";
import type { Database } from "./database.ts";

// The queues churn; the search tables need statistics for 查's index choices; jobs churn too.
const TABLES = ["inbox_events", "outbox_messages", "jobs", "customers", "contacts", "leads"];

export class EmbeddedMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly everyMs = 5 * 60_000,
  ) {}

  start(): void {
    if (this.db.kind !== "pglite" || this.timer) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        for (const t of TABLES) await this.db.query(`VACUUM ANALYZE ${t}`);
      } catch (e) {
        this.log.warn({ err: (e as Error).message }, "embedded database maintenance failed");
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
