// A scheduler process that runs only probe jobs, for the cross-process test and the
// benchmark: the database from DATABASE_URL, a Scheduler with the probe kind, no recurring
// rules, the system clock and quiet hours off. Prints one ready line, stops on SIGTERM.
//
//   DATABASE_URL=… tsx scripts/scheduler/probe-worker.ts [--owner w1] [--lease-ms 60000]
//     [--batch-size 100] [--chunk-size 50] [--poll-ms 5000] [--sleep-ms 0] [--pool-size 4] [--trace]
// --trace prints "probe <owner> running <job id>" as each job runs (inside its transaction).
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "../../src/db/database.ts";
import { createLogger } from "../../src/log.ts";
import { probeScheduler } from "./probe-kind.ts";

const int = (min: number) => z.coerce.number().int().min(min);
const optionsSchema = z.object({
  databaseUrl: z.string().startsWith("postgres", "DATABASE_URL must name a PostgreSQL database (PGlite cannot be shared by processes)"),
  owner: z.string().min(1).default(`probe-${process.pid}`),
  "lease-ms": int(100).optional(),
  "batch-size": int(1).optional(),
  "chunk-size": int(1).optional(),
  "poll-ms": int(10).optional(),
  "sleep-ms": int(0).default(0),
  "pool-size": int(1).default(4),
  trace: z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(["owner", "lease-ms", "batch-size", "chunk-size", "poll-ms", "sleep-ms", "pool-size"].map((k) => [k, { type: "string" as const }])),
      trace: { type: "boolean" },
    },
    strict: true,
  });
  const parsed = optionsSchema.safeParse({ ...values, databaseUrl: process.env["DATABASE_URL"] ?? "" });
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const o = parsed.data;
  const log = createLogger(process.env["LOG_LEVEL"] ?? "warn");
  const db = await openDatabase({ kind: "postgres", url: o.databaseUrl, poolSize: o["pool-size"] }, (e) => log.warn({ err: e.message }, "database connection lost"));
  const onRun = o.trace ? (id: bigint) => process.stdout.write(`probe ${o.owner} running ${id}\n`) : undefined;
  const scheduler = probeScheduler(db, log, { owner: o.owner, sleepMs: o["sleep-ms"], onRun }, {
    ...(o["lease-ms"] !== undefined && { leaseMs: o["lease-ms"] }),
    ...(o["batch-size"] !== undefined && { batchSize: o["batch-size"] }),
    ...(o["chunk-size"] !== undefined && { chunkSize: o["chunk-size"] }),
    ...(o["poll-ms"] !== undefined && { pollMs: o["poll-ms"] }),
  });
  scheduler.start();
  const { leaseMs, batchSize, chunkSize, pollMs } = scheduler.options;
  process.stdout.write(`probe worker ${o.owner} ready (lease ${leaseMs} ms, batch ${batchSize}, chunk ${chunkSize}, poll ${pollMs} ms)\n`);

  let stopping = false;
  process.on("SIGTERM", () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await scheduler.stop();
      await db.close();
      process.stdout.write(`probe worker ${o.owner} stopped\n`, () => process.exit(0));
    })();
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`probe-worker: ${(e as Error).message}\n`);
  process.exit(1);
});
