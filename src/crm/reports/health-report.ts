// Customer health as reports show it: one customer, or every owned customer of the people in
// a scope (lowest first). Chat, REST, the picture and the weekly 流失风险 list all read these.
import type { Tx } from "../../db/tx.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { healthRows, type HealthWho } from "./health-facts.ts";
import { scoreHealth, type Health } from "./health-score.ts";
import { zhHealth } from "./messages-health.ts";

export interface CustomerHealth {
  customer: { id: string; code: number; name: string };
  owner: { id: string; name: string | null; wecomUserId: string } | null;
  health: Health;
}

interface Clock {
  now: Date;
  timeZone: string;
  settings: CrmSettings;
}

async function scored(tx: Tx, who: HealthWho, c: Clock): Promise<CustomerHealth[]> {
  const rows = await healthRows(tx, who, c.settings, c.now, c.timeZone);
  return rows
    .map((r) => ({ customer: r.customer, owner: r.owner, health: scoreHealth(r.facts, c.settings.reports.health) }))
    .sort((a, b) => a.health.score - b.health.score || a.customer.code - b.customer.code);
}

export async function customerHealth(tx: Tx, customerId: string, c: Clock): Promise<CustomerHealth> {
  return (await scored(tx, { customerId }, c))[0]!;
}

/** The customers owned by these people (the public pool has no owner and is left out), lowest first. */
export function healthOfOwners(tx: Tx, ownerIds: string[], c: Clock): Promise<CustomerHealth[]> {
  return scored(tx, { ownerIds }, c);
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
