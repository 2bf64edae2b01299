// The pool sweep: owned customers idle for returnAfterDays return to the pool; owners are
// warned once, warnDaysBefore days earlier. "Idle since" is the later of the last follow-up
// and the day the owner got it (else the customer's creation). Each call handles one batch
// in the caller's transaction and returns what it did, so a caller can tell the owners in
// that same transaction and loop until a batch comes back short.
import type { Tx } from "../../db/tx.ts";
import type { Customer, Prisma, User } from "../../generated/prisma/client.ts";
import { days } from "../../time/calendar.ts";
import { groupBy, moveToPool, POOL_REASON } from "./pool.ts";
import { keptFromPool, keptReasons, type KeptBecause } from "./pool-protection.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

/** Owned customers with no activity after `cutoff` (idle for the whole span or longer). */
export function idleSince(cutoff: Date): Prisma.CustomerWhereInput {
  return {
    ownerId: { not: null },
    AND: [
      { OR: [{ lastFollowUpAt: null }, { lastFollowUpAt: { lte: cutoff } }] },
      { OR: [{ ownedSince: null }, { ownedSince: { lte: cutoff } }] },
      { OR: [{ lastFollowUpAt: { not: null } }, { ownedSince: { not: null } }, { createdAt: { lte: cutoff } }] },
    ],
  };
}

export function lastActivity(c: Pick<Customer, "lastFollowUpAt" | "ownedSince" | "createdAt">): Date {
  const known = [c.lastFollowUpAt, c.ownedSince].filter((d): d is Date => d !== null);
  return known.length ? new Date(Math.max(...known.map((d) => d.getTime()))) : c.createdAt;
}

export interface OwnerBatch {
  owner: User;
  /** keptBecause: a warned customer the sweep will not return, and why. */
  customers: Array<Customer & { returnsAt: Date; keptBecause?: KeptBecause }>;
}

export interface SweepBatch {
  /** Rows the batch looked at (equal to the batch size: there may be more). */
  selected: number;
  byOwner: OwnerBatch[];
}

async function owners(tx: Tx, customers: Customer[], settings: CrmSettings, kept = new Map<string, KeptBecause>()): Promise<OwnerBatch[]> {
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(customers.map((c) => c.ownerId!))] } } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return [...groupBy(customers, (c) => c.ownerId!)].map(([ownerId, group]) => ({
    owner: byId.get(ownerId)!,
    customers: group.map((c) => {
      const keptBecause = kept.get(c.id);
      return { ...c, returnsAt: new Date(lastActivity(c).getTime() + days(settings.pool.returnAfterDays)), ...(keptBecause ? { keptBecause } : {}) };
    }),
  }));
}

/** Returns one batch of idle customers to the pool. */
export async function returnIdleCustomers(tx: Tx, now: Date, settings: CrmSettings, batchSize: number): Promise<SweepBatch> {
  const due: Prisma.CustomerWhereInput = { AND: [idleSince(new Date(now.getTime() - days(settings.pool.returnAfterDays))), { NOT: keptFromPool(settings, now) }] };
  const candidates = await tx.customer.findMany({ where: due, orderBy: { code: "asc" }, take: batchSize });
  const moved = await moveToPool(
    tx,
    candidates,
    { actorId: null, kind: "returned", reason: POOL_REASON.idle(settings.pool.returnAfterDays), guard: due },
    now,
  );
  return { selected: candidates.length, byOwner: await owners(tx, moved, settings) };
}

/** Marks one batch of customers about to return as warned (once per idle spell: a
 * follow-up or a new owner clears the mark). Kept customers (pool-protection.ts) are warned
 * too, with the reason they stay. */
export async function warnIdleCustomers(tx: Tx, now: Date, settings: CrmSettings, batchSize: number): Promise<SweepBatch> {
  const { returnAfterDays, warnDaysBefore } = settings.pool;
  const due: Prisma.CustomerWhereInput = {
    AND: [idleSince(new Date(now.getTime() - days(Math.max(0, returnAfterDays - warnDaysBefore)))), { poolWarnedAt: null }],
  };
  const candidates = await tx.customer.findMany({ where: due, orderBy: { code: "asc" }, take: batchSize });
  const warned = await tx.customer.updateManyAndReturn({
    where: { AND: [{ id: { in: candidates.map((c) => c.id) } }, due] },
    data: { poolWarnedAt: now },
  });
  await tx.auditEntry.createMany({
    data: warned.map((c) => ({ actorId: null, action: "pool_warn", entity: "customer", entityId: c.id, detail: { ownerId: c.ownerId }, at: now })),
  });
  const kept = await keptReasons(tx, warned.map((c) => c.id), settings, now);
  return { selected: candidates.length, byOwner: await owners(tx, warned, settings, kept) };
}
