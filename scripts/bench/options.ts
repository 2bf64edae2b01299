// Command-line options of the webhook benchmark, and whether PostgreSQL can be used.
import { parseArgs, type ParseArgsConfig } from "node:util";
import pg from "pg";

export type DbKind = "pglite" | "postgres";

export interface Options {
  dbs: DbKind[];
  concurrency: number;
  messages: number;
  warmup: number;
  /** Distinct senders; command n comes from sender n mod senders. */
  senders: number;
  /** Commands one sender floods in the fairness phase (0: skip it). */
  flood: number;
  replyTimeoutMs: number;
  pgBaseUrl: string;
  /** Diagnostics: our server without its worker and dispatcher (acks only, no replies). */
  ackOnly: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run bench:webhook -- [--db pglite|postgres|both] [--concurrency 100] [--messages 3000] [--warmup 200] [--senders 200] [--flood 1500] [--reply-timeout 120]
  --db             default: both when PostgreSQL answers at DATABASE_URL (or postgresql://postgres@127.0.0.1:5432/postgres), else pglite
  --messages       measured deliveries per server (after the warm-up)
  --senders        distinct senders (each writes in turn; the warm-up introduces them; keep
                   messages/senders under WeCom's 25 replies a minute to one person)
  --flood          fairness: one sender floods this many commands while ten others write every
                   3 s for 30 s; their reply latency is reported (0 skips it)
  --reply-timeout  seconds to wait for all replies after the last ack
  --ack-only       diagnostics: run our server WITHOUT its inbox worker and outbox dispatcher
                   (what the HTTP edge + inbox alone can do; no end-to-end figures)`;

export async function parseOptions(): Promise<Options> {
  const values = benchArgs(
    {
      db: { type: "string" },
      concurrency: { type: "string" },
      messages: { type: "string" },
      warmup: { type: "string" },
      senders: { type: "string" },
      flood: { type: "string" },
      "reply-timeout": { type: "string" },
      "ack-only": { type: "boolean" },
    },
    USAGE,
  );
  const pgBaseUrl = benchPostgresUrl();
  return {
    dbs: await chooseDatabases(values.db, pgBaseUrl),
    concurrency: intOption("concurrency", values.concurrency, 100, 1, 1000),
    messages: intOption("messages", values.messages, 3000, 1, 100_000),
    warmup: intOption("warmup", values.warmup, 200, 0, 100_000),
    senders: intOption("senders", values.senders, 200, 1, 100_000),
    flood: intOption("flood", values.flood, 1500, 0, 100_000),
    replyTimeoutMs: intOption("reply-timeout", values["reply-timeout"], 120, 1, 600) * 1000,
    pgBaseUrl,
    ackOnly: values["ack-only"] ?? false,
  };
}

/** A benchmark's command line (strict, no positional words); -h/--help prints the usage and exits. */
export function benchArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(options: O, usage: string) {
  if (process.argv.slice(2).some((a) => a === "-h" || a === "--help")) {
    process.stdout.write(usage + "\n");
    process.exit(0);
  }
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The PostgreSQL server a benchmark creates its databases on. */
export const benchPostgresUrl = (): string => process.env["DATABASE_URL"] || "postgresql://postgres@127.0.0.1:5432/postgres";

/** --db pglite|postgres|both; without it, both when PostgreSQL answers on the loopback. */
export async function chooseDatabases(option: string | undefined, pgBaseUrl: string): Promise<DbKind[]> {
  const db = option ?? "auto";
  if (!["pglite", "postgres", "both", "auto"].includes(db)) throw new UsageError(`--db must be pglite, postgres or both (got "${db}")`);
  if (db === "pglite") return ["pglite"];
  const problem = await postgresProblem(pgBaseUrl);
  if (db === "auto") {
    if (problem) process.stdout.write(`PostgreSQL not used (${problem}); benchmarking PGlite only.\n`);
    return problem ? ["pglite"] : ["pglite", "postgres"];
  }
  if (problem) throw new UsageError(`--db ${db}: ${problem}`);
  return db === "postgres" ? ["postgres"] : ["pglite", "postgres"];
}

/** An integer option within bounds (a usage error otherwise). */
export function intOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
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
