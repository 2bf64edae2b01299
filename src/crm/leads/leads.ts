// Leads: the CRM service. It knows nothing of channels; it returns data and outcomes.
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Lead } from "../../generated/prisma/client.ts";
import { normalizeCompany } from "../customers/index.ts";
import { scheduleLeadSla } from "./lead-sla.ts";
import { initialsOf } from "../../util/pinyin.ts";
import { zhLeads } from "./messages.ts";
import { clampScore, gradeOf, sourceScore } from "./lead-scoring.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export type { Lead };
export type LeadWithOwner = Lead & { owner: User | null };

export interface NewLead {
  name: string;
  phone?: string;
  company?: string;
  wechatId?: string;
  source: string;
  region?: string;
  productLine?: string;
  note?: string;
  /** An Official Account QR scene, a contact way's State. */
  campaign?: string;
}

export type CreateLeadResult =
  | { kind: "created"; lead: Lead }
  | { kind: "duplicate"; existing: LeadWithOwner; matchedBy: "phone" | "company_name" };

/** The rule for every way a lead comes in (chat, import, API): someone must be able to reach
 * the person — a mobile number or a WeChat id (the model has no email for leads). A company
 * name alone is not a way to reach anyone. */
export function hasContactWay(lead: { phone?: string | null; wechatId?: string | null }): boolean {
  return Boolean(lead.phone || lead.wechatId);
}

export function leadDedupeKey(name: string, company: string | undefined): string | null {
  if (!company) return null;
  const c = normalizeCompany(company);
  return c ? `${c}|${name.normalize("NFKC").replace(/\s/g, "").toLowerCase()}` : null;
}

async function findDuplicate(tx: Tx, phone: string | undefined, dedupeKey: string | null): Promise<CreateLeadResult | null> {
  const or = [...(phone ? [{ phone }] : []), ...(dedupeKey ? [{ dedupeKey }] : [])];
  if (or.length === 0) return null;
  const existing = await tx.lead.findFirst({ where: { OR: or }, include: { owner: true } });
  if (!existing) return null;
  return { kind: "duplicate", existing, matchedBy: phone && existing.phone === phone ? "phone" : "company_name" };
}

/** Creates a lead owned by `ownerId` (default: the actor), unless it already exists. The
 * actor is null when a customer's own action created it (an Official Account follow). */
export async function createLead(
  tx: Tx,
  actor: User | null,
  input: NewLead,
  now: Date,
  settings: CrmSettings,
  ownerId: string | null = actor?.id ?? null,
): Promise<CreateLeadResult> {
  const dedupeKey = leadDedupeKey(input.name, input.company);
  const before = await findDuplicate(tx, input.phone, dedupeKey);
  if (before) return before;
  // Born with its source score: a new, uncommitted lead has no other events to add up with,
  // so its score needs no lock and no second write (the ledger still records why).
  const initial = sourceScore(input.source, settings);
  const score = clampScore(initial);
  const reason = score === initial ? `来源：${input.source}` : zhLeads.scoreCapped(`来源：${input.source}`, initial, score);
  // Two reps creating the same lead at once: the unique indexes settle it without
  // aborting the transaction.
  const [lead] = await tx.lead.createManyAndReturn({
    data: [
      { ...input, initials: initialsOf(input.name), dedupeKey, ownerId, score, grade: gradeOf(score, settings), lastInteractionAt: now, createdAt: now, updatedAt: now },
    ],
    skipDuplicates: true,
  });
  if (!lead) return (await findDuplicate(tx, input.phone, dedupeKey))!;
  await tx.leadScoreEntry.createMany({ data: [{ leadId: lead.id, delta: score, kind: "source", reason, at: now }] });
  await audit(tx, { actorId: actor?.id ?? null, action: "create", entity: "lead", entityId: lead.id, detail: { after: { ...input } }, at: now });
  if (ownerId) await scheduleLeadSla(tx, lead, ownerId, now, settings);
  return { kind: "created", lead };
}

export async function leadsOwnedBy(tx: Tx, owner: User, limit: number): Promise<{ leads: Lead[]; total: number }> {
  const where = { ownerId: owner.id, archivedAt: null };
  const [leads, total] = await Promise.all([
    tx.lead.findMany({ where, orderBy: { createdAt: "desc" }, take: limit }),
    tx.lead.count({ where }),
  ]);
  return { leads, total };
}

/** A lead by `#code`, code or exact name, within the actor's scope; null otherwise. */
export async function findLeadInScope(tx: Tx, actor: User, ref: string): Promise<LeadWithOwner | null> {
  const code = /^#?(\d{1,9})$/.exec(ref)?.[1];
  const match = code ? { code: Number(code) } : { name: ref };
  return tx.lead.findFirst({ where: { AND: [match, ownedWithin(actor)] }, include: { owner: true }, orderBy: { createdAt: "desc" } });
}

/** Gives a lead to a new owner, recording before and after. */
export async function reassignLead(tx: Tx, actor: User | null, lead: Lead, newOwner: User, now: Date, settings: CrmSettings): Promise<Lead> {
  const updated = await tx.lead.update({ where: { id: lead.id }, data: { ownerId: newOwner.id, updatedAt: now } });
  await scheduleLeadSla(tx, updated, newOwner.id, now, settings);
  await audit(tx, {
    actorId: actor?.id ?? null,
    action: "assign",
    entity: "lead",
    entityId: lead.id,
    detail: { before: { ownerId: lead.ownerId }, after: { ownerId: newOwner.id } },
    at: now,
  });
  return updated;
}
