// A manager (or admin) gives a customer to a rep: from another rep in their scope, or out of
// the pool (undoing a release). Open opportunities follow their customer; closed ones keep
// their owner (credit, reports). Audited; a pool customer's history records it.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Customer } from "../../generated/prisma/client.ts";

export interface Assigned {
  /** Open opportunities that moved with it. */
  opportunities: number;
  fromPool: boolean;
}

export async function assignCustomer(tx: Tx, actor: User, customer: Customer, to: User, now: Date): Promise<Assigned | null> {
  const moved = await tx.customer.updateMany({
    where: { id: customer.id, ownerId: customer.ownerId },
    data: { ownerId: to.id, ownedSince: now, pooledAt: null, poolWarnedAt: null, updatedAt: now },
  });
  if (moved.count === 0) return null;
  const opps = await tx.opportunity.updateMany({
    where: { customerId: customer.id, closedAt: null, OR: [{ ownerId: customer.ownerId }, { ownerId: null }] },
    data: { ownerId: to.id, updatedAt: now },
  });
  const fromPool = customer.ownerId === null;
  if (fromPool) await tx.poolEvent.create({ data: { customerId: customer.id, kind: "assigned", fromUserId: null, toUserId: to.id, reason: null, at: now } });
  await audit(tx, {
    actorId: actor.id,
    action: "assign",
    entity: "customer",
    entityId: customer.id,
    detail: { before: { ownerId: customer.ownerId }, after: { ownerId: to.id }, opportunities: opps.count, fromPool },
    at: now,
  });
  return { opportunities: opps.count, fromPool };
}
