// Database provisioning for the webhook benchmark: a fresh, migrated database per measured
// run (a temporary PGlite directory or a PostgreSQL database), and removal of those left
// behind by an earlier run that was killed.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, type Database, type DatabaseTarget } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";
import type { RawInsert } from "./bare-server.ts";
import { onCleanup } from "./cleanup.ts";
import type { DbKind, Options } from "./options.ts";

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

export async function sweepLeftovers(o: Pick<Options, "dbs" | "pgBaseUrl">): Promise<void> {
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

export interface FreshDatabase {
  label: string;
  /** Where it lives (temporary directory or database name). */
  where: string;
  target: DatabaseTarget;
  /** The driver itself, for the bare servers (after the schema is in place). */
  openRaw(): Promise<RawDb>;
  dispose(): Promise<void>;
}

/** One statement on the driver; rows back. */
export type RawQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The driver with no framework: the bare servers' whole database layer. */
export interface RawDb {
  insert: RawInsert;
  query: RawQuery;
  /** BEGIN … COMMIT on one connection (ROLLBACK when fn throws). */
  transaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function freshPglite(): Promise<FreshDatabase> {
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
      const query: RawQuery = async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows;
      return {
        insert: async (sql, params) => (await client.query(sql, params)).rows.length,
        query,
        transaction: (fn) => client.transaction((tx) => fn(async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows)),
        close: () => client.close(),
      };
    },
    dispose,
  };
}

export async function freshPostgres(baseUrl: string, poolSize: number): Promise<FreshDatabase> {
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
        query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
        async transaction(fn) {
          const c = await pool.connect();
          try {
            await c.query("BEGIN");
            const r = await fn(async <T>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as T[]);
            await c.query("COMMIT");
            return r;
          } catch (e) {
            await c.query("ROLLBACK").catch(() => {});
            throw e;
          } finally {
            c.release();
          }
        },
        close: () => pool.end(),
      };
    },
    dispose,
  };
}

/** The same pool size our server gets from openDatabase() (and `npm start`). */
export const PG_POOL_SIZE = 10;

/** Runs `fn` on a fresh, migrated database of that kind, closed and removed afterwards. */
export async function onFreshDatabase<T>(kind: DbKind, pgBaseUrl: string, fn: (db: Database, fresh: FreshDatabase) => Promise<T>): Promise<T> {
  const fresh = kind === "pglite" ? await freshPglite() : await freshPostgres(pgBaseUrl, PG_POOL_SIZE);
  try {
    const db = await migrated(fresh.target);
    try {
      return await fn(db, fresh);
    } finally {
      await db.close();
    }
  } finally {
    await fresh.dispose();
  }
}

export async function migrated(target: DatabaseTarget): Promise<Database> {
  const db = await openDatabase(target);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
