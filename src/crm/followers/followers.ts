// Official Account followers in the CRM: each openid is a ChannelIdentity linked to the lead
// it became (or to a contact, once converted). A follow or a first message from a stranger
// makes a lead from 公众号, assigned by the usual rules; the rep answering them needs the
// time of their last interaction (WeChat allows answers for 48 hours after a message, a
// follow or a QR scan).
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { ChannelIdentity, Customer, Lead } from "../../generated/prisma/client.ts";
import { zhFollowers } from "./messages.ts";
import { pickAssignee, createLead, reassignLead } from "../leads/index.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export const MP = "mp";
/** WeChat lets an account answer a follower for this long after their last interaction. */
export const REPLY_WINDOW_MS = 48 * 3_600_000;

export type Follower = ChannelIdentity & {
  lead: (Lead & { owner: User | null; customer: (Customer & { owner: User | null }) | null }) | null;
  contact: { name: string; customer: Customer & { owner: User | null } } | null;
};

const withRecords = {
  lead: { include: { owner: true, customer: { include: { owner: true } } } },
  contact: { select: { name: true, customer: { include: { owner: true } } } },
} as const;

export function findFollower(tx: Tx, openid: string): Promise<Follower | null> {
  return tx.channelIdentity.findUnique({ where: { channel_externalId: { channel: MP, externalId: openid } }, include: withRecords });
}

/** The customer a follower is (their contact's, or the one their lead became). */
export function customerOf(f: Follower): (Customer & { owner: User | null }) | null {
  return f.contact?.customer ?? f.lead?.customer ?? null;
}

/** Who answers this follower: the customer's owner once converted, else the lead's. */
export function ownerOf(f: Follower): User | null {
  const customer = customerOf(f);
  return customer ? customer.owner : (f.lead?.owner ?? null);
}

/** How the rep names the follower in 回复: 客户#12 or 线索#7. */
export function refOf(f: Follower): string {
  const customer = customerOf(f);
  if (customer) return `客户#${customer.code}`;
  return f.lead ? `线索#${f.lead.code}` : "";
}

export function displayNameOf(f: Follower): string {
  const customer = customerOf(f);
  if (customer) return f.contact ? `${customer.name} ${f.contact.name}` : customer.name;
  return f.lead?.name ?? zhFollowers.followerLeadName(f.externalId.slice(-4));
}

export interface NewFollower {
  follower: Follower;
  lead: Lead;
  owner: User | null;
}

/** A stranger (a new follow, or a message from someone we do not know) as a lead from 公众号,
 * assigned by the rules; the identity row makes a redelivery find them. */
export async function followerLead(tx: Tx, openid: string, input: { campaign?: string; note?: string }, now: Date, settings: CrmSettings): Promise<NewFollower> {
  const name = zhFollowers.followerLeadName(openid.slice(-4));
  const created = await createLead(tx, null, { name, source: "公众号", campaign: input.campaign, note: input.note?.slice(0, 500) }, now, settings, null);
  let lead = created.kind === "created" ? created.lead : created.existing;
  const owner = await pickAssignee(tx, lead, settings, now);
  if (owner) lead = await reassignLead(tx, null, lead, owner, now, settings);
  await tx.channelIdentity.create({ data: { channel: MP, externalId: openid, leadId: lead.id, campaign: input.campaign, lastInboundAt: now } });
  return { follower: (await findFollower(tx, openid))!, lead, owner };
}

/** Following again (or scanning another code): subscribed, the first campaign kept; an
 * interaction, so the 48-hour reply window opens again. */
export async function refollow(tx: Tx, f: Follower, campaign: string | undefined, now: Date): Promise<void> {
  await tx.channelIdentity.update({ where: { id: f.id }, data: { subscribed: true, unsubscribedAt: null, campaign: f.campaign ?? campaign, lastInboundAt: now } });
}

export async function unfollow(tx: Tx, f: Follower, now: Date): Promise<void> {
  await tx.channelIdentity.update({ where: { id: f.id }, data: { subscribed: false, unsubscribedAt: now } });
  const record = f.contact ? { entity: "customer", entityId: f.contact.customer.id } : { entity: "lead", entityId: f.leadId ?? f.id };
  await audit(tx, { actorId: null, action: "unsubscribe", ...record, detail: { channel: MP, openid: f.externalId }, at: now });
}

export async function touchInbound(tx: Tx, f: Follower, now: Date): Promise<void> {
  await tx.channelIdentity.update({ where: { id: f.id }, data: { lastInboundAt: now, subscribed: true } });
}

/** The follower behind a customer or lead the rep named, most recently heard from first. */
export function followerOfRecord(tx: Tx, record: { customerId: string } | { leadId: string }): Promise<ChannelIdentity | null> {
  // A converted lead's follower belongs to the customer it became.
  const where =
    "customerId" in record
      ? { OR: [{ contact: { customerId: record.customerId } }, { lead: { customer: { id: record.customerId } } }] }
      : { leadId: record.leadId };
  return tx.channelIdentity.findFirst({ where: { channel: MP, ...where }, orderBy: { lastInboundAt: { sort: "desc", nulls: "last" } } });
}
