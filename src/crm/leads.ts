// Leads: the CRM service. It knows nothing of channels; it returns data.
import { audit } from "../auth/audit.ts";
import type { User } from "../auth/users.ts";
import type { Tx } from "../db/tx.ts";
import type { Lead } from "../generated/prisma/client.ts";

export type { Lead };

export interface NewLead {
  name: string;
  phone: string;
  company?: string;
  source: string;
}

export async function createLead(tx: Tx, actor: User, input: NewLead, now: Date): Promise<Lead> {
  const lead = await tx.lead.create({
    data: { ...input, ownerId: actor.id, createdAt: now, updatedAt: now },
  });
  await audit(tx, { actorId: actor.id, action: "create", entity: "lead", entityId: lead.id, detail: { ...input }, at: now });
  return lead;
}

export async function leadsOwnedBy(tx: Tx, owner: User, limit: number): Promise<{ leads: Lead[]; total: number }> {
  const [leads, total] = await Promise.all([
    tx.lead.findMany({ where: { ownerId: owner.id }, orderBy: { createdAt: "desc" }, take: limit }),
    tx.lead.count({ where: { ownerId: owner.id } }),
  ]);
  return { leads, total };
}
