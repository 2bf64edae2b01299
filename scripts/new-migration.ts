// Author a migration: diff the schema snapshot kept with the newest migration against
// prisma/schema.prisma (datamodel to datamodel, which Prisma's JavaScript engine does
// offline), and write prisma/migrations/<timestamp>_<name>/ with migration.sql and a new
// snapshot. (`prisma migrate dev` works only for the first migration here: the PGlite
// adapter replays history into its shadow database as prepared statements, which refuse
// multi-statement files; datasource diffs are refused with a driver adapter.)
// Usage: npm run db:migration:new -- <snake_case_name>
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR } from "../src/db/migrator.ts";

const SCHEMA = path.resolve(MIGRATIONS_DIR, "..", "schema.prisma");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration:new -- <snake_case_name>");
  process.exit(2);
}
const latest = readdirSync(MIGRATIONS_DIR)
  .filter((d) => existsSync(path.join(MIGRATIONS_DIR, d, "schema.prisma")))
  .sort()
  .at(-1);
const from = latest ? ["--from-schema-datamodel", path.join(MIGRATIONS_DIR, latest, "schema.prisma")] : ["--from-empty"];
const out = path.join(tmpdir(), `wecrm-migration-${process.pid}.sql`);
const run = spawnSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script", "-o", out], {
  stdio: "inherit",
  timeout: 120_000,
});
if (run.status !== 0 || !existsSync(out)) {
  console.error(`prisma migrate diff failed (${run.error?.message ?? `exit ${run.status}`})`);
  process.exit(1);
}
const sql = readFileSync(out, "utf8");
rmSync(out);
if (/^-- This is an empty migration/m.test(sql) || sql.trim() === "") {
  console.log("prisma/schema.prisma matches the newest migration: nothing to write");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync(SCHEMA, path.join(dir, "schema.prisma"));
console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then run the tests`);
