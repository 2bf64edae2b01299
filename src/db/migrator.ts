// Applies prisma/migrations/*/migration.sql in order, on PGlite and PostgreSQL alike.
// Each file runs in its own transaction and is recorded with a checksum; an advisory lock
// keeps replicas that start together from racing; an edited applied file stops start-up.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "./database.ts";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const LOCK_KEY = 7_411_902_031; // arbitrary, constant: "wecrm migrations"

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names of the migrations it applied (empty when up to date). */
export async function migrate(db: Database, files: MigrationFile[] = readMigrations()): Promise<string[]> {
  const s = await db.session();
  try {
    await s.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await s.exec(
        `CREATE TABLE IF NOT EXISTS wecrm_migrations (
           name TEXT PRIMARY KEY,
           checksum TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
      );
      const rows = await s.query<{ name: string; checksum: string }>("SELECT name, checksum FROM wecrm_migrations");
      const applied = new Map(rows.map((r) => [r.name, r.checksum]));
      const known = new Set(files.map((f) => f.name));
      for (const name of applied.keys()) {
        if (!known.has(name)) {
          throw new MigrationError(`database has migration ${name} that this code does not know: is the code older than the database?`);
        }
      }
      const done: string[] = [];
      for (const f of files) {
        const sum = applied.get(f.name);
        if (sum !== undefined) {
          if (sum !== f.checksum) {
            throw new MigrationError(`migration ${f.name} was edited after it was applied; add a new migration instead`);
          }
          continue;
        }
        await s.exec("BEGIN");
        try {
          await s.exec(f.sql);
          await s.query("INSERT INTO wecrm_migrations (name, checksum) VALUES ($1, $2)", [f.name, f.checksum]);
          await s.exec("COMMIT");
        } catch (e) {
          await s.exec("ROLLBACK");
          throw new MigrationError(`migration ${f.name} failed: ${(e as Error).message}`);
        }
        done.push(f.name);
      }
      return done;
    } finally {
      await s.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    await s.release();
  }
}
