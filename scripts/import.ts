// `npm run import -- <file.csv> [--dry-run] [--type leads|customers|products|contracts|payments|targets] [--as <wecomUserId>]`:
// leads, customers, products, historical contracts, 回款 payments or 业绩目标 from a CSV file into the server's database, all or nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { NOTIFY_CHANNEL } from "../src/bot/router.ts";
import { systemClock } from "../src/clock.ts";
import { formatImportReport } from "../src/crm/import-export/import/import-report.ts";
import { runImport } from "../src/crm/import-export/import/run-import.ts";
import { zhData } from "../src/crm/import-export/messages.ts";
import { enqueue } from "../src/outbox/outbox.ts";
import { text } from "../src/render/reply.ts";
import { openCliDatabase, runCli } from "./cli-database.ts";

const TYPES = ["leads", "customers", "products", "contracts", "payments", "targets"] as const;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { "dry-run": { type: "boolean", default: false }, type: { type: "string" }, as: { type: "string" } },
    allowPositionals: true,
  });
  const type = values.type as (typeof TYPES)[number] | undefined;
  const [file] = positionals;
  if (positionals.length !== 1 || !file || (type !== undefined && !TYPES.includes(type))) {
    process.stderr.write(`${zhData.importUsage}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    process.stderr.write(`${zhData.importFileUnreadable(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message)}\n`);
    return 2;
  }
  const { db, settings, config } = await openCliDatabase();
  try {
    const now = systemClock.now();
    const batch = `${now.getTime()}-${process.pid}`;
    const result = await runImport(db.prisma, {
      file: path.basename(file),
      bytes,
      kind: type,
      dryRun: values["dry-run"],
      asUser: values.as?.trim(),
      now,
      settings,
      timeZone: config.timeZone,
      notify: async (tx, user, message) => {
        await enqueue(tx, [{ channel: NOTIFY_CHANNEL, recipient: user.wecomUserId, reply: text(message), dedupeKey: `import:${batch}:${user.id}` }], now);
      },
    });
    if (result.kind === "refused") {
      process.stderr.write(`${result.message}\n`);
      return 1;
    }
    process.stdout.write(`${formatImportReport(result.report)}\n`);
    return result.report.problems.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

runCli("import", main);
