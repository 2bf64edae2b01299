// `npm run bench:webhook` — webhook ingestion benchmark.
//
// Signed, encrypted text callbacks are posted over 127.0.0.1 at a fixed concurrency by a
// separate process that also plays the WeCom API (the test fake). For each database
// (PGlite on disk, PostgreSQL) two servers are measured in the same run, each on its own
// fresh, migrated database:
//   bare — node:http that verifies, decrypts and stores each delivery with one raw INSERT
//          (the practical limit; scripts/bench/bare-server.ts)
//   ours — WecrmServer as `npm start` builds it (Express, inbox, worker, outbox dispatcher)
// Reported: acknowledged msgs/s, ack p50/p99, and for ours end-to-end latency (callback
// sent → reply received by the fake WeCom). Targets: ours ≥ 50% of bare's msgs/s on both
// databases, our ack p99 < 50 ms at 100 concurrent.
//
//   npm run bench:webhook -- [--db pglite|postgres|both] [--concurrency 100] [--messages 3000]
//                            [--warmup 200] [--reply-timeout 120]
import { fork, type ChildProcess } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { systemClock } from "../../src/clock.ts";
import { loadConfig, type AppConfig } from "../../src/config/env.ts";
import { openDatabase, type Database, type DatabaseTarget } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";
import { createLogger } from "../../src/log.ts";
import { WecrmServer } from "../../src/server.ts";
import { startBareServer, type RawInsert } from "./bare-server.ts";
import {
  AGENT_ID,
  isMessage,
  KEYS,
  SECRET,
  WEBHOOK_PATH,
  type Ready,
  type RunFailure,
  type RunRequest,
  type RunResult,
  type ToClient,
} from "./shared.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const THROUGHPUT_TARGET = 0.5;
const ACK_P99_TARGET_MS = 50;
const HARD_DEADLINE_MS = 45 * 60_000;

// ---------------------------------------------------------------------------------------
// Options

type DbKind = "pglite" | "postgres";

interface Options {
  dbs: DbKind[];
  concurrency: number;
  messages: number;
  warmup: number;
  replyTimeoutMs: number;
  pgBaseUrl: string;
  /** Diagnostics: our server without its worker and dispatcher (acks only, no replies). */
  ackOnly: boolean;
}

function intOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

class UsageError extends Error {}

const USAGE = `usage: npm run bench:webhook -- [--db pglite|postgres|both] [--concurrency 100] [--messages 3000] [--warmup 200] [--reply-timeout 120]
  --db             default: both when PostgreSQL answers at DATABASE_URL (or postgresql://postgres@127.0.0.1:5432/postgres), else pglite
  --messages       measured deliveries per server (after the warm-up)
  --reply-timeout  seconds to wait for all replies after the last ack
  --ack-only       diagnostics: run our server WITHOUT its inbox worker and outbox dispatcher
                   (what the HTTP edge + inbox alone can do; no end-to-end figures)`;

async function parseOptions(): Promise<Options> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      concurrency: { type: "string" },
      messages: { type: "string" },
      warmup: { type: "string" },
      "reply-timeout": { type: "string" },
      "ack-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  const pgBaseUrl = process.env["DATABASE_URL"] || "postgresql://postgres@127.0.0.1:5432/postgres";
  const db = values.db ?? "auto";
  if (!["pglite", "postgres", "both", "auto"].includes(db)) throw new UsageError(`--db must be pglite, postgres or both (got "${db}")`);
  let dbs: DbKind[];
  if (db === "pglite") dbs = ["pglite"];
  else {
    const problem = await postgresProblem(pgBaseUrl);
    if (db === "auto") {
      dbs = problem ? ["pglite"] : ["pglite", "postgres"];
      if (problem) process.stdout.write(`PostgreSQL not used (${problem}); benchmarking PGlite only.\n`);
    } else {
      if (problem) throw new UsageError(`--db ${db}: ${problem}`);
      dbs = db === "postgres" ? ["postgres"] : ["pglite", "postgres"];
    }
  }
  return {
    dbs,
    concurrency: intOption("concurrency", values.concurrency, 100, 1, 1000),
    messages: intOption("messages", values.messages, 3000, 1, 100_000),
    warmup: intOption("warmup", values.warmup, 200, 0, 100_000),
    replyTimeoutMs: intOption("reply-timeout", values["reply-timeout"], 120, 1, 600) * 1000,
    pgBaseUrl,
    ackOnly: values["ack-only"] ?? false,
  };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** Why PostgreSQL cannot be used, or undefined when it can (loopback only). */
async function postgresProblem(url: string): Promise<string | undefined> {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return "DATABASE_URL is not a URL";
  }
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) {
    return `${redact(url)} is not on 127.0.0.1 (this benchmark stays on the loopback interface)`;
  }
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return undefined;
  } catch (e) {
    return `no PostgreSQL server at ${redact(url)}: ${(e as Error).message}`;
  } finally {
    await c.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------
// Clean-up: everything created is registered here and undone in reverse, bounded in time.

const cleanups: Array<{ what: string; fn: () => Promise<void> | void }> = [];

function onCleanup(what: string, fn: () => Promise<void> | void): () => Promise<void> {
  const entry = { what, fn };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await fn();
  };
}

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const { what, fn } = cleanups.pop()!;
    try {
      await withTimeout(Promise.resolve().then(fn), 15_000, `clean-up of ${what}`);
    } catch (e) {
      process.stderr.write(`bench: clean-up of ${what} failed: ${(e as Error).message}\n`);
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------
// Leftovers of a run that was killed outright (SIGKILL skips clean-up; tsx sends one when
// the process does not answer a Ctrl-C within 30 ms, e.g. while PGlite blocks the event
// loop). Each temporary directory and database records its owner; the next run removes
// those whose owner process is gone.

const TMP_PREFIX = "wecrm-bench-";
const OWNER_FILE = "wecrm-bench.owner";
const ownerNote = () => `wecrm bench pid ${process.pid} on ${os.hostname()}`;

function ownerGone(note: string | null | undefined): boolean {
  const m = /^wecrm bench pid (\d+) on (.+)$/.exec(note ?? "");
  if (!m || m[2] !== os.hostname()) return false;
  const pid = Number(m[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

async function sweepLeftovers(o: Options): Promise<void> {
  const tmp = os.tmpdir();
  for (const name of readdirSync(tmp)) {
    const owner = path.join(tmp, name, OWNER_FILE);
    if (!name.startsWith(TMP_PREFIX) || !existsSync(owner)) continue;
    if (!ownerGone(readFileSync(owner, "utf8").trim())) continue;
    rmSync(path.join(tmp, name), { recursive: true, force: true });
    process.stdout.write(`removed ${path.join(tmp, name)}, left by an earlier run that was killed\n`);
  }
  if (!o.dbs.includes("postgres")) return;
  const c = new pg.Client({ connectionString: o.pgBaseUrl, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string; note: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname LIKE 'wecrm\\_bench\\_%'`,
    );
    for (const r of rows) {
      if (!/^wecrm_bench_[0-9a-f]+$/.test(r.datname) || !ownerGone(r.note)) continue;
      await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      process.stdout.write(`dropped database ${r.datname}, left by an earlier run that was killed\n`);
    }
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------
// Fresh databases

interface FreshDatabase {
  label: string;
  /** Where it lives (temporary directory or database name). */
  where: string;
  target: DatabaseTarget;
  /** The driver itself, for the bare server (after the schema is in place). */
  openRaw(): Promise<{ insert: RawInsert; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

async function freshPglite(): Promise<FreshDatabase> {
  // On disk, like the embedded default (DATA_DIR); in memory would flatter both servers.
  const dir = mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), ownerNote());
  const dispose = onCleanup(`temporary directory ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return {
    label: "PGlite, on disk (the embedded default)",
    where: dir,
    target: { kind: "pglite", dataDir: dir },
    async openRaw() {
      // openDatabase() keeps its PGlite at <dataDir>/pglite.
      const client = new PGlite(path.join(dir, "pglite"));
      await client.waitReady;
      return {
        insert: async (sql, params) => (await client.query(sql, params)).rows.length,
        close: () => client.close(),
      };
    },
    dispose,
  };
}

async function freshPostgres(baseUrl: string, poolSize: number): Promise<FreshDatabase> {
  const name = `wecrm_bench_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
    await c.connect();
    try {
      return await c.query<{ v: string }>(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  await admin(`COMMENT ON DATABASE ${name} IS '${ownerNote()}'`);
  const dispose = onCleanup(`database ${name}`, async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const version = ((await admin("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?").split(" ")[0];
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    label: `PostgreSQL ${version} on ${url.host}`,
    where: name,
    target: { kind: "postgres", url: url.toString(), poolSize },
    async openRaw() {
      const pool = new pg.Pool({ connectionString: url.toString(), max: poolSize, connectionTimeoutMillis: 5_000 });
      pool.on("error", () => {});
      return {
        insert: async (sql, params) => (await pool.query(sql, params)).rowCount ?? 0,
        close: () => pool.end(),
      };
    },
    dispose,
  };
}

/** The same pool size our server gets from openDatabase() (and `npm start`). */
const PG_POOL_SIZE = 10;

async function migrated(target: DatabaseTarget): Promise<Database> {
  const db = await openDatabase(target);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

// ---------------------------------------------------------------------------------------
// The WeCom side (load generator + fake API) in its own process

/** Stops the load generator (first thing on Ctrl-C, so our servers can drain and close). */
let stopLoad: (() => Promise<void>) | undefined;

class WecomSide {
  private constructor(
    private readonly child: ChildProcess,
    readonly fakeBaseUrl: string,
  ) {}

  static async start(): Promise<WecomSide> {
    const script = fileURLToPath(new URL("./wecom-side.ts", import.meta.url));
    const child = fork(script, [], {
      cwd: ROOT,
      execArgv: ["--import", import.meta.resolve("tsx")],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    stopLoad = onCleanup("WeCom-side process", () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      return new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 5_000);
        child.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
        if (child.connected) child.send({ type: "exit" } satisfies ToClient);
        else child.kill("SIGTERM");
      });
    });
    const ready = await withTimeout(
      new Promise<Ready>((resolve, reject) => {
        child.once("exit", (code) => reject(new Error(`WeCom-side process exited (${code}) before it was ready`)));
        child.on("message", (m: unknown) => {
          if (isMessage<Ready>(m, "ready")) resolve(m);
        });
      }),
      60_000,
      "starting the WeCom-side process",
    );
    return new WecomSide(child, ready.fakeBaseUrl);
  }

  run(req: RunRequest, timeoutMs: number): Promise<RunResult> {
    return withTimeout(
      new Promise<RunResult>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          if (isMessage<RunResult>(m, "result") && m.id === req.id) done(() => resolve(m));
          else if (isMessage<RunFailure>(m, "error") && m.id === req.id) done(() => reject(new Error(`load generator: ${m.message}`)));
        };
        const onExit = (code: number | null) => done(() => reject(new Error(`WeCom-side process exited (${code}) during a run`)));
        const done = (f: () => void) => {
          this.child.off("message", onMessage);
          this.child.off("exit", onExit);
          f();
        };
        this.child.on("message", onMessage);
        this.child.once("exit", onExit);
        this.child.send(req satisfies ToClient);
      }),
      timeoutMs,
      `run ${req.id}`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// One measured run against one server on one fresh database

type Variant = "bare" | "ours";

function benchConfig(fakeBaseUrl: string): AppConfig {
  return loadConfig({
    WECOM_CORP_ID: KEYS.corpId,
    WECOM_AGENT_ID: AGENT_ID,
    WECOM_SECRET: SECRET,
    WECOM_TOKEN: KEYS.token,
    WECOM_ENCODING_AES_KEY: KEYS.encodingAesKey,
    WECOM_API_BASE: fakeBaseUrl,
    LOG_LEVEL: "silent",
  });
}

async function measure(o: Options, side: WecomSide, kind: DbKind, variant: Variant, runNo: number): Promise<{ label: string; result: RunResult }> {
  const fresh = kind === "pglite" ? await freshPglite() : await freshPostgres(o.pgBaseUrl, PG_POOL_SIZE);
  try {
    const config = benchConfig(side.fakeBaseUrl);
    const db = await migrated(fresh.target);
    let port: number;
    let stop: () => Promise<void>;
    if (variant === "ours") {
      const server = new WecrmServer({ config, db, clock: systemClock, log: createLogger("silent") });
      const closeDb = onCleanup("our database connection", () => db.close());
      const stopServer = onCleanup("our server", () => server.close());
      let http: Server;
      if (o.ackOnly) {
        http = server.app.listen(0, "127.0.0.1");
        await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
        onCleanup("our HTTP listener", () => new Promise<void>((r) => http.close(() => r())));
      } else {
        http = await server.listen(0, "127.0.0.1");
      }
      port = (http.address() as AddressInfo).port;
      stop = async () => {
        await stopServer();
        await closeDb();
      };
    } else {
      await db.close(); // the schema is in; the bare server talks to the driver itself
      const raw = await fresh.openRaw();
      const closeRaw = onCleanup("bare server's database driver", () => raw.close());
      const bare = await startBareServer(config.wecom!, raw.insert);
      const stopBare = onCleanup("bare server", () => bare.close());
      port = bare.port;
      stop = async () => {
        await stopBare();
        await closeRaw();
      };
    }
    process.stdout.write(`  ${kind.padEnd(8)} ${variant.padEnd(4)} on 127.0.0.1:${port}, fresh database ${fresh.where} … `);
    const req: RunRequest = {
      type: "run",
      id: `r${runNo}`,
      url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
      concurrency: o.concurrency,
      warmup: o.warmup,
      messages: o.messages,
      expectReplies: variant === "ours" && !o.ackOnly,
      replyTimeoutMs: o.replyTimeoutMs,
    };
    try {
      const result = await side.run(req, 60_000 + 60_000 + o.replyTimeoutMs + (o.warmup + o.messages) * 100);
      const m = result.measured;
      process.stdout.write(
        `${m.msgsPerSec.toFixed(0)} msgs/s, ack p99 ${m.ackMs.p99.toFixed(1)} ms` +
          (result.e2e ? `, e2e p99 ${result.e2e.e2eMs.p99.toFixed(0)} ms, ${result.e2e.missing} replies missing` : "") +
          "\n",
      );
      return { label: fresh.label, result };
    } finally {
      await stop();
    }
  } finally {
    await fresh.dispose();
  }
}

// ---------------------------------------------------------------------------------------
// Report

interface DbReport {
  database: DbKind;
  label: string;
  order: Variant[];
  bare: RunResult;
  ours: RunResult;
  ratio: number;
  throughputPass: boolean;
  ackP99Pass: boolean;
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

function errorsText(r: RunResult): string {
  const e = Object.entries(r.measured.errors);
  return e.length ? e.map(([k, v]) => `${v}× ${k}`).join(", ") : "none";
}

function table(r: DbReport, o: Options): string {
  const b = r.bare.measured;
  const u = r.ours.measured;
  const e2e = r.ours.e2e;
  const rows: Array<[string, string, string, string]> = [
    ["", "bare node:http", "ours (WecrmServer)", "target"],
    ["acknowledged msgs/s", f0(b.msgsPerSec), f0(u.msgsPerSec), ""],
    [
      "ratio ours / bare",
      "",
      r.ratio.toFixed(2),
      `≥ ${THROUGHPUT_TARGET.toFixed(2)}  ${verdict(r.throughputPass)}`,
    ],
    ["ack p50 (ms)", f1(b.ackMs.p50), f1(u.ackMs.p50), ""],
    ["ack p99 (ms)", f1(b.ackMs.p99), f1(u.ackMs.p99), `< ${ACK_P99_TARGET_MS}  ${verdict(r.ackP99Pass)}`],
    ["ack max (ms)", f1(b.ackMs.max), f1(u.ackMs.max), ""],
    ["end-to-end p50 (ms)", "", e2e ? f0(e2e.e2eMs.p50) : "–", ""],
    ["end-to-end p99 (ms)", "", e2e ? f0(e2e.e2eMs.p99) : "–", ""],
    ["replies received", "", e2e ? `${e2e.received}/${e2e.expected}` : "–", e2e && e2e.missing > 0 ? `${e2e.missing} MISSING` : ""],
    ["non-200 answers", errorsText(r.bare), errorsText(r.ours), ""],
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: [string, string, string, string]) =>
    `  ${row[0].padEnd(w[0]!)}  ${row[1].padStart(w[1]!)}  ${row[2].padStart(w[2]!)}  ${row[3]}`.trimEnd();
  return [
    `${r.label}`,
    `  ${o.messages} deliveries per server after ${o.warmup} warm-up, ${o.concurrency} concurrent; run order: ${r.order.join(" then ")}`,
    ...rows.map(line),
    e2e ? `  our backlog drained ${f0(e2e.drainAfterLastAckMs)} ms after the last ack` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

// ---------------------------------------------------------------------------------------

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
    const order: Variant[] = i % 2 === 0 ? ["bare", "ours"] : ["ours", "bare"];
    const results: Partial<Record<Variant, { label: string; result: RunResult }>> = {};
    for (const v of order) results[v] = await measure(o, side, kind, v, ++runNo);
    const bare = results.bare!.result;
    const ours = results.ours!.result;
    const ratio = bare.measured.msgsPerSec > 0 ? ours.measured.msgsPerSec / bare.measured.msgsPerSec : 0;
    reports.push({
      database: kind,
      label: results.ours!.label,
      order,
      bare,
      ours,
      ratio,
      throughputPass: ratio >= THROUGHPUT_TARGET && ours.measured.ok === ours.measured.sent,
      ackP99Pass: ours.measured.ackMs.p99 < ACK_P99_TARGET_MS,
    });
  }

  process.stdout.write("\n" + reports.map((r) => table(r, o)).join("\n\n") + "\n");

  const outDir = path.join(ROOT, "bench-data");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `webhook-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const json = {
    benchmark: "webhook",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: ["npm run bench:webhook", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    options: { dbs: o.dbs, ackOnly: o.ackOnly, concurrency: o.concurrency, messages: o.messages, warmup: o.warmup, replyTimeoutMs: o.replyTimeoutMs },
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    targets: { throughputRatio: THROUGHPUT_TARGET, ackP99Ms: ACK_P99_TARGET_MS, atConcurrency: 100 },
    results: reports,
  };
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  process.stdout.write(`\nfigures written to ${path.relative(process.cwd(), file)}\n`);
  // Targets missed are reported (FAIL above, and in the JSON), not turned into an exit code.
  return 0;
}

let finishing = false;
async function finish(code: number): Promise<never> {
  if (!finishing) {
    finishing = true;
    await stopLoad?.().catch(() => {});
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
