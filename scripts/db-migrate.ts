// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL (or the PGlite DATA_DIR).
import { ConfigError, loadConfig } from "../src/config/env.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrator.ts";

try {
  const config = loadConfig(process.env);
  const db = await openDatabase(
    config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: config.dataDir },
  );
  try {
    const applied = await migrate(db);
    const where = config.databaseUrl ? new URL(config.databaseUrl).host + new URL(config.databaseUrl).pathname : config.dataDir;
    console.log(applied.length ? `applied ${applied.join(", ")} to ${where}` : `${where} is up to date`);
  } finally {
    await db.close();
  }
} catch (e) {
  console.error(`db:migrate: ${e instanceof ConfigError ? "configuration error: " : ""}${(e as Error).message}`);
  process.exit(1);
}
