// A fresh, migrated database per test file: in-memory PGlite by default, or a new
// database on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";

export interface TestDatabase {
  db: Database;
  /** For tests that need their own connection string (PostgreSQL only). */
  url: string | undefined;
  dispose(): Promise<void>;
}

export const onPostgres = (): boolean => Boolean(process.env["DATABASE_URL"]);

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env["DATABASE_URL"];
  if (!serverUrl) {
    const db = await openDatabase({ kind: "pglite", dataDir: null });
    await migrate(db);
    return { db, url: undefined, dispose: () => db.close() };
  }
  const name = `crm_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async dispose() {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
