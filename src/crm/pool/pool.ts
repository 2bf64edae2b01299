// The public pool (公海): customers nobody owns. They arrive by returning (no follow-up for
// too long), by release, or when their rep leaves; any rep may claim one, a limited number
// per calendar month. Open opportunities travel with their customer: ownerless while it is
// in the pool, the claimant's once claimed. Closed ones keep their owner (credit, reports).
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Customer, PoolEvent, Prisma } from "../../generated/prisma/client.ts";
import { days, monthWindow } from "../../time/calendar.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export type PoolEventKind = "returned" | "released" | "claimed" | "moved";

/** PoolEvent.reason for kinds whose reason is not a person's words. */
export const POOL_REASON = { repLeft: "rep_left", idle: (days: number) => `idle:${days}` } as const;

export interface ToPool {
  /** Who did it; null for the maintenance sweep. */
  actorId: string | null;
  kind: Exclude<PoolEventKind, "claimed">;
  reason: string | null;
  /** Only customers still matching this (besides the ids) move: a concurrent change wins. */
  guard: Prisma.CustomerWhereInput;
}

/** Puts customers into the pool: no owner, their owner's open opportunities ownerless too,
 * a PoolEvent and an audit entry each. Returns the customers that moved (as they were). */
export async function moveToPool(tx: Tx, customers: Customer[], how: ToPool, now: Date): Promise<Customer[]> {
  if (customers.length === 0) return [];
  const moved = await tx.customer.updateManyAndReturn({
    where: { AND: [{ id: { in: customers.map((c) => c.id) } }, { ownerId: { not: null } }, how.guard] },
    data: { ownerId: null, ownedSince: null, pooledAt: now, poolWarnedAt: null, updatedAt: now },
    select: { id: true },
  });
  const movedIds = new Set(moved.map((m) => m.id));
  const before = customers.filter((c) => movedIds.has(c.id));
  for (const [ownerId, group] of groupBy(before, (c) => c.ownerId!)) {
    await tx.opportunity.updateMany({
      where: { customerId: { in: group.map((c) => c.id) }, ownerId, closedAt: null },
      data: { ownerId: null, updatedAt: now },
    });
  }
  await tx.poolEvent.createMany({
    data: before.map((c) => ({ customerId: c.id, kind: how.kind, fromUserId: c.ownerId, toUserId: null, reason: how.reason, at: now })),
  });
  await tx.auditEntry.createMany({
    data: before.map((c) => ({
      actorId: how.actorId,
      action: how.kind === "moved" ? "move" : how.kind,
      entity: "customer",
      entityId: c.id,
      detail: { before: { ownerId: c.ownerId }, after: { ownerId: null }, reason: how.reason },
      at: now,
    })),
  });
  return before;
}

export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

export type ClaimResult =
  | { kind: "claimed"; customer: Customer; opportunities: number; claimedThisMonth: number; limit: number }
  | { kind: "limit"; limit: number; resetsAt: Date }
  | { kind: "cooldown"; until: Date }
  | { kind: "taken" };

/** A rep may not claim back a customer that just left them (returned or released) for as
 * long as the pool gives owners (returnAfterDays): release-and-reclaim must not reset the
 * clock, and a returned customer is someone else's chance first. */
async function cooldownUntil(tx: Tx, actor: User, customer: Customer, settings: CrmSettings): Promise<Date | null> {
  const last: PoolEvent | null = await tx.poolEvent.findFirst({ where: { customerId: customer.id }, orderBy: [{ at: "desc" }, { id: "desc" }] });
  if (!last || last.kind === "claimed" || last.fromUserId !== actor.id) return null;
  return new Date(last.at.getTime() + days(settings.pool.returnAfterDays));
}

export function claimsThisMonth(tx: Tx, actor: User, now: Date, timeZone: string): Promise<number> {
  const { start } = monthWindow(now, timeZone);
  return tx.poolEvent.count({ where: { kind: "claimed", toUserId: actor.id, at: { gte: start } } });
}

/** Claims a pool customer for the actor. Two reps claiming at once: the conditional update
 * lets exactly one win; the other gets `taken`. */
export async function claimCustomer(tx: Tx, actor: User, customer: Customer, now: Date, settings: CrmSettings, timeZone: string): Promise<ClaimResult> {
  const until = await cooldownUntil(tx, actor, customer, settings);
  if (until && until > now) return { kind: "cooldown", until };
  const limit = settings.pool.claimLimitPerMonth;
  const claimed = await claimsThisMonth(tx, actor, now, timeZone);
  if (claimed >= limit) return { kind: "limit", limit, resetsAt: monthWindow(now, timeZone).next };
  const won = await tx.customer.updateMany({
    where: { id: customer.id, ownerId: null },
    data: { ownerId: actor.id, ownedSince: now, pooledAt: null, poolWarnedAt: null, updatedAt: now },
  });
  if (won.count === 0) return { kind: "taken" };
  const opps = await tx.opportunity.updateMany({ where: { customerId: customer.id, ownerId: null, closedAt: null }, data: { ownerId: actor.id, updatedAt: now } });
  await tx.poolEvent.create({ data: { customerId: customer.id, kind: "claimed", fromUserId: null, toUserId: actor.id, at: now } });
  await audit(tx, {
    actorId: actor.id,
    action: "claim",
    entity: "customer",
    entityId: customer.id,
    detail: { before: { ownerId: null }, after: { ownerId: actor.id } },
    at: now,
  });
  const fresh = await tx.customer.findUniqueOrThrow({ where: { id: customer.id } });
  return { kind: "claimed", customer: fresh, opportunities: opps.count, claimedThisMonth: claimed + 1, limit };
}

export type PoolEntry = Customer & { poolEvents: PoolEvent[] };

/** Pool customers, newest in the pool first, with the event that put each there. */
export async function listPool(tx: Tx, page: number, pageSize: number): Promise<{ items: PoolEntry[]; total: number }> {
  const where = { ownerId: null };
  const [items, total] = await Promise.all([
    tx.customer.findMany({
      where,
      orderBy: [{ pooledAt: { sort: "desc", nulls: "last" } }, { code: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { poolEvents: { where: { kind: { not: "claimed" } }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 1 } },
    }),
    tx.customer.count({ where }),
  ]);
  return { items, total };
}
