// Customers: create (one per company: the normalised name is unique), update the facts a
// sales team classifies by (level, industry, region, tags, note, custom fields), list
// one's own. Every change is audited with before and after.
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Customer, Prisma } from "../../generated/prisma/client.ts";
import { findLikelyCustomer } from "./company-duplicates.ts";
import { applyValues, storedValues, type FieldValue } from "./custom-fields.ts";
import { normalizeCompany } from "./company-match.ts";
import { initialsOf } from "../../util/pinyin.ts";

export type { Customer };
export type CustomerWithOwner = Customer & { owner: User | null };

export const MAX_TAGS = 10;

export type TagChange = { replace: string[] } | { add: string[]; remove: string[] };

/** undefined: unchanged; null: cleared. */
export interface CustomerChanges {
  level?: string | null;
  industry?: string | null;
  region?: string | null;
  note?: string | null;
  tags?: TagChange;
  /** Custom field key → value; null clears it. */
  custom?: Record<string, FieldValue | null>;
}

export type CreateCustomerResult =
  | { kind: "created"; customer: Customer }
  | { kind: "duplicate"; existing: CustomerWithOwner }
  /** Another name for a company we have (company-match.ts): created only with `force`. */
  | { kind: "likely_duplicate"; existing: CustomerWithOwner };

export const customerNameKey = (name: string): string => normalizeCompany(name) || name.normalize("NFKC").toLowerCase();

/** The tags after a change: replaced, or with additions (in order, once) and removals. */
export function changedTags(current: string[], change: TagChange): string[] {
  if ("replace" in change) return [...new Set(change.replace)];
  const kept = current.filter((t) => !change.remove.includes(t));
  return [...new Set([...kept, ...change.add])];
}

/** A new customer owned by the actor, or the existing one with the same normalised name, or
 * (unless `force`) the one it likely means. */
export async function createCustomer(
  tx: Tx,
  actor: User,
  name: string,
  changes: CustomerChanges,
  now: Date,
  opts: { force?: boolean } = {},
): Promise<CreateCustomerResult> {
  const nameKey = customerNameKey(name);
  const existing = await tx.customer.findUnique({ where: { nameKey }, include: { owner: true } });
  if (existing) return { kind: "duplicate", existing };
  const likely = opts.force ? null : await findLikelyCustomer(tx, name);
  if (likely) return { kind: "likely_duplicate", existing: likely };
  const data = {
    name,
    nameKey,
    initials: initialsOf(name),
    level: changes.level,
    industry: changes.industry,
    region: changes.region,
    note: changes.note,
    tags: changes.tags ? changedTags([], changes.tags) : [],
    customFields: applyValues({}, changes.custom ?? {}),
    ownerId: actor.id,
    ownedSince: now,
    createdAt: now,
    updatedAt: now,
  };
  // Two reps creating it at once: the unique name key settles it without aborting the transaction.
  const [customer] = await tx.customer.createManyAndReturn({ data: [data], skipDuplicates: true });
  if (!customer) return { kind: "duplicate", existing: await tx.customer.findUniqueOrThrow({ where: { nameKey }, include: { owner: true } }) };
  const after = { name, level: data.level, industry: data.industry, region: data.region, note: data.note, tags: data.tags, customFields: data.customFields };
  await audit(tx, { actorId: actor.id, action: "create", entity: "customer", entityId: customer.id, detail: { after }, at: now });
  return { kind: "created", customer };
}

/** Applies the changes and audits what actually changed (nothing changed: no write). */
export async function updateCustomer(tx: Tx, actor: User, customer: Customer, changes: CustomerChanges, now: Date): Promise<Customer> {
  const or = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const next = {
    level: or(changes.level, customer.level),
    industry: or(changes.industry, customer.industry),
    region: or(changes.region, customer.region),
    note: or(changes.note, customer.note),
    tags: changes.tags ? changedTags(customer.tags, changes.tags) : customer.tags,
    customFields: applyValues(storedValues(customer.customFields), changes.custom ?? {}),
  };
  const prev = { level: customer.level, industry: customer.industry, region: customer.region, note: customer.note, tags: customer.tags, customFields: storedValues(customer.customFields) };
  const keys = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(prev[k]));
  if (keys.length === 0) return customer;
  const updated = await tx.customer.update({ where: { id: customer.id }, data: { ...next, updatedAt: now } });
  await audit(tx, {
    actorId: actor.id,
    action: "update",
    entity: "customer",
    entityId: customer.id,
    detail: { before: Object.fromEntries(keys.map((k) => [k, prev[k]])), after: Object.fromEntries(keys.map((k) => [k, next[k]])) },
    at: now,
  });
  return updated;
}

/** `#12`, `客户#12`, a name (however the company is typed), a contact's name or a unique
 * part of the name — among the customers the actor may see. */
export function findCustomerInScope(tx: Tx, actor: User, ref: string): Promise<Customer | null> {
  return findCustomerByRef(tx, ref.replace(/^客户\s*(?=#)/, ""), ownedWithin(actor));
}

export async function customersOwnedBy(tx: Tx, owner: User, limit: number): Promise<{ customers: Customer[]; total: number }> {
  const where = { ownerId: owner.id };
  const [customers, total] = await Promise.all([
    tx.customer.findMany({ where, orderBy: [{ lastFollowUpAt: { sort: "desc", nulls: "last" } }, { code: "desc" }], take: limit }),
    tx.customer.count({ where }),
  ]);
  return { customers, total };
}

/** `#12` (or 客户#12), a customer's name (however the company is typed), a contact's name, or a unique
 * part of the name — among customers matching `filter`. */
export async function findCustomerByRef(tx: Tx, ref: string, filter: Prisma.CustomerWhereInput): Promise<Customer | null> {
  const code = /^(?:客户\s*)?#?\s*(\d{1,9})$/.exec(ref)?.[1];
  const match: Prisma.CustomerWhereInput = code
    ? { code: Number(code) }
    : { OR: [{ name: ref }, { nameKey: normalizeCompany(ref) || ref }, { contacts: { some: { name: ref } } }] };
  const exact = await tx.customer.findFirst({ where: { AND: [match, filter] }, orderBy: { updatedAt: "desc" } });
  if (exact || code) return exact;
  const partial = await tx.customer.findMany({ where: { AND: [{ name: { contains: ref } }, filter] }, take: 2 });
  return partial.length === 1 ? partial[0]! : null;
}
