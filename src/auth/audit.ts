import type { Tx } from "../db/tx.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string;
  detail?: Prisma.InputJsonValue;
  at: Date;
}

/** Every change (and every sensitive read) leaves one of these, in the same transaction. */
export async function audit(tx: Tx, r: AuditRecord): Promise<void> {
  // createMany: no RETURNING of the row nobody reads (one of the hottest statements).
  await tx.auditEntry.createMany({
    data: [{ actorId: r.actorId, action: r.action, entity: r.entity, entityId: r.entityId, detail: r.detail, at: r.at }],
  });
}
