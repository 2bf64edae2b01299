// `npm run bench:webhook` — webhook ingestion benchmark.
//
// Signed, encrypted text callbacks are posted over 127.0.0.1 at a fixed concurrency by a
// separate process that also plays the WeCom API (the test fake). For each database
// (PGlite on disk, PostgreSQL) two servers are measured in the same run, each on its own
// fresh, migrated database:
//   bare — node:http that verifies, decrypts and stores each delivery with one raw INSERT
//          (the practical limit; scripts/bench/bare-server.ts)
//   ours — WecrmServer as `npm start` builds it (Express, inbox, worker, outbox dispatcher)
//   bare-e2e — the bare server plus the bare processing baseline: the SQL statements one
//          command needs on the driver directly, and the reply over plain HTTP
//          (scripts/bench/bare-processor.ts)
// Reported: acknowledged msgs/s, ack p50/p99, and end-to-end figures (callback sent → reply
// received by the fake WeCom): commands answered per second, latency, the last reply, and
// replies out of each sender's order. Targets: ours ≥ 50% of bare's acknowledged msgs/s and
// ≥ 50% of bare-e2e's commands/s on both databases, our ack p99 < 50 ms at 100 concurrent.
//
//   npm run bench:webhook -- [--db pglite|postgres|both] [--concurrency 100] [--messages 3000]
//                            [--warmup 200] [--reply-timeout 120]
//
// This file drives a run; the parts live beside it: options.ts (command line), databases.ts
// (fresh databases, leftovers), runner.ts (WeCom-side process, one measured run),
// report.ts (table and JSON), cleanup.ts (undoing what was created).
import os from "node:os";
import path from "node:path";
import { runCleanups } from "./cleanup.ts";
import { sweepLeftovers } from "./databases.ts";
import { parseOptions, USAGE, UsageError } from "./options.ts";
import { dbReport, table, writeJsonReport, type DbReport } from "./report.ts";
import { measure, stopLoadGenerator, WecomSide, type Variant } from "./runner.ts";
import type { RunResult } from "./shared.ts";

const HARD_DEADLINE_MS = 45 * 60_000;

async function main(): Promise<number> {
  const o = await parseOptions();
  const startedAt = new Date();
  process.stdout.write(
    `webhook benchmark${o.ackOnly ? " (DIAGNOSTIC --ack-only: our worker and dispatcher are NOT running)" : ""}: ${o.dbs.join(" + ")}, ${o.concurrency} concurrent, ${o.messages} msgs (+${o.warmup} warm-up) per server; ` +
      `${os.cpus().length} CPU(s), Node ${process.version}\n`,
  );
  await sweepLeftovers(o);
  const side = await WecomSide.start();
  const reports: DbReport[] = [];
  let runNo = 0;
  for (const [i, kind] of o.dbs.entries()) {
    // Alternate which server goes first so neither always gets the cold (or warm) machine.
    const variants: Variant[] = o.ackOnly ? ["bare", "ours"] : ["bare", "bare-e2e", "ours"];
    const order = i % 2 === 0 ? variants : [...variants].reverse();
    const results: Partial<Record<Variant, { label: string; result: RunResult }>> = {};
    for (const v of order) results[v] = await measure(o, side, kind, v, ++runNo);
    reports.push(dbReport(kind, results.ours!.label, order, results.bare!.result, results.ours!.result, results["bare-e2e"]?.result));
  }

  process.stdout.write("\n" + reports.map((r) => table(r, o)).join("\n\n") + "\n");

  const file = writeJsonReport(o, startedAt, reports);
  process.stdout.write(`\nfigures written to ${path.relative(process.cwd(), file)}\n`);
  // Targets missed are reported (FAIL above, and in the JSON), not turned into an exit code.
  return 0;
}

let finishing = false;
async function finish(code: number): Promise<never> {
  if (!finishing) {
    finishing = true;
    await stopLoadGenerator()?.catch(() => {});
    await runCleanups();
  }
  process.exit(code);
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    process.stderr.write(`\nbench: ${sig}, cleaning up\n`);
    void finish(130);
  });
}
setTimeout(() => {
  process.stderr.write(`bench: gave up after ${HARD_DEADLINE_MS / 60_000} minutes\n`);
  void finish(2);
}, HARD_DEADLINE_MS).unref();

main().then(
  (code) => finish(code),
  (e: unknown) => {
    process.stderr.write(e instanceof UsageError ? `bench: ${e.message}\n${USAGE}\n` : `bench: ${(e as Error).stack ?? String(e)}\n`);
    return finish(e instanceof UsageError ? 64 : 1);
  },
);
