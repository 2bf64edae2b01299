// Opens the one database the app uses: PGlite in DATA_DIR (embedded default) or a
// PostgreSQL server when DATABASE_URL is set. Both get the same Prisma client and the
// same raw-SQL session interface (used by the migrator and the queues).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client.ts";
import { pgliteAdapter } from "./pglite-adapter.ts";
import { acquireDirLock, type DirLock } from "./dir-lock.ts";

export type Prisma = PrismaClient;

/** A raw SQL connection: one session, so advisory locks and BEGIN/COMMIT hold. */
export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  release(): Promise<void>;
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** One statement outside any transaction, straight on the driver (the hot paths). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Like query, on connections reserved for acknowledging deliveries (PostgreSQL), so a
   * busy worker never makes the webhook wait for a pooled connection. */
  priorityQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  session(): Promise<SqlSession>;
  /** The embedded database's driver adapter: a processor thread's Prisma calls run on it
   * here, since PGlite lives in this thread (absent for PostgreSQL: threads connect). */
  adapter?: SqlDriverAdapterFactory;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | null } // null: in memory (tests)
  | { kind: "postgres"; url: string; poolSize?: number };

export const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

export async function openDatabase(target: DatabaseTarget, onPoolError?: (e: Error) => void): Promise<Database> {
  return target.kind === "pglite" ? openPglite(target.dataDir) : openPostgres(target.url, target.poolSize, onPoolError);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  let lock: DirLock | undefined;
  let client: PGlite;
  if (dataDir) {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    lock = acquireDirLock(dir);
    client = new PGlite(path.join(dir, "pglite"));
  } else {
    client = new PGlite();
  }
  await client.waitReady;
  const adapter = pgliteAdapter(client);
  const prisma = new PrismaClient({ adapter, transactionOptions: TX_OPTIONS });
  return {
    kind: "pglite",
    prisma,
    adapter,
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    priorityQuery: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    async session() {
      return {
        query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
        exec: async (sql: string) => {
          await client.exec(sql);
        },
        release: async () => {},
      };
    },
    async close() {
      await prisma.$disconnect();
      await client.close();
      lock?.release();
    },
  };
}

/**
 * Every PostgreSQL connection is bounded, so a frozen server (TCP held open, nothing
 * answering) costs a caller seconds, not minutes: a client-side `query_timeout` (the only
 * bound a frozen socket obeys; the pool then drops that connection), server-side
 * `statement_timeout` / `lock_timeout`, TCP keepalive, and an acquire timeout for a busy
 * pool. Limits differ by kind of work:
 * - acks (ingest pool): 2 s in all, so a webhook answers 503 well inside WeCom's 5 s;
 * - everything else (Prisma, workers, /metrics): 30 s statements, 10 s locks;
 * - sessions (migrations, long maintenance): a dedicated connection with no statement limit.
 */
export const PG_LIMITS = {
  ack: { acquireMs: 2_000, queryMs: 2_000, statementMs: 1_500, lockMs: 1_000 },
  work: { acquireMs: 5_000, queryMs: 35_000, statementMs: 30_000, lockMs: 10_000 },
} as const;

type Limits = (typeof PG_LIMITS)[keyof typeof PG_LIMITS];

function poolConfig(url: string, max: number, l: Limits): pg.PoolConfig {
  return {
    connectionString: url,
    max,
    connectionTimeoutMillis: l.acquireMs,
    query_timeout: l.queryMs,
    statement_timeout: l.statementMs,
    lock_timeout: l.lockMs,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

async function openPostgres(url: string, poolSize = 10, onPoolError?: (e: Error) => void): Promise<Database> {
  const pool = new pg.Pool(poolConfig(url, poolSize, PG_LIMITS.work));
  // An idle client losing its server must not crash the process; the pool reconnects.
  pool.on("error", (e) => onPoolError?.(e));
  const ingestPool = new pg.Pool(poolConfig(url, 2, PG_LIMITS.ack));
  ingestPool.on("error", (e) => onPoolError?.(e));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TX_OPTIONS });
  return {
    kind: "postgres",
    prisma,
    query: async <T>(sql: string, params?: unknown[]) =>
      (await pool.query(sql, params as unknown[] | undefined)).rows as T[],
    priorityQuery: async <T>(sql: string, params?: unknown[]) =>
      (await ingestPool.query(sql, params as unknown[] | undefined)).rows as T[],
    async session() {
      // Its own connection, outside the pools' limits: a migration may lock and run long.
      const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
      await c.connect();
      c.on("error", (e) => onPoolError?.(e));
      return {
        query: async <T>(sql: string, params?: unknown[]) =>
          (await c.query(sql, params as unknown[] | undefined)).rows as T[],
        exec: async (sql: string) => {
          await c.query(sql);
        },
        release: async () => c.end().catch(() => {}),
      };
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
      await ingestPool.end().catch(() => {});
    },
  };
}
