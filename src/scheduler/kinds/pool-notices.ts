// Tells owners what the pool sweep did to their customers: one message per owner per
// batch, written to the outbox in the batch's transaction. Keys are derived from the
// owner, the local date and the customers, so re-running a batch never sends twice.
import { createHash } from "node:crypto";
import { NOTIFY_CHANNEL } from "../../bot/router-keys.ts";
import { formatDay, localDateKey } from "../../crm/calendar.ts";
import type { SweepBatch } from "../../crm/pool-sweep.ts";
import type { CrmSettings } from "../../crm/settings/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { zh } from "../../messages/zh.ts";
import { enqueue } from "../../outbox/outbox.ts";
import { text } from "../../render/reply.ts";

/** At most this many customers are named in one notice; the rest are counted. */
const NAMED = 20;

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
      const lines = customers
        .slice(0, NAMED)
        .map((c) => (notice === "warned" ? zh.poolWarnLine(c.code, c.name, formatDay(c.returnsAt, timeZone)) : zh.poolReturnedLine(c.code, c.name)));
      if (customers.length > NAMED) lines.push(zh.poolNoticeMore(customers.length - NAMED));
      const days = settings.pool.returnAfterDays;
      const body = notice === "warned" ? zh.poolWarnNotice(days, lines, customers[0]!.code) : zh.poolReturnedNotice(days, lines);
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
