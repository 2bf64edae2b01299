// Customer health as reports show it: one customer, or every owned customer of the people in
// a scope (lowest first). Chat, REST, the picture and the weekly 流失风险 list all read these.
import type { Tx } from "../../db/tx.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { healthFacts } from "./health-facts.ts";
import { scoreHealth, type Health } from "./health-score.ts";
import { zhHealth } from "./messages-health.ts";

export interface CustomerHealth {
  customer: { id: string; code: number; name: string };
  owner: { id: string; name: string | null; wecomUserId: string } | null;
  health: Health;
}

const CUSTOMER_SELECT = {
  id: true,
  code: true,
  name: true,
  createdAt: true,
  lastFollowUpAt: true,
  owner: { select: { id: true, name: true, wecomUserId: true } },
} as const;

interface Clock {
  now: Date;
  timeZone: string;
  settings: CrmSettings;
}

async function scored(tx: Tx, where: { id: string } | { ownerId: { in: string[] } }, c: Clock): Promise<CustomerHealth[]> {
  const customers = await tx.customer.findMany({ where, select: CUSTOMER_SELECT, orderBy: { code: "asc" } });
  const facts = await healthFacts(tx, customers, c.settings, c.now, c.timeZone);
  return customers
    .map((cu) => ({ customer: { id: cu.id, code: cu.code, name: cu.name }, owner: cu.owner, health: scoreHealth(facts.get(cu.id)!, c.settings.reports.health) }))
    .sort((a, b) => a.health.score - b.health.score || a.customer.code - b.customer.code);
}

export async function customerHealth(tx: Tx, customerId: string, c: Clock): Promise<CustomerHealth> {
  return (await scored(tx, { id: customerId }, c))[0]!;
}

/** The customers owned by these people (the public pool has no owner and is left out), lowest first. */
export function healthOfOwners(tx: Tx, ownerIds: string[], c: Clock): Promise<CustomerHealth[]> {
  return scored(tx, { ownerId: { in: ownerIds } }, c);
}

/** The REST shape (the chat text is made from the same object). */
export function healthJson(h: CustomerHealth) {
  return {
    customer: h.customer.name,
    code: h.customer.code,
    owner: h.owner ? (h.owner.name ?? h.owner.wecomUserId) : null,
    score: h.health.score,
    band: h.health.band,
    bandText: zhHealth.band[h.health.band],
    reasons: h.health.reasons.map((r) => ({ factor: r.factor, points: r.points, detail: r.detail })),
  };
}
