// `npm run chat -- --user <id> [--role rep|manager|admin]`: talk to the bot in a terminal,
// through the same router, actions and outbox as WeCom. Uses DATA_DIR / DATABASE_URL.
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { BotCore } from "../../bot/bot-core.ts";
import { systemClock } from "../../clock.ts";
import { ConfigError, loadConfig } from "../../config/env.ts";
import { openDatabase } from "../../db/database.ts";
import { migrate } from "../../db/migrator.ts";
import { loadCrmSettings } from "../../config/crm/load-settings.ts";
import { Metrics } from "../../http/metrics.ts";
import { createLogger } from "../../log.ts";
import { ConsoleSender, ConsoleSession } from "./console-channel.ts";

const ROLES = ["rep", "manager", "admin"] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { user: { type: "string" }, role: { type: "string" } },
    allowPositionals: false,
  });
  const userId = values.user?.trim();
  const role = values.role as (typeof ROLES)[number] | undefined;
  if (!userId || (role && !ROLES.includes(role))) {
    process.stderr.write("usage: npm run chat -- --user <WeCom user id> [--role rep|manager|admin]\n");
    process.exit(2);
  }
  const config = loadConfig(process.env);
  // The console prints replies itself; keep the structured logs out of the conversation.
  const log = createLogger(process.env["LOG_LEVEL"] ? config.logLevel : "warn", process.stderr);
  const db = await openDatabase(
    config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: config.dataDir },
  );
  await migrate(db);
  if (role) {
    await db.prisma.user.upsert({ where: { wecomUserId: userId }, create: { wecomUserId: userId, role }, update: { role } });
  }
  const print = (t: string) => process.stdout.write(`机器人> ${t.replaceAll("\n", "\n        ")}\n`);
  const sender = new ConsoleSender(print, "console", path.resolve(config.dataDir, "exports"));
  const core = new BotCore({
    db,
    clock: systemClock,
    log,
    metrics: new Metrics(),
    // On the embedded database without WeCom (nobody else can be sending), notifications
    // to other users are shown here rather than left waiting. On a shared PostgreSQL
    // database the server's dispatcher owns the WeCom channel.
    senders: config.wecom || config.databaseUrl ? [sender] : [sender, new ConsoleSender(print, "wecom")],
    timeZone: config.timeZone,
    settings: loadCrmSettings(config.crmConfigFile),
    admins: config.admins,
    llm: config.llm,
    dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 },
  });
  const session = new ConsoleSession(core, sender, userId, systemClock);
  process.stdout.write(`wecrm 控制台 · 用户 ${userId}${role ? ` (${role})` : ""} · 输入「帮助」开始，exit 退出\n`);
  const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
  const prompt = () => process.stdin.isTTY && process.stdout.write("你> ");
  prompt();
  for await (const line of rl) {
    if (/^(exit|quit|退出)$/i.test(line.trim())) break;
    if (line.trim() !== "") await session.submit(line);
    prompt();
  }
  rl.close();
  await db.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`wecrm chat: ${e instanceof ConfigError ? "configuration error: " : ""}${(e as Error).message}\n`);
  process.exit(1);
});
