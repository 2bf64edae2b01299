// A probe job for proving the scheduler across processes and for benchmarking it: each run
// INSERTs one row into scheduler_probe inside the job's own transaction, so committed rows
// are exactly the runs that took effect — a job id twice means a job ran twice.
import { z } from "zod";
import { systemClock, type Clock } from "../../src/clock.ts";
import { crmSettingsSchema } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import type { Logger } from "../../src/log.ts";
import { defineJobKind, type JobKind } from "../../src/scheduler/job-kind.ts";
import { Scheduler, type SchedulerOptions } from "../../src/scheduler/scheduler.ts";

export const PROBE_JOB = "scheduler-probe";

/** Created by the test and the benchmark, not by a migration: it is an instrument, not data. */
export const PROBE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS scheduler_probe (
  job_id bigint NOT NULL, owner text NOT NULL, ran_at timestamptz NOT NULL, late_ms int NOT NULL)`;

export interface ProbeOptions {
  /** Written with every run: which process ran it. */
  owner: string;
  clock: Clock;
  /** Sleep this long per job inside the transaction (so a process can be killed mid-batch). */
  sleepMs: number;
  /** Called after the row is written, before the sleep and the commit. */
  onRun?: (jobId: bigint) => void;
}

export function probeJobKind(o: ProbeOptions): JobKind {
  return defineJobKind({
    kind: PROBE_JOB,
    payload: z.object({}),
    // Quiet hours apply (like a reminder); the probe's settings switch them off.
    quiet: "defer",
    async run(ctx) {
      const ranAt = o.clock.now();
      const lateMs = ranAt.getTime() - ctx.job.dueAt.getTime();
      await ctx.tx.$executeRaw`INSERT INTO scheduler_probe (job_id, owner, ran_at, late_ms) VALUES (${ctx.job.id}, ${o.owner}, ${ranAt}, ${lateMs})`;
      o.onRun?.(ctx.job.id);
      if (o.sleepMs > 0) await new Promise((r) => setTimeout(r, o.sleepMs));
      return [];
    },
  });
}

/** A Scheduler that knows only the probe kind: no recurring rules, system clock, no quiet hours. */
export function probeScheduler(db: Database, log: Logger, probe: Omit<ProbeOptions, "clock">, options: Partial<SchedulerOptions>): Scheduler {
  // quietHours start == end: none.
  const settings = crmSettingsSchema.parse({ reminders: { quietHours: { start: "00:00", end: "00:00" } } });
  const kind = probeJobKind({ ...probe, clock: systemClock });
  return new Scheduler(db, [kind], [], systemClock, settings, "Asia/Shanghai", log, { ...options, owner: probe.owner });
}

/**
 * `count` probe jobs, due evenly over `windowMs` from `firstDueAt`, in one statement (a
 * benchmark's 100,000 rows must be in before the first is due).
 */
export async function insertProbeJobs(db: Database, count: number, firstDueAt: Date, windowMs: number, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO jobs (kind, payload, due_at, run_at, created_at)
     SELECT $1, '{}'::jsonb, d, d, $5 FROM (
       SELECT $2::timestamptz + (i * $3::float8) * interval '1 millisecond' AS d FROM generate_series(0, $4::int - 1) AS i) AS due`,
    [PROBE_JOB, firstDueAt, count > 0 ? windowMs / count : 0, count, now],
  );
}

export interface ProbeCheck {
  jobs: number;
  done: number;
  /** Probe rows (committed runs). */
  runs: number;
  /** Job ids with more than one committed run. */
  twice: number;
  /** Done jobs without a committed run. */
  missing: number;
  byOwner: Record<string, number>;
}

/** Exactly-once, from the committed probe rows: every job done, each id exactly once. */
export async function checkProbe(db: Database): Promise<ProbeCheck> {
  const [c] = await db.query<Omit<ProbeCheck, "byOwner">>(
    `SELECT (SELECT count(*)::int FROM jobs WHERE kind = $1) AS jobs,
            (SELECT count(*)::int FROM jobs WHERE kind = $1 AND status = 'done') AS done,
            (SELECT count(*)::int FROM scheduler_probe) AS runs,
            (SELECT count(*)::int FROM (SELECT job_id FROM scheduler_probe GROUP BY job_id HAVING count(*) > 1) AS t) AS twice,
            (SELECT count(*)::int FROM jobs j WHERE j.kind = $1 AND j.status = 'done'
               AND NOT EXISTS (SELECT 1 FROM scheduler_probe p WHERE p.job_id = j.id)) AS missing`,
    [PROBE_JOB],
  );
  const owners = await db.query<{ owner: string; n: number }>(`SELECT owner, count(*)::int AS n FROM scheduler_probe GROUP BY owner ORDER BY owner`);
  return { ...c!, byOwner: Object.fromEntries(owners.map((r) => [r.owner, r.n])) };
}
