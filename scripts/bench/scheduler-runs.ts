// The scheduler benchmark's runners and phases. A runner works the jobs table of one fresh
// database: ours (probe-worker processes on PostgreSQL, one in-process Scheduler on PGlite)
// or the baseline, a bare SQL loop (the scheduler's own claim SQL, then one UPDATE to done).
// A phase inserts probe jobs, waits until all are done and reads the figures back.
import type { Database } from "../../src/db/database.ts";
import { createLogger } from "../../src/log.ts";
import { claimDueJobs } from "../../src/scheduler/job-claim.ts";
import type { SchedulerOptions } from "../../src/scheduler/scheduler.ts";
import { checkProbe, insertProbeJobs, PROBE_JOB, probeScheduler, type ProbeCheck } from "../scheduler/probe-kind.ts";
import { killStragglers, runTs, type Proc } from "../../test/support/process.ts";
import { onCleanup, withTimeout } from "./cleanup.ts";
import { summarize, type Summary } from "./shared.ts";

export type Variant = "bare" | "ours";

export interface Runner {
  variant: Variant;
  /** How it works, for the report. */
  describe: string;
  /** (due_at, ran_at) of every run: from the probe rows (ours) or the done jobs (bare). */
  runsSql: string;
  stop(): Promise<void>;
}

export type Tuning = Pick<SchedulerOptions, "batchSize" | "chunkSize" | "pollMs" | "leaseMs">;

const BARE_IDLE_MS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `loops` bare SQL loops on the database's pool: claim a batch, mark it done, repeat. */
export function bareRunner(db: Database, loops: number, t: Tuning): Runner {
  let running = true;
  const loop = async (owner: string) => {
    while (running) {
      const jobs = await claimDueJobs(db, owner, new Date(), t.leaseMs, t.batchSize);
      if (jobs.length === 0) {
        await sleep(BARE_IDLE_MS);
        continue;
      }
      await db.query(`UPDATE jobs SET status = 'done', finished_at = $2, lease_owner = NULL, lease_until = NULL WHERE id = ANY($1::bigint[])`, [
        jobs.map((j) => j.id.toString()),
        new Date(),
      ]);
    }
  };
  const done = Promise.all(Array.from({ length: loops }, (_, i) => loop(`bare-${i + 1}`)));
  return {
    variant: "bare",
    describe: `${loops} bare SQL loop${loops > 1 ? "s" : ""} in the benchmark process (claim ${t.batchSize}, one UPDATE to done; ${BARE_IDLE_MS} ms pause when nothing is due)`,
    runsSql: `SELECT due_at, finished_at AS ran_at FROM jobs WHERE kind = '${PROBE_JOB}' AND status = 'done'`,
    async stop() {
      running = false;
      await done;
    },
  };
}

const OURS_RUNS = `SELECT j.due_at, p.ran_at FROM scheduler_probe p JOIN jobs j ON j.id = p.job_id`;

function tuningArgs(t: Tuning): string[] {
  return ["--batch-size", String(t.batchSize), "--chunk-size", String(t.chunkSize), "--poll-ms", String(t.pollMs), "--lease-ms", String(t.leaseMs)];
}

/** `count` probe-worker processes on a PostgreSQL database; resolves once all are ready. */
export async function workerRunner(url: string, count: number, t: Tuning): Promise<Runner> {
  const procs: Proc[] = Array.from({ length: count }, (_, i) =>
    runTs("scripts/scheduler/probe-worker.ts", ["--owner", `worker-${i + 1}`, ...tuningArgs(t)], { DATABASE_URL: url, LOG_LEVEL: "warn" }),
  );
  const kill = onCleanup("probe worker processes", killStragglers);
  try {
    await Promise.all(procs.map((p) => p.waitFor(/probe worker \S+ ready/, 60_000)));
  } catch (e) {
    await kill();
    throw e;
  }
  return {
    variant: "ours",
    describe: `${count} probe-worker processes, each a Scheduler (batch ${t.batchSize}, chunk ${t.chunkSize}, poll ${t.pollMs} ms, lease ${t.leaseMs} ms)`,
    runsSql: OURS_RUNS,
    async stop() {
      for (const p of procs) p.child.kill("SIGTERM");
      const codes = await withTimeout(Promise.all(procs.map((p) => p.exited())), 30_000, "stopping the probe workers").finally(kill);
      const bad = codes.findIndex((c) => c !== 0);
      if (bad >= 0) throw new Error(`probe worker exited with ${codes[bad]}:\n${procs[bad]!.output()}`);
    },
  };
}

/** One Scheduler in the benchmark process, on the database's one connection (PGlite). */
export function inProcessRunner(db: Database, t: Tuning): Runner {
  const scheduler = probeScheduler(db, createLogger("warn", process.stderr), { owner: "in-process", sleepMs: 0 }, t);
  scheduler.start();
  return {
    variant: "ours",
    describe: `one Scheduler in the benchmark process (batch ${t.batchSize}, chunk ${t.chunkSize}, poll ${t.pollMs} ms)`,
    runsSql: OURS_RUNS,
    stop: () => scheduler.stop(),
  };
}

export interface PhaseResult {
  jobs: number;
  done: number;
  /** Jobs per second from the first due time (a backlog: the first run) to the last run. */
  jobsPerSec: number;
  /** ran − due, ms. */
  lateness: Summary;
  insertMs: number;
  /** Time from the end of the insert until the first job was due (negative: the insert overran). */
  headroomMs: number;
  /** Exactly-once from the probe rows (ours only). */
  once: ProbeCheck | undefined;
  /** The longest time one worker ran nothing between two of its runs (ours only): a claimer
   * asleep while jobs were due shows here. */
  longestPauseMs: number | undefined;
  timedOut: boolean;
}

export interface PhasePlan {
  jobs: number;
  /** First due this long after the insert starts (0: due at once, a backlog). */
  leadMs: number;
  /** Due times spread evenly over this long. */
  windowMs: number;
  /** Give up this long after the last due time. */
  graceMs: number;
  onProgress?: (done: number) => void;
}

/** Inserts the phase's jobs, waits until all are done (or the grace runs out), reads the figures. */
export async function runPhase(db: Database, runner: Runner, p: PhasePlan): Promise<PhaseResult> {
  await db.query("TRUNCATE jobs, scheduler_probe");
  const t0 = Date.now();
  const firstDue = new Date(t0 + p.leadMs);
  await insertProbeJobs(db, p.jobs, firstDue, p.windowMs, new Date(t0));
  const inserted = Date.now();
  const deadline = firstDue.getTime() + p.windowMs + p.graceMs;
  let done = 0;
  while (done < p.jobs && Date.now() < deadline) {
    await sleep(1000);
    const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind = $1 AND status = 'done'`, [PROBE_JOB]);
    done = r?.n ?? 0;
    p.onProgress?.(done);
  }
  const late = (await db.query<{ ms: number }>(`SELECT (extract(epoch FROM ran_at - due_at) * 1000)::float8 AS ms FROM (${runner.runsSql}) AS r`)).map((r) => r.ms);
  const [span] = await db.query<{ first: Date | string | null; last: Date | string | null }>(`SELECT min(ran_at) AS first, max(ran_at) AS last FROM (${runner.runsSql}) AS r`);
  const from = p.leadMs > 0 ? firstDue.getTime() : span?.first ? new Date(span.first).getTime() : NaN;
  const spanMs = span?.last ? new Date(span.last).getTime() - from : NaN;
  return {
    jobs: p.jobs,
    done,
    jobsPerSec: spanMs > 0 ? (done / spanMs) * 1000 : NaN,
    lateness: summarize(late),
    insertMs: inserted - t0,
    headroomMs: firstDue.getTime() - inserted,
    once: runner.variant === "ours" ? await checkProbe(db) : undefined,
    longestPauseMs: runner.variant === "ours" ? await longestPause(db) : undefined,
    timedOut: done < p.jobs,
  };
}

async function longestPause(db: Database): Promise<number> {
  const [r] = await db.query<{ ms: number | null }>(
    `SELECT max(extract(epoch FROM ran_at - prev) * 1000)::float8 AS ms
     FROM (SELECT ran_at, lag(ran_at) OVER (PARTITION BY owner ORDER BY ran_at) AS prev FROM scheduler_probe) AS runs`,
  );
  return r?.ms ?? NaN;
}
