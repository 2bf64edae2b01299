// Tells owners what the pool sweep did to their customers: one message per owner per
// batch, written to the outbox in the batch's transaction. Keys are derived from the
// owner, the local date and the customers, so re-running a batch never sends twice.
import { createHash } from "node:crypto";
import { NOTIFY_CHANNEL } from "../../bot/router-keys.ts";
import { formatDay, localDateKey } from "../../time/calendar.ts";
import type { KeptBecause } from "./pool-protection.ts";
import type { SweepBatch } from "./pool-sweep.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { zhPool } from "./messages.ts";
import { zhRules } from "../opportunities/index.ts";
import { enqueue } from "../../outbox/outbox.ts";
import { text } from "../../render/reply.ts";

/** At most this many customers are named in one notice; the rest are counted. */
const NAMED = 20;

function named<T>(customers: T[], line: (c: T) => string): string[] {
  const lines = customers.slice(0, NAMED).map(line);
  if (customers.length > NAMED) lines.push(zhPool.poolNoticeMore(customers.length - NAMED));
  return lines;
}

const keptWhy = (k: KeptBecause, settings: CrmSettings) => (k.kind === "won" ? zhRules.poolKeptWon(k.code, settings.pool.protectWonDays) : zhRules.poolKeptLate(k.code, k.stage));

export type SweepNotice = "warned" | "returned";

export async function tellOwners(
  tx: Tx,
  batch: SweepBatch,
  notice: SweepNotice,
  now: Date,
  timeZone: string,
  settings: CrmSettings,
): Promise<number> {
  const messages = batch.byOwner
    .filter((o) => o.owner.active)
    .map(({ owner, customers }) => {
      const days = settings.pool.returnAfterDays;
      const returning = customers.filter((c) => !c.keptBecause);
      const kept = customers.filter((c) => c.keptBecause);
      const lines = named(returning, (c) => (notice === "warned" ? zhPool.poolWarnLine(c.code, c.name, formatDay(c.returnsAt, timeZone)) : zhPool.poolReturnedLine(c.code, c.name)));
      const parts = returning.length ? [notice === "warned" ? zhPool.poolWarnNotice(days, lines, returning[0]!.code) : zhPool.poolReturnedNotice(days, lines)] : [];
      if (kept.length) parts.push(zhRules.poolKeptNotice(days, named(kept, (c) => zhRules.poolKeptLine(c.code, c.name, keptWhy(c.keptBecause!, settings)))));
      const body = parts.join("\n\n");
      const digest = createHash("sha1")
        .update(customers.map((c) => c.id).sort().join(","))
        .digest("hex")
        .slice(0, 16);
      return {
        channel: NOTIFY_CHANNEL,
        recipient: owner.wecomUserId,
        reply: text(body),
        dedupeKey: `pool-${notice}:${localDateKey(now, timeZone)}:${owner.id}:${digest}`,
      };
    });
  return enqueue(tx, messages, now);
}
