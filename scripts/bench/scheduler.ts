// `npm run bench:scheduler` — the durable scheduler under load. Capacity first: a backlog
// of 10,000 probe jobs all due at once, drained by ours and, as the baseline, by bare SQL
// loops doing the scheduler's own claim and one UPDATE to done (ratio ours/baseline). Then
// the load: 100,000 jobs due evenly over one minute (the first a few seconds after
// the insert), run by two probe-worker processes on PostgreSQL, and 20,000 by one in-process
// Scheduler on PGlite (on disk, one connection). Reported: jobs/s, lateness (ran − due)
// p50/p99/max and exactly-once, all from the probe rows. Target: p99 < 2 s on PostgreSQL.
//
//   npm run bench:scheduler -- [--db pglite|postgres|both] [--jobs 100000] [--pglite-jobs 20000]
//     [--window 60] [--lead 10] [--warmup 2000] [--backlog 10000] [--workers 2] [--batch-size N]
//     [--chunk-size N] [--poll-ms N] [--lease-ms N] [--grace 120]
import { defaultSchedulerOptions } from "../../src/scheduler/scheduler.ts";
import { PROBE_TABLE_SQL } from "../scheduler/probe-kind.ts";
import { onFreshDatabase, sweepLeftovers } from "./databases.ts";
import { benchArgs, benchPostgresUrl, chooseDatabases, intOption, type DbKind } from "./options.ts";
import { runMain } from "./run-main.ts";
import { schedulerDbReport, schedulerTable, writeSchedulerJson, type VariantResult } from "./scheduler-report.ts";
import { bareRunner, inProcessRunner, runPhase, workerRunner, type Runner, type Tuning, type Variant } from "./scheduler-runs.ts";

const USAGE = `usage: npm run bench:scheduler -- [--db pglite|postgres|both] [--jobs 100000] [--pglite-jobs 20000] [--window 60] [--lead 10]
                                   [--warmup 2000] [--backlog 10000] [--workers 2] [--batch-size N] [--chunk-size N] [--poll-ms N] [--lease-ms N] [--grace 120]
  --db           default: both when PostgreSQL answers at DATABASE_URL (or postgresql://postgres@127.0.0.1:5432/postgres), else pglite
  --jobs         probe jobs due evenly over --window seconds on PostgreSQL, the first --lead seconds after they are inserted
  --pglite-jobs  the same on PGlite (one connection: 100,000 a minute is several times what it can run)
  --warmup       jobs due all at once, drained first and not measured (JIT, Prisma, connections)
  --backlog      jobs due all at once, drained by the baseline and then by ours (capacity)
  --workers      probe-worker processes on PostgreSQL (and bare loops); PGlite always runs one Scheduler in-process
  --batch-size, --chunk-size, --poll-ms, --lease-ms   scheduler options (default: the server's defaults)
  --grace        seconds after the last due time to wait for stragglers`;

async function options() {
  const str = { type: "string" } as const;
  const values = benchArgs(
    { db: str, jobs: str, "pglite-jobs": str, window: str, lead: str, backlog: str, warmup: str, workers: str, grace: str, "batch-size": str, "chunk-size": str, "poll-ms": str, "lease-ms": str },
    USAGE,
  );
  const d = defaultSchedulerOptions();
  const pgBaseUrl = benchPostgresUrl();
  const tuning: Tuning = {
    batchSize: intOption("batch-size", values["batch-size"], d.batchSize, 1, 10_000),
    chunkSize: intOption("chunk-size", values["chunk-size"], d.chunkSize, 1, 10_000),
    pollMs: intOption("poll-ms", values["poll-ms"], d.pollMs, 10, 600_000),
    leaseMs: intOption("lease-ms", values["lease-ms"], d.leaseMs, 100, 3_600_000),
  };
  return {
    dbs: await chooseDatabases(values.db, pgBaseUrl),
    pgBaseUrl,
    jobs: intOption("jobs", values.jobs, 100_000, 1, 1_000_000),
    pgliteJobs: intOption("pglite-jobs", values["pglite-jobs"], 20_000, 1, 1_000_000),
    windowS: intOption("window", values.window, 60, 0, 3600),
    leadS: intOption("lead", values.lead, 10, 1, 600),
    backlog: intOption("backlog", values.backlog, 10_000, 100, 1_000_000),
    warmup: intOption("warmup", values.warmup, 2_000, 1, 1_000_000),
    workers: intOption("workers", values.workers, 2, 1, 16),
    graceS: intOption("grace", values.grace, 120, 1, 3600),
    tuning,
  };
}
type Options = Awaited<ReturnType<typeof options>>;

/** One variant on one fresh database: the backlog, then (ours) the spread load. */
function measure(o: Options, kind: DbKind, variant: Variant): Promise<{ label: string; result: VariantResult }> {
  return onFreshDatabase(kind, o.pgBaseUrl, async (db, fresh) => {
    await db.query(PROBE_TABLE_SQL);
    const runner: Runner =
      variant === "bare"
        ? bareRunner(db, kind === "postgres" ? o.workers : 1, o.tuning)
        : fresh.target.kind === "postgres"
          ? await workerRunner(fresh.target.url, o.workers, o.tuning)
          : inProcessRunner(db, o.tuning);
    try {
      const say = (s: string) => process.stdout.write(s);
      say(`  ${kind.padEnd(8)} ${variant.padEnd(4)} ${fresh.where}: `);
      const phase = { leadMs: 0, windowMs: 0, graceMs: o.graceS * 1000, onProgress: () => say(".") };
      await runPhase(db, runner, { ...phase, jobs: o.warmup, onProgress: undefined });
      const backlog = await runPhase(db, runner, { ...phase, jobs: o.backlog });
      say(` backlog ${backlog.jobsPerSec.toFixed(0)} jobs/s`);
      if (variant === "bare") {
        say("\n");
        return { label: fresh.label, result: { describe: runner.describe, backlog, spread: undefined } };
      }
      say("; ");
      const jobs = kind === "postgres" ? o.jobs : o.pgliteJobs;
      const spread = await runPhase(db, runner, { ...phase, jobs, leadMs: o.leadS * 1000, windowMs: o.windowS * 1000 });
      say(` spread ${spread.jobsPerSec.toFixed(0)} jobs/s, lateness p50 ${spread.lateness.p50.toFixed(0)} ms, p99 ${spread.lateness.p99.toFixed(0)} ms\n`);
      if (spread.headroomMs < o.tuning.pollMs) say(`    note: the insert left ${spread.headroomMs} ms before the first due time (poll ${o.tuning.pollMs} ms); raise --lead\n`);
      return { label: fresh.label, result: { describe: runner.describe, backlog, spread } };
    } finally {
      await runner.stop();
    }
  });
}

async function main(): Promise<number> {
  const o = await options();
  const startedAt = new Date();
  process.stdout.write(
    `scheduler benchmark: ${o.dbs.join(" + ")}; a backlog of ${o.backlog}, then ${o.jobs} jobs (PGlite: ${o.pgliteJobs}) due over ${o.windowS} s; ` +
      `one dot per second until all are done\n`,
  );
  await sweepLeftovers(o);
  const reports = [];
  for (const kind of o.dbs) {
    const bare = await measure(o, kind, "bare");
    const ours = await measure(o, kind, "ours");
    reports.push(schedulerDbReport(kind, ours.label, o.windowS, bare.result, ours.result));
  }
  process.stdout.write("\n" + reports.map(schedulerTable).join("\n\n") + "\n");
  const file = writeSchedulerJson(startedAt, { ...o, pgBaseUrl: undefined }, reports);
  process.stdout.write(`\nfigures written to ${file}\n`);
  return 0;
}

runMain(main, USAGE);
