// The claimer: node-schedule wakes it every few seconds (and at the next due time when
// sooner); it plans recurring occurrences, claims due jobs with a lease and runs them.
// The database is the record of what is due; node-schedule only wakes us up.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import schedule from "node-schedule";
import type { Clock } from "../clock.ts";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import { Loop } from "../util/loop.ts";
import { claimDueJobs, nextRunAt } from "./job-claim.ts";
import type { JobKind } from "./job-kind.ts";
import { JobRunner } from "./job-runner.ts";
import { scheduleJobs } from "./jobs.ts";
import type { RecurringRule } from "./recurring.ts";

export interface SchedulerOptions {
  /** Fallback wake-up interval. */
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Jobs without a recipient run this many to a transaction. */
  chunkSize: number;
  /** Transactions in flight at once (PGlite: always 1, it has one connection). */
  concurrency: number;
  /** Recurring occurrences are planned this far ahead, at most once per planIntervalMs. */
  planAheadMs: number;
  planIntervalMs: number;
  /** Identifies this process's leases. */
  owner: string;
  /** Called after jobs ran (to wake the outbox). */
  onRan: () => void;
}

/** The soonest a wake-up is aimed at (node-schedule ignores dates already past). */
const MIN_WAKE_MS = 10;

export const defaultSchedulerOptions = (): SchedulerOptions => ({
  pollMs: 5_000,
  batchSize: 200,
  leaseMs: 60_000,
  maxAttempts: 8,
  baseBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  chunkSize: 50,
  concurrency: 4,
  planAheadMs: 36 * 3_600_000,
  planIntervalMs: 60_000,
  owner: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
  onRan: () => {},
});

export class Scheduler {
  readonly options: SchedulerOptions;
  private readonly runner: JobRunner;
  private readonly loop: Loop;
  private ticker: schedule.Job | undefined;
  private wakeAt: schedule.Job | undefined;
  private plannedAt = -Infinity;

  constructor(
    private readonly db: Database,
    kinds: readonly JobKind[],
    private readonly rules: readonly RecurringRule[],
    private readonly clock: Clock,
    private readonly settings: CrmSettings,
    private readonly timeZone: string,
    private readonly log: Logger,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...defaultSchedulerOptions(), ...options };
    if (db.kind === "pglite") this.options.concurrency = 1;
    this.runner = new JobRunner(db, kinds, clock, settings, timeZone, log, this.options);
    this.loop = new Loop("scheduler", () => this.runOnce(), this.options.pollMs, log);
  }

  start(): void {
    this.loop.start();
    const seconds = Math.max(1, Math.round(this.options.pollMs / 1000));
    this.ticker = schedule.scheduleJob(`*/${seconds} * * * * *`, () => this.loop.wake());
  }

  async stop(): Promise<void> {
    this.ticker?.cancel();
    this.wakeAt?.cancel();
    await this.loop.stop();
  }

  /** Plans recurring occurrences, claims one batch and runs it; returns how many jobs ran. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    if (now.getTime() - this.plannedAt >= this.options.planIntervalMs) await this.plan(now);
    const jobs = await claimDueJobs(this.db, this.options.owner, now, this.options.leaseMs, this.options.batchSize);
    if (jobs.length) {
      await this.runner.run(jobs);
      this.options.onRan();
    }
    if (jobs.length === 0) await this.wakeAtNextDue();
    return jobs.length;
  }

  /** Runs until nothing is due (tests and the benchmark). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n > 0; n = await this.runOnce()) total += n;
    return total;
  }

  private async plan(now: Date): Promise<void> {
    const from = new Date(now.getTime() - this.settings.reminders.skipDigestsOlderThanHours * 3_600_000);
    const to = new Date(now.getTime() + this.options.planAheadMs);
    const jobs = this.rules.flatMap((r) => r.occurrences(from, to, this.timeZone));
    const created = await this.db.prisma.$transaction((tx) => scheduleJobs(tx, jobs, now));
    if (created) this.log.info({ created }, "planned recurring jobs");
    this.plannedAt = now.getTime();
  }

  private async wakeAtNextDue(): Promise<void> {
    const next = await nextRunAt(this.db);
    const wait = next ? next.getTime() - this.clock.now().getTime() : Infinity;
    if (wait >= this.options.pollMs) return;
    this.wakeAt?.cancel();
    // Due already (it fell due since the claim, or another claimer's claim held it) or due
    // within a millisecond: node-schedule drops a date in the past, which left the claimer
    // asleep for a whole poll while jobs were due. Aim a few ms ahead instead.
    this.wakeAt = schedule.scheduleJob(new Date(Date.now() + Math.max(wait, MIN_WAKE_MS)), () => this.loop.wake()) ?? undefined;
    if (!this.wakeAt) this.loop.wake();
  }
}
