import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { migrate, readMigrations } from "../../src/db/migrator.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.dispose());

describe("migration history", () => {
  it("the newest migration was made from the current prisma/schema.prisma", () => {
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
    const newest = readMigrations().at(-1)!.name;
    const snapshot = readFileSync(path.join(dir, newest, "schema.prisma"), "utf8");
    const current = readFileSync(path.join(dir, "..", "schema.prisma"), "utf8");
    expect(snapshot, "schema.prisma changed: run npm run db:migration:new -- <name>").toBe(current);
  });
});

describe("migrator", () => {
  it("applies each migration once and records its checksum", async () => {
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ name: string }>("SELECT name FROM wecrm_migrations ORDER BY name");
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
  });

  it("refuses to start when an applied migration was edited", async () => {
    const files = readMigrations().map((f, i) => (i === 0 ? { ...f, checksum: "edited" } : f));
    await expect(migrate(t.db, files)).rejects.toThrow(/was edited after it was applied/);
  });

  it("refuses a database that has migrations this code does not know", async () => {
    await expect(migrate(t.db, readMigrations().slice(1))).rejects.toThrow(/does not know/);
  });

  it("applies a new migration in a transaction; a failing one leaves nothing behind", async () => {
    const files = readMigrations();
    const good = { name: "99990101000000_probe", sql: "CREATE TABLE probe (id int);", checksum: "p1" };
    expect(await migrate(t.db, [...files, good])).toEqual([good.name]);
    const bad = { name: "99990102000000_bad", sql: "CREATE TABLE probe2 (id int); SELECT nope();", checksum: "p2" };
    await expect(migrate(t.db, [...files, good, bad])).rejects.toThrow(/99990102000000_bad failed/);
    const left = await t.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'probe2'");
    expect(left).toHaveLength(0);
  });

  it.runIf(onPostgres())("replicas starting together apply each migration once", async () => {
    const fresh = await createTestDatabase(); // already migrated: use a new empty database
    const url = new URL(fresh.url!);
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: process.env["DATABASE_URL"] });
    await admin.connect();
    const name = `${url.pathname.slice(1)}_race`;
    await admin.query(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
    const dbs = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 })));
    const applied = await Promise.all(dbs.map((d) => migrate(d)));
    expect(applied.flat()).toEqual(readMigrations().map((m) => m.name));
    await Promise.all(dbs.map((d) => d.close()));
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
    await fresh.dispose();
  });
});
