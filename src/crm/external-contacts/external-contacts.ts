// WeCom external contacts (客户联系) in the CRM. A customer who adds a rep becomes a contact
// of a customer — an existing one when we know them (their identity, their mobile, their
// company), else a new customer owned by the rep (their company, or a personal customer
// named after them) — and a ChannelIdentity (channel "wecom_external") ties the WeCom
// external_userid to that contact, with the rep it follows and the campaign (State) it came
// from. Someone else's customer is never taken: the contact joins it and the caller tells
// both reps. `subscribed` on the identity means the WeCom friendship is still there.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Contact } from "../../generated/prisma/client.ts";
import { saveContact, createCustomer, customerNameKey, type CustomerWithOwner } from "../customers/index.ts";
import { initialsOf } from "../../util/pinyin.ts";
import { moveToPool, POOL_REASON } from "../pool/index.ts";

export const EXTERNAL_CHANNEL = "wecom_external";
/** The tag of a customer made for a person with no company: a later company name renames it. */
export const PERSONAL_TAG = "个人客户";

/** What WeCom tells us about the customer, as the CRM reads it. */
export interface ExternalContactFacts {
  externalUserId: string;
  name: string;
  /** Company names to look for, the preferred first (it names a new customer). */
  companies: string[];
  title?: string;
  /** A normalised mainland mobile. */
  mobile?: string;
  /** The contact way's State. */
  campaign?: string;
}

/** Where the contact went: a new customer, the rep's own, someone else's, or one in the pool. */
export type Placement = "new" | "own" | "other" | "pool";

export interface AddedContact {
  customer: CustomerWithOwner;
  contact: Contact;
  placement: Placement;
  /** Already this rep's linked contact (WeCom repeated the add): nothing new to tell. */
  repeated: boolean;
}

export type ContactWithCustomer = Contact & { customer: CustomerWithOwner };

const withCustomer = { customer: { include: { owner: true } } } as const;

export function findExternalIdentity(tx: Tx, externalUserId: string) {
  return tx.channelIdentity.findUnique({
    where: { channel_externalId: { channel: EXTERNAL_CHANNEL, externalId: externalUserId } },
    include: { contact: { include: withCustomer } },
  });
}

/** Who owns what the rep brings in: the rep, or (after they left) their active manager. */
async function ownerFor(tx: Tx, rep: User): Promise<User | null> {
  if (rep.active) return rep;
  return rep.managerId ? tx.user.findFirst({ where: { id: rep.managerId, active: true } }) : null;
}

const placementOf = (customer: CustomerWithOwner, owner: User | null): Placement =>
  customer.ownerId === null ? "pool" : customer.ownerId === owner?.id ? "own" : "other";

async function customerForCompany(tx: Tx, companies: string[]): Promise<CustomerWithOwner | null> {
  for (const name of companies) {
    const found = await tx.customer.findUnique({ where: { nameKey: customerNameKey(name) }, include: { owner: true } });
    if (found) return found;
  }
  return null;
}

/** A customer for the facts: the company, or the person (numbered when the name is taken). */
async function newCustomer(tx: Tx, rep: User, owner: User | null, facts: ExternalContactFacts, now: Date): Promise<CustomerWithOwner> {
  const actor = owner ?? rep;
  const company = facts.companies[0];
  for (let n = 1; n <= 100; n++) {
    const name = company ?? (n === 1 ? facts.name : `${facts.name}（${n}）`);
    // WeCom's profile names the company as typed there: only the same normalised name joins.
    const r = await createCustomer(tx, actor, name, company ? {} : { tags: { replace: [PERSONAL_TAG] } }, now, { force: true });
    if (r.kind !== "created" && company) return r.existing;
    if (r.kind === "created") {
      if (!owner) await moveToPool(tx, [r.customer], { actorId: null, kind: "moved", reason: POOL_REASON.repLeft, guard: {} }, now);
      return tx.customer.findUniqueOrThrow({ where: { id: r.customer.id }, include: { owner: true } });
    }
  }
  throw new Error(`no free customer name for ${facts.name}`);
}

/** Sets the given fields (only those that differ) and audits before → after. */
async function updateContact(tx: Tx, actorId: string | null, contact: Contact, changes: Partial<Pick<Contact, "name" | "title" | "phone">>, now: Date): Promise<Contact> {
  const keys = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => changes[k] !== undefined && changes[k] !== contact[k]);
  if (keys.length === 0) return contact;
  const after = Object.fromEntries(keys.map((k) => [k, changes[k]]));
  const updated = await tx.contact.update({ where: { id: contact.id }, data: { ...after, ...(after["name"] ? { initials: initialsOf(String(after["name"])) } : {}) } });
  const before = Object.fromEntries(keys.map((k) => [k, contact[k]]));
  await audit(tx, { actorId, action: "update", entity: "contact", entityId: contact.id, detail: { customerId: contact.customerId, before, after, via: EXTERNAL_CHANNEL }, at: now });
  return updated;
}

/** A customer added `rep` on WeCom: the contact, its customer and the identity linking them. */
export async function recordExternalContactAdded(tx: Tx, rep: User, facts: ExternalContactFacts, now: Date): Promise<AddedContact> {
  const identity = await findExternalIdentity(tx, facts.externalUserId);
  const repeated = Boolean(identity?.contact && identity.subscribed && identity.followUserId === rep.wecomUserId);
  const owner = await ownerFor(tx, rep);
  const known =
    identity?.contact ??
    (facts.mobile ? await tx.contact.findFirst({ where: { phone: facts.mobile }, include: withCustomer, orderBy: { createdAt: "asc" } }) : null);
  let contact: Contact;
  let customer: CustomerWithOwner;
  let placement: Placement;
  if (known) {
    customer = known.customer;
    placement = placementOf(customer, owner);
    // Fill what the CRM lacks; what reps typed stays.
    contact = await updateContact(tx, rep.id, known, { title: known.title ?? facts.title, phone: known.phone ?? facts.mobile }, now);
  } else {
    const existing = await customerForCompany(tx, facts.companies);
    customer = existing ?? (await newCustomer(tx, rep, owner, facts, now));
    placement = existing ? placementOf(existing, owner) : "new";
    contact = (await saveContact(tx, rep, customer, facts.name, { title: facts.title, phone: facts.mobile }, now)).contact;
  }
  // The identity follows this rep unless another rep's friendship with the customer is still on.
  const follows = !identity || !identity.subscribed || !identity.followUserId || identity.followUserId === rep.wecomUserId;
  const link = { followUserId: rep.wecomUserId, subscribed: true, unsubscribedAt: null, campaign: facts.campaign ?? identity?.campaign ?? null };
  if (!identity) {
    await tx.channelIdentity.create({
      data: { channel: EXTERNAL_CHANNEL, externalId: facts.externalUserId, displayName: facts.name, contactId: contact.id, ...link, createdAt: now, updatedAt: now },
    });
  } else {
    await tx.channelIdentity.update({
      where: { id: identity.id },
      data: { displayName: facts.name, contactId: identity.contactId ?? contact.id, ...(follows ? link : {}), updatedAt: now },
    });
  }
  if (!repeated) {
    await audit(tx, {
      actorId: rep.id,
      action: "link",
      entity: "contact",
      entityId: contact.id,
      detail: { channel: EXTERNAL_CHANNEL, externalUserId: facts.externalUserId, followUserId: rep.wecomUserId, campaign: link.campaign, placement },
      at: now,
    });
  }
  return { customer, contact, placement, repeated };
}

/** The profile could not be read: keep who added whom and from where; the rest comes later. */
export async function recordPendingIdentity(tx: Tx, externalUserId: string, rep: User, campaign: string | undefined, now: Date): Promise<void> {
  const identity = await findExternalIdentity(tx, externalUserId);
  if (identity) {
    if (identity.subscribed && identity.followUserId && identity.followUserId !== rep.wecomUserId) return;
    await tx.channelIdentity.update({
      where: { id: identity.id },
      data: { followUserId: rep.wecomUserId, subscribed: true, unsubscribedAt: null, campaign: campaign ?? identity.campaign, updatedAt: now },
    });
    return;
  }
  await tx.channelIdentity.create({
    data: { channel: EXTERNAL_CHANNEL, externalId: externalUserId, followUserId: rep.wecomUserId, campaign: campaign ?? null, createdAt: now, updatedAt: now },
  });
}

export interface RefreshedContact {
  contact: ContactWithCustomer;
  /** The customer was a personal one and now carries the person's company name. */
  renamedTo?: string;
}

/** edit_external_contact: name and title from WeCom; a personal customer takes the company
 * name once the person has one (unless another customer already has it: then only audited).
 * null when the external contact is not linked to a contact yet. */
export async function refreshExternalContact(tx: Tx, facts: ExternalContactFacts, now: Date): Promise<RefreshedContact | null> {
  const identity = await findExternalIdentity(tx, facts.externalUserId);
  if (!identity?.contact) return null;
  await tx.channelIdentity.update({ where: { id: identity.id }, data: { displayName: facts.name, updatedAt: now } });
  const contact = await updateContact(tx, null, identity.contact, { name: facts.name || undefined, title: facts.title }, now);
  const customer = identity.contact.customer;
  const company = facts.companies[0];
  if (!company || customerNameKey(company) === customer.nameKey) return { contact: { ...contact, customer } };
  if (!customer.tags.includes(PERSONAL_TAG) || (await customerForCompany(tx, [company]))) {
    await audit(tx, { actorId: null, action: "company_changed", entity: "contact", entityId: contact.id, detail: { customer: customer.name, company, via: EXTERNAL_CHANNEL }, at: now });
    return { contact: { ...contact, customer } };
  }
  const renamed = await tx.customer.update({
    where: { id: customer.id },
    data: { name: company, nameKey: customerNameKey(company), initials: initialsOf(company), tags: customer.tags.filter((t) => t !== PERSONAL_TAG), updatedAt: now },
    include: { owner: true },
  });
  await audit(tx, { actorId: null, action: "update", entity: "customer", entityId: customer.id, detail: { before: { name: customer.name }, after: { name: company }, via: EXTERNAL_CHANNEL }, at: now });
  return { contact: { ...contact, customer: renamed }, renamedTo: company };
}

export type RelationEnd = "customer_deleted_rep" | "rep_deleted_customer";

/** del_follow_user / del_external_contact: the friendship with `rep` is over. Recorded on the
 * identity (when it follows that rep) and in the audit trail; returns the contact, if linked. */
export async function recordRelationEnded(tx: Tx, rep: User, externalUserId: string, how: RelationEnd, now: Date): Promise<ContactWithCustomer | null> {
  const identity = await findExternalIdentity(tx, externalUserId);
  if (identity && identity.followUserId === rep.wecomUserId && identity.subscribed) {
    await tx.channelIdentity.update({ where: { id: identity.id }, data: { subscribed: false, unsubscribedAt: now, updatedAt: now } });
  }
  await audit(tx, {
    actorId: how === "rep_deleted_customer" ? rep.id : null,
    action: how,
    entity: identity?.contactId ? "contact" : "channel_identity",
    entityId: identity?.contactId ?? identity?.id,
    detail: { channel: EXTERNAL_CHANNEL, externalUserId, followUserId: rep.wecomUserId },
    at: now,
  });
  return identity?.contact ?? null;
}
