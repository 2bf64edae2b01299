// Customers the pool sweep keeps with their owner however idle: a deal won within
// `pool.protectWonDays`, or an open opportunity in one of the last `pool.protectLastStages`
// open stages. The owner's pre-return warning names them with the reason they are kept.
import type { Tx } from "../../db/tx.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { days } from "../../time/calendar.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export type KeptBecause = { kind: "won"; code: number } | { kind: "late_stage"; code: number; stage: string };

function rules(settings: CrmSettings, now: Date): Prisma.OpportunityWhereInput[] {
  const { protectWonDays, protectLastStages } = settings.pool;
  const stages = settings.opportunities.stages;
  const won = stages.filter((s) => s.outcome === "won").map((s) => s.name);
  const late = protectLastStages > 0 ? stages.filter((s) => !s.outcome).slice(-protectLastStages).map((s) => s.name) : [];
  const out: Prisma.OpportunityWhereInput[] = [];
  if (protectWonDays > 0) out.push({ stage: { in: won }, closedAt: { gte: new Date(now.getTime() - days(protectWonDays)) } });
  if (late.length) out.push({ closedAt: null, stage: { in: late } });
  return out;
}

/** Customers the sweep must not return (none when both rules are off). */
export function keptFromPool(settings: CrmSettings, now: Date): Prisma.CustomerWhereInput {
  const or = rules(settings, now);
  return or.length ? { opportunities: { some: { OR: or } } } : { id: { in: [] } };
}

/** Why each of these customers is kept (absent: it is not). */
export async function keptReasons(tx: Tx, customerIds: string[], settings: CrmSettings, now: Date): Promise<Map<string, KeptBecause>> {
  const or = rules(settings, now);
  const reasons = new Map<string, KeptBecause>();
  if (!or.length || !customerIds.length) return reasons;
  const opps = await tx.opportunity.findMany({ where: { customerId: { in: customerIds }, OR: or }, orderBy: [{ closedAt: "desc" }, { code: "asc" }] });
  for (const o of opps) {
    if (reasons.has(o.customerId)) continue;
    reasons.set(o.customerId, o.closedAt ? { kind: "won", code: o.code } : { kind: "late_stage", code: o.code, stage: o.stage });
  }
  return reasons;
}
