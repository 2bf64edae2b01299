import type { Tx } from "../db/tx.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { insertSkippingDuplicates, jsonText, type Column } from "../db/raw-insert.ts";

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string;
  detail?: Prisma.InputJsonValue;
  at: Date;
}

const COLUMNS: Column<AuditRecord>[] = [
  { name: "actor_id", cast: "uuid", value: (r) => r.actorId },
  { name: "action", cast: "text", value: (r) => r.action },
  { name: "entity", cast: "text", value: (r) => r.entity },
  { name: "entity_id", cast: "text", value: (r) => r.entityId ?? null },
  { name: "detail", cast: "jsonb", value: (r) => jsonText(r.detail) },
  { name: "at", cast: "timestamptz", value: (r) => r.at },
];

/** Every change (and every sensitive read) leaves one of these, in the same transaction
 * (written raw: one of the statements nearly every command makes). */
export async function audit(tx: Tx, r: AuditRecord): Promise<void> {
  await insertSkippingDuplicates(tx, "audit_entries", COLUMNS, [r]);
}
