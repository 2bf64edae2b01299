// `npm start`: read config, open and migrate the database, serve.
import { systemClock } from "./clock.ts";
import { ConfigError, loadConfig } from "./config/env.ts";
import { openDatabase } from "./db/database.ts";
import { DataDirBusyError } from "./db/dir-lock.ts";
import { migrate, MigrationError } from "./db/migrator.ts";
import { createLogger } from "./log.ts";
import { WecrmServer } from "./server.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`wecrm: configuration error: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  let db;
  try {
    db = await openDatabase(
      config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: config.dataDir },
      (e) => log.warn({ err: e.message }, "database connection lost; will reconnect"),
    );
    const applied = await migrate(db);
    log.info({ database: db.kind, applied }, applied.length ? "migrations applied" : "database schema up to date");
  } catch (e) {
    if (e instanceof DataDirBusyError || e instanceof MigrationError) {
      process.stderr.write(`wecrm: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const server = new WecrmServer({ config, db, clock: systemClock, log });
  await server.listen(config.port, config.host);
  log.info({ port: config.port, host: config.host, database: db.kind }, "wecrm listening");
  if (!config.wecom) {
    log.warn(
      "WeCom webhook is off: set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY to turn it on. " +
        "Meanwhile try the bot in the console: npm run chat -- --user <id>",
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight work");
    await server.close();
    await db.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

void main();
