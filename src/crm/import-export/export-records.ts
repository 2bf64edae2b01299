// Leads, customers and opportunities within an actor's scope, for the REST API (pages of
// JSON) and for exports (every row as CSV). Field names are camelCase, times ISO 8601 in
// UTC, dates YYYY-MM-DD, amounts strings of yuan with two decimals ("480000.00": exact,
// unlike a JSON number), owners their WeCom user id.
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

export const RECORD_KINDS = ["leads", "customers", "opportunities"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordFilter {
  updatedSince?: Date;
  /** WeCom user id of the owner. */
  owner?: string;
  /** Opportunities: the stage; leads: the status. */
  stage?: string;
  /** Records with a code above this (the page cursor). */
  afterCode?: number;
  limit?: number;
}

const OWNER = { select: { wecomUserId: true, name: true } } as const;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const money = (d: Prisma.Decimal | null): string | null => (d === null ? null : d.toFixed(2));

function where(actor: User, f: RecordFilter, stageField: "stage" | "status" | null) {
  return {
    AND: [
      ownedWithin(actor),
      f.afterCode !== undefined ? { code: { gt: f.afterCode } } : {},
      f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {},
      f.owner ? { owner: { wecomUserId: f.owner } } : {},
      f.stage && stageField ? { [stageField]: f.stage } : {},
    ],
  };
}

export function findLeads(tx: Tx, actor: User, f: RecordFilter) {
  return tx.lead.findMany({ where: where(actor, f, "status"), orderBy: { code: "asc" }, take: f.limit, include: { owner: OWNER } });
}

export function findCustomers(tx: Tx, actor: User, f: RecordFilter) {
  return tx.customer.findMany({
    where: where(actor, f, null),
    orderBy: { code: "asc" },
    take: f.limit,
    include: { owner: OWNER, contacts: { orderBy: { createdAt: "asc" } } },
  });
}

export function findOpportunities(tx: Tx, actor: User, f: RecordFilter) {
  return tx.opportunity.findMany({
    where: where(actor, f, "stage"),
    orderBy: { code: "asc" },
    take: f.limit,
    include: { owner: OWNER, customer: { select: { id: true, code: true, name: true } } },
  });
}

export type LeadRecord = Awaited<ReturnType<typeof findLeads>>[number];
export type CustomerRecord = Awaited<ReturnType<typeof findCustomers>>[number];
export type OpportunityRecord = Awaited<ReturnType<typeof findOpportunities>>[number];

export const leadJson = (l: LeadRecord) => ({
  id: l.id,
  code: l.code,
  name: l.name,
  phone: l.phone,
  company: l.company,
  wechatId: l.wechatId,
  source: l.source,
  region: l.region,
  productLine: l.productLine,
  note: l.note,
  status: l.status,
  score: l.score,
  grade: l.grade,
  owner: l.owner?.wecomUserId ?? null,
  lastInteractionAt: iso(l.lastInteractionAt),
  archivedAt: iso(l.archivedAt),
  createdAt: iso(l.createdAt),
  updatedAt: iso(l.updatedAt),
});

export const customerJson = (c: CustomerRecord) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  level: c.level,
  industry: c.industry,
  tags: c.tags,
  region: c.region,
  note: c.note,
  customFields: c.customFields,
  owner: c.owner?.wecomUserId ?? null,
  inPool: c.pooledAt !== null,
  pooledAt: iso(c.pooledAt),
  lastFollowUpAt: iso(c.lastFollowUpAt),
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  contacts: c.contacts.map((p) => ({
    id: p.id,
    name: p.name,
    phone: p.phone,
    wechatId: p.wechatId,
    title: p.title,
    email: p.email,
    birthday: day(p.birthday),
    customFields: p.customFields,
  })),
});

export const opportunityJson = (o: OpportunityRecord) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  customer: o.customer,
  stage: o.stage,
  amount: money(o.amount),
  budget: money(o.budget),
  expectedCloseDate: day(o.expectedCloseDate),
  needsAnalysis: o.needsAnalysis,
  decisionMaker: o.decisionMaker,
  lostReason: o.lostReason,
  owner: o.owner?.wecomUserId ?? null,
  stageChangedAt: iso(o.stageChangedAt),
  closedAt: iso(o.closedAt),
  createdAt: iso(o.createdAt),
  updatedAt: iso(o.updatedAt),
});

/** One page of a kind as JSON, and the code to continue after (null on the last page). */
export async function recordPage(tx: Tx, actor: User, kind: RecordKind, f: RecordFilter & { limit: number }) {
  const page =
    kind === "leads"
      ? (await findLeads(tx, actor, f)).map((r) => ({ code: r.code, json: leadJson(r) }))
      : kind === "customers"
        ? (await findCustomers(tx, actor, f)).map((r) => ({ code: r.code, json: customerJson(r) }))
        : (await findOpportunities(tx, actor, f)).map((r) => ({ code: r.code, json: opportunityJson(r) }));
  const last = page.at(-1);
  return { items: page.map((p) => p.json), lastCode: page.length === f.limit && last ? last.code : null };
}
