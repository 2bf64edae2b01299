// What the data CLIs (import, seed) share: configuration from the environment, the
// database the server uses (DATA_DIR or DATABASE_URL), migrated, and clear words when the
// embedded database is held by a running server.
import path from "node:path";
import { loadConfig, type AppConfig } from "../src/config/env.ts";
import { loadCrmSettings } from "../src/config/crm/load-settings.ts";
import type { CrmSettings } from "../src/config/crm/crm-settings.ts";
import { openDatabase, type Database } from "../src/db/database.ts";
import { DataDirBusyError } from "../src/db/dir-lock.ts";
import { migrate } from "../src/db/migrator.ts";
import { zhData } from "../src/crm/import-export/messages.ts";

export interface CliDatabase {
  config: AppConfig;
  settings: CrmSettings;
  db: Database;
  /** "PostgreSQL" or the embedded database's directory, for the output. */
  target: string;
}

export async function openCliDatabase(): Promise<CliDatabase> {
  const config = loadConfig(process.env);
  const settings = loadCrmSettings(config.crmConfigFile);
  let db: Database;
  try {
    db = await openDatabase(config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirBusyError) throw new Error(zhData.dataDirBusy(path.resolve(config.dataDir)));
    throw e;
  }
  await migrate(db);
  return { config, settings, db, target: config.databaseUrl ? "PostgreSQL" : path.resolve(config.dataDir) };
}

/** Runs a CLI's main: any error is one line on stderr and exit code 1. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (e: unknown) => {
      process.stderr.write(`${name}: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
