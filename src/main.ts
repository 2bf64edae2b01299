// `npm start`: read config, open and migrate the database, serve.
import { systemClock } from "./clock.ts";
import { ConfigError, loadConfig } from "./config/env.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { migrate, MigrationError } from "./db/migrator.ts";
import { loadCrmSettings, SettingsError } from "./config/crm/load-settings.ts";
import { createLogger, type Logger } from "./log.ts";
import { redactUrlPassword } from "./config/redact.ts";
import { WecrmServer } from "./server.ts";

async function main(): Promise<void> {
  let config, settings;
  try {
    config = loadConfig(process.env);
    settings = loadCrmSettings(config.crmConfigFile);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SettingsError) {
      process.stderr.write(`wecrm: configuration error: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  process.on("unhandledRejection", (e) => log.error({ err: (e as Error)?.message ?? String(e) }, "unhandled rejection"));
  let db;
  try {
    db = await openDatabase(
      config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: config.dataDir },
      (e) => log.warn({ err: e.message }, "database connection lost; will reconnect"),
    );
    const applied = await migrateWhenReachable(db, log, config.databaseUrl);
    log.info({ database: db.kind, applied }, applied.length ? "migrations applied" : "database schema up to date");
  } catch (e) {
    process.stderr.write(`wecrm: ${redactUrlPassword((e as Error).message, config.databaseUrl)}\n`);
    process.exit(1);
  }
  const server = new WecrmServer({ config, db, clock: systemClock, log, settings, isolation: isolationFromEnv(process.env) });
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

/** Events run in a processor thread; WECRM_EVENT_DEADLINE_MS shortens the hang deadline
 * (tests of the watchdog). */
function isolationFromEnv(env: NodeJS.ProcessEnv): { deadlineMs?: number } {
  const ms = Number(env["WECRM_EVENT_DEADLINE_MS"]);
  return Number.isInteger(ms) && ms >= 1_000 ? { deadlineMs: ms } : {};
}

/** A server started before its database (containers do) waits for it, within reason. */
async function migrateWhenReachable(db: Database, log: Logger, url: string | undefined, patienceMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + patienceMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await migrate(db);
    } catch (e) {
      if (e instanceof MigrationError || Date.now() + wait > deadline) throw e;
      log.warn({ err: redactUrlPassword((e as Error).message, url), retryInMs: wait }, "database unreachable at start-up; retrying");
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

void main();
