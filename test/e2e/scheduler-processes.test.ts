// The durable scheduler across real processes: two probe workers (scripts/scheduler/
// probe-worker.ts) share one PostgreSQL database; committed probe rows prove each job ran
// exactly once — with both working, with one SIGKILLed mid-batch, and with batches that
// outlive their lease.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scheduleJobs } from "../../src/scheduler/jobs.ts";
import { checkProbe, PROBE_JOB, PROBE_TABLE_SQL } from "../../scripts/scheduler/probe-kind.ts";
import { killStragglers, runTs, until, type Proc } from "../support/process.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

const WORKER = "scripts/scheduler/probe-worker.ts";
let tdb: TestDatabase;

beforeAll(async () => {
  if (!onPostgres()) return;
  tdb = await createTestDatabase();
  await tdb.db.query(PROBE_TABLE_SQL);
});
afterEach(async () => {
  killStragglers();
  if (onPostgres()) await tdb.db.query("TRUNCATE jobs, scheduler_probe");
});
afterAll(async () => {
  await tdb?.dispose();
});

/** Starts probe workers and waits until every one says it is ready (2 busy cores: tsx is slow to start). */
async function startWorkers(owners: string[], args: string[], argsOf: (owner: string) => string[] = () => []): Promise<Proc[]> {
  const procs = owners.map((owner) => runTs(WORKER, ["--owner", owner, "--pool-size", "3", ...args, ...argsOf(owner)], { DATABASE_URL: tdb.url, LOG_LEVEL: "warn" }));
  await Promise.all(procs.map((p) => p.waitFor(/probe worker \S+ ready/, 45_000)));
  return procs;
}

/** `count` probe jobs due now, created like any job (scheduleJobs in a transaction). */
async function dueJobs(count: number): Promise<void> {
  const now = new Date();
  const jobs = Array.from({ length: count }, () => ({ kind: PROBE_JOB, dueAt: now }));
  await tdb.db.prisma.$transaction((tx) => scheduleJobs(tx, jobs, now));
}

const allDone = (count: number) => until(async () => ((await checkProbe(tdb.db)).done === count ? true : undefined), 45_000);

async function stop(procs: Proc[]): Promise<void> {
  for (const p of procs) p.child.kill("SIGTERM");
  expect(await Promise.all(procs.map((p) => p.exited()))).toEqual(procs.map(() => 0));
}

const reason = "needs DATABASE_URL: an embedded PGlite database cannot be shared by two processes";

describe.skipIf(!onPostgres())(`scheduler across processes (${reason})`, () => {
  it("runs 2,000 due jobs exactly once between two worker processes", { timeout: 90_000 }, async () => {
    const workers = await startWorkers(["w1", "w2"], ["--poll-ms", "500", "--batch-size", "50"]);
    await dueJobs(2000);
    await allDone(2000);

    const c = await checkProbe(tdb.db);
    expect(c).toMatchObject({ jobs: 2000, done: 2000, runs: 2000, twice: 0, missing: 0 });
    // Both processes took part.
    expect(Object.keys(c.byOwner).sort()).toEqual(["w1", "w2"]);
    expect(c.byOwner["w1"]! + c.byOwner["w2"]!).toBe(2000);
    const [leases] = await tdb.db.query<{ leased: number; attempts: number }>(
      `SELECT count(*) FILTER (WHERE lease_owner IS NOT NULL)::int AS leased, max(attempts) AS attempts FROM jobs`,
    );
    expect(leases).toEqual({ leased: 0, attempts: 1 });
    await stop(workers);
  });

  it("completes the jobs of a worker SIGKILLed mid-batch after their lease, each once", { timeout: 90_000 }, async () => {
    const leaseMs = 2000;
    const total = 160;
    const args = ["--lease-ms", String(leaseMs), "--batch-size", "10", "--sleep-ms", "80", "--poll-ms", "200", "--trace"];
    const [victim, survivor] = await startWorkers(["victim", "survivor"], args);
    // Kill the victim the moment it reports a job running in its second batch: it is inside
    // that batch's transaction (sleeping 80 ms per job), so nothing of the batch commits.
    let seen = 0;
    let inFlight = "";
    const killed = new Promise<Date>((resolve) => {
      victim!.child.stdout.on("data", (d: Buffer) => {
        for (const m of d.toString().matchAll(/probe victim running (\d+)/g)) {
          if (++seen === 15 && victim!.child.exitCode === null) {
            victim!.child.kill("SIGKILL");
            inFlight = m[1]!;
            resolve(new Date());
          }
        }
      });
    });
    await dueJobs(total);
    const killedAt = await killed;
    expect(await victim!.exited()).toBeNull();

    // Right after the kill, the victim's claimed batch is still leased to it, not done.
    const orphans = await tdb.db.query<{ id: string; lease_until: Date }>(
      `SELECT id::text AS id, lease_until FROM jobs WHERE status = 'running' AND lease_owner = 'victim'`,
    );
    expect(orphans.map((o) => o.id)).toContain(inFlight);
    const orphanIds = orphans.map((o) => o.id);
    const leaseEnd = Math.max(...orphans.map((o) => new Date(o.lease_until).getTime()));
    expect(leaseEnd).toBeGreaterThan(killedAt.getTime());

    await allDone(total);
    const c = await checkProbe(tdb.db);
    expect(c).toMatchObject({ jobs: total, done: total, runs: total, twice: 0, missing: 0 });
    // The victim's uncommitted runs left no rows: its orphans ran once, on the survivor,
    // only after the lease ran out, on a second attempt.
    const rerun = await tdb.db.query<{ owner: string; ran_at: Date; attempts: number }>(
      `SELECT p.owner, p.ran_at, j.attempts FROM scheduler_probe p JOIN jobs j ON j.id = p.job_id WHERE p.job_id = ANY($1::bigint[])`,
      [orphanIds],
    );
    expect(rerun).toHaveLength(orphanIds.length);
    for (const r of rerun) {
      expect(r.owner).toBe("survivor");
      expect(r.attempts).toBe(2);
      expect(new Date(r.ran_at).getTime()).toBeGreaterThanOrEqual(leaseEnd);
    }
    expect(c.byOwner["victim"]).toBeGreaterThanOrEqual(10);
    expect(c.byOwner["victim"]! + c.byOwner["survivor"]!).toBe(total);
    await stop([survivor!]);
  });

  it("never runs a job twice when a batch outlives its lease", { timeout: 90_000 }, async () => {
    // slow's batches of 5 take ~750 ms against a 300 ms lease; fast claims one job every
    // ~30 ms, so it meets slow's running jobs with their lease expired and tries to claim them.
    const workers = await startWorkers(["slow", "fast"], ["--lease-ms", "300", "--poll-ms", "100"], (owner) =>
      owner === "slow" ? ["--batch-size", "5", "--sleep-ms", "150"] : ["--batch-size", "1", "--sleep-ms", "20"],
    );
    await dueJobs(60);
    await allDone(60);
    const c = await checkProbe(tdb.db);
    expect(c).toMatchObject({ jobs: 60, done: 60, runs: 60, twice: 0, missing: 0 });
    expect(Object.keys(c.byOwner).sort()).toEqual(["fast", "slow"]);
    // slow ran at least one full batch, whose last jobs ran after its lease had run out.
    expect(c.byOwner["slow"]).toBeGreaterThanOrEqual(5);
    await stop(workers);
  });
});
