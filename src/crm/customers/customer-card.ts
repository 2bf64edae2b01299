// The 360° view of a customer (or a lead): everything a rep needs before a call, in one
// read. Showing phone numbers to someone who does not own the record (a manager looking
// at a rep's customer) is a sensitive read and is audited with what was shown.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Contact, Customer, FollowUp, Lead, Opportunity, Reminder } from "../../generated/prisma/client.ts";
import { localDateKey } from "../../util/local-time.ts";
import { sectionLines } from "./card-sections.ts";

export const CARD_FOLLOW_UPS = 3;
export const CARD_CONTACTS = 10;
export const CARD_OPPORTUNITIES = 5;

export type FollowUpWithAuthor = FollowUp & { author: User };

export interface CustomerCard {
  customer: Customer & { owner: User | null };
  contacts: Contact[];
  contactCount: number;
  followUps: FollowUpWithAuthor[];
  opportunities: Opportunity[];
  nextReminder: Reminder | null;
  /** Lines other domains add (contracts, 回款), registered by the assembly point. */
  extra: string[];
}

export interface LeadCard {
  lead: Lead & { owner: User | null };
  followUps: FollowUpWithAuthor[];
  nextReminder: Reminder | null;
}

function nextReminder(tx: Tx, refType: "customer" | "lead", refId: string): Promise<Reminder | null> {
  return tx.reminder.findFirst({ where: { refType, refId, status: "pending" }, orderBy: { dueAt: "asc" } });
}

async function auditPhones(tx: Tx, viewer: User, ownerId: string | null, entity: "customer" | "lead", entityId: string, shown: Record<string, unknown>, now: Date) {
  if (ownerId === viewer.id) return;
  await audit(tx, { actorId: viewer.id, action: "read_sensitive", entity, entityId, detail: { shown: "phone", ...shown }, at: now });
}

/** The customer's card for a viewer who may see it (the caller checked the scope). */
export async function customerCard(tx: Tx, viewer: User, customerId: string, now: Date, timeZone: string): Promise<CustomerCard> {
  const [customer, contacts, contactCount, followUps, opportunities, reminder, extra] = await Promise.all([
    tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: { owner: true } }),
    tx.contact.findMany({ where: { customerId }, orderBy: { createdAt: "asc" }, take: CARD_CONTACTS }),
    tx.contact.count({ where: { customerId } }),
    tx.followUp.findMany({ where: { customerId }, orderBy: { at: "desc" }, take: CARD_FOLLOW_UPS, include: { author: true } }),
    tx.opportunity.findMany({ where: { customerId, closedAt: null }, orderBy: { updatedAt: "desc" }, take: CARD_OPPORTUNITIES }),
    nextReminder(tx, "customer", customerId),
    sectionLines(tx, viewer, customerId, localDateKey(now, timeZone)),
  ]);
  const withPhone = contacts.filter((c) => c.phone);
  if (withPhone.length) {
    await auditPhones(tx, viewer, customer.ownerId, "customer", customer.id, { contacts: withPhone.map((c) => ({ id: c.id, name: c.name })) }, now);
  }
  return { customer, contacts, contactCount, followUps, opportunities, nextReminder: reminder, extra };
}

export async function leadCard(tx: Tx, viewer: User, leadId: string, now: Date): Promise<LeadCard> {
  const [lead, followUps, reminder] = await Promise.all([
    tx.lead.findUniqueOrThrow({ where: { id: leadId }, include: { owner: true } }),
    tx.followUp.findMany({ where: { leadId }, orderBy: { at: "desc" }, take: CARD_FOLLOW_UPS, include: { author: true } }),
    nextReminder(tx, "lead", leadId),
  ]);
  if (lead.phone) await auditPhones(tx, viewer, lead.ownerId, "lead", lead.id, { lead: lead.name }, now);
  return { lead, followUps, nextReminder: reminder };
}
