// 转化: a qualified lead becomes a customer with a contact and an opportunity at the first
// stage. Its follow-ups move to the customer, so whoever takes over sees the history. Every
// lead field with a home travels: company → customer name, region and note → the customer
// (filling blanks of an existing one), name/phone/WeChat and channel identities → the
// contact, product line → the opportunity. Source and campaign stay on the lead, which
// the customer links (fromLead) and the audit names.
import { audit } from "../../auth/audit.ts";
import { canSee } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Contact, Customer, Opportunity } from "../../generated/prisma/client.ts";
import type { LeadWithOwner } from "./leads.ts";
import { normalizeCompany } from "../customers/index.ts";
import { scheduleStallCheck } from "../opportunities/index.ts";
import { initialsOf } from "../../util/pinyin.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export type ConversionResult =
  | { kind: "converted"; customer: Customer; contact: Contact; opportunity: Opportunity; joinedExisting: boolean }
  | { kind: "already"; customer: Customer | null }
  | { kind: "customer_taken"; owner: User | null };

/** A lead joining an existing customer fills what the customer lacks (地区, 备注) and
 * never overwrites what the owner wrote. */
async function fillBlanks<C extends Customer>(tx: Tx, customer: C, lead: LeadWithOwner, now: Date): Promise<C> {
  const data = { ...(customer.region ? {} : lead.region ? { region: lead.region } : {}), ...(customer.note ? {} : lead.note ? { note: lead.note } : {}) };
  if (Object.keys(data).length === 0) return customer;
  await tx.customer.update({ where: { id: customer.id }, data: { ...data, updatedAt: now } });
  return { ...customer, ...data };
}

export async function convertLead(tx: Tx, actor: User, lead: LeadWithOwner, now: Date, settings: CrmSettings): Promise<ConversionResult> {
  if (lead.status === "converted") {
    return { kind: "already", customer: await tx.customer.findFirst({ where: { fromLeadId: lead.id } }) };
  }
  const name = lead.company ?? lead.name;
  const nameKey = normalizeCompany(name) || name;
  const ownerId = lead.ownerId ?? actor.id;
  let customer = await tx.customer.findUnique({ where: { nameKey }, include: { owner: true } });
  const joinedExisting = customer !== null;
  if (customer && !canSee(actor, customer.owner)) return { kind: "customer_taken", owner: customer.owner };
  customer = customer
    ? await fillBlanks(tx, customer, lead, now)
    : await tx.customer.create({
        data: { name, nameKey, initials: initialsOf(name), ownerId, ownedSince: now, fromLeadId: lead.id, lastFollowUpAt: now, createdAt: now, updatedAt: now, region: lead.region, note: lead.note },
        include: { owner: true },
      });
  const contact = await tx.contact.create({
    data: { customerId: customer.id, name: lead.name, initials: initialsOf(lead.name), phone: lead.phone, wechatId: lead.wechatId, createdAt: now },
  });
  const first = settings.opportunities.stages[0]!.name;
  const opportunity = await tx.opportunity.create({
    data: {
      customerId: customer.id,
      name: `${name}${lead.productLine ? ` · ${lead.productLine}` : ""}`,
      productLine: lead.productLine,
      stage: first,
      ownerId,
      stageChangedAt: now,
      createdAt: now,
      updatedAt: now,
      stageChanges: { create: { fromStage: null, toStage: first, actorId: actor.id, reason: "线索转化", at: now } },
    },
  });
  await scheduleStallCheck(tx, opportunity, settings, now);
  await tx.followUp.updateMany({ where: { leadId: lead.id }, data: { customerId: customer.id } });
  // The lead's Official Account / WeCom identities now reach the person as this contact.
  await tx.channelIdentity.updateMany({ where: { leadId: lead.id, contactId: null }, data: { contactId: contact.id } });
  await tx.lead.update({ where: { id: lead.id }, data: { status: "converted", updatedAt: now } });
  await audit(tx, {
    actorId: actor.id,
    action: "convert",
    entity: "lead",
    entityId: lead.id,
    detail: { customerId: customer.id, contactId: contact.id, opportunityId: opportunity.id, source: lead.source, campaign: lead.campaign },
    at: now,
  });
  return { kind: "converted", customer, contact, opportunity, joinedExisting };
}
