// Opportunities: stages in configured order, gates that must be filled to enter a stage,
// stage history, won/lost. Moving more than one stage ahead needs a manager's approval.
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Opportunity } from "../../generated/prisma/client.ts";
import { scheduleStallCheck } from "./opportunity-stall.ts";
import type { CrmSettings, GateField, StageSetting } from "../../config/crm/crm-settings.ts";

export type OpportunityWithCustomer = Opportunity & { customer: { name: string } };

export function findOpportunityInScope(tx: Tx, actor: User, ref: string): Promise<OpportunityWithCustomer | null> {
  const code = /^#?(\d{1,9})$/.exec(ref)?.[1];
  const match = code ? { code: Number(code) } : { customer: { name: { contains: ref } } };
  return tx.opportunity.findFirst({ where: { AND: [match, ownedWithin(actor)] }, include: { customer: { select: { name: true } } }, orderBy: { updatedAt: "desc" } });
}

export const stageOf = (settings: CrmSettings, name: string): StageSetting | undefined =>
  settings.opportunities.stages.find((s) => s.name === name);

/** Gate fields still empty for entering `stage`. */
export function missingFor(opp: Opportunity, stage: StageSetting): GateField[] {
  return stage.requires.filter((f) => opp[f] === null || opp[f] === undefined || opp[f] === "");
}

/** Gate fields still empty for entering `to` and every open stage passed on the way (a win
 * passes every open stage after the current one). */
export function requiredThrough(settings: CrmSettings, opp: Opportunity, to: string): GateField[] {
  const open = settings.opportunities.stages.filter((s) => !s.outcome);
  const target = stageOf(settings, to);
  const fromIdx = open.findIndex((s) => s.name === opp.stage);
  const toIdx = target?.outcome === "won" ? open.length - 1 : open.findIndex((s) => s.name === to);
  const passed = toIdx > fromIdx ? open.slice(fromIdx + 1, toIdx + 1) : [];
  if (target?.outcome === "won") passed.push(target);
  return [...new Set(passed.flatMap((s) => missingFor(opp, s)))];
}

/** The open stages a win from `stage` would skip, when `winFromLastStages` does not allow
 * it directly; empty when it does. */
export function winSkips(settings: CrmSettings, stage: string): string[] {
  const open = settings.opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
  const last = settings.opportunities.winFromLastStages;
  const idx = open.indexOf(stage);
  if (last === 0 || idx < 0 || idx >= open.length - last) return [];
  return open.slice(idx + 1);
}

/** The stages a win may come from directly. */
export const winStages = (settings: CrmSettings): string[] => {
  const open = settings.opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
  const last = settings.opportunities.winFromLastStages;
  return last === 0 ? open : open.slice(-last);
};

export type MoveResult =
  | { kind: "moved"; opportunity: Opportunity; from: string }
  | { kind: "unknown_stage" }
  | { kind: "same_stage" }
  | { kind: "closed" }
  | { kind: "missing"; fields: GateField[] }
  | { kind: "skip_needs_approval"; skipped: string[] }
  /** A win without a deal amount. */
  | { kind: "needs_amount" }
  /** A win from before the last stages: a stage skip (reason, approval). */
  | { kind: "win_needs_approval"; skipped: string[] };

export async function moveStage(
  tx: Tx,
  actor: User,
  opp: Opportunity,
  to: string,
  now: Date,
  settings: CrmSettings,
  extra: { lostReason?: string; amount?: number; skipReason?: string } = {},
): Promise<MoveResult> {
  const stages = settings.opportunities.stages;
  const target = stageOf(settings, to);
  if (!target) return { kind: "unknown_stage" };
  if (opp.closedAt) return { kind: "closed" };
  if (opp.stage === to) return { kind: "same_stage" };
  const open = stages.filter((s) => !s.outcome);
  const fromIdx = open.findIndex((s) => s.name === opp.stage);
  const toIdx = open.findIndex((s) => s.name === to);
  // Forward moves skip nothing when they go one step; outcomes may come from any stage.
  if (toIdx > fromIdx + 1 && extra.skipReason === undefined) return { kind: "skip_needs_approval", skipped: open.slice(fromIdx + 1, toIdx).map((s) => s.name) };
  if (target.outcome === "won") {
    if (extra.amount === undefined) return { kind: "needs_amount" };
    const skipped = winSkips(settings, opp.stage);
    if (skipped.length && extra.skipReason === undefined) return { kind: "win_needs_approval", skipped };
  }
  const withExtra = { ...opp, ...(extra.lostReason ? { lostReason: extra.lostReason } : {}) };
  const missing = extra.skipReason === undefined ? missingFor(withExtra, target) : requiredThrough(settings, withExtra, to);
  if (missing.length) return { kind: "missing", fields: missing };
  const opportunity = await tx.opportunity.update({
    where: { id: opp.id },
    data: {
      stage: to,
      stageChangedAt: now,
      updatedAt: now,
      ...(target.outcome ? { closedAt: now } : {}),
      ...(extra.lostReason ? { lostReason: extra.lostReason } : {}),
      ...(extra.amount !== undefined ? { amount: extra.amount } : {}),
      stageChanges: { create: { fromStage: opp.stage, toStage: to, actorId: actor.id, at: now, reason: extra.lostReason ?? extra.skipReason } },
    },
  });
  await scheduleStallCheck(tx, opportunity, settings, now);
  await audit(tx, {
    actorId: actor.id,
    action: "move_stage",
    entity: "opportunity",
    entityId: opp.id,
    detail: { before: { stage: opp.stage }, after: { stage: to, ...extra } },
    at: now,
  });
  return { kind: "moved", opportunity, from: opp.stage };
}

export type OpportunityFields = Partial<Pick<Opportunity, "needsAnalysis" | "decisionMaker" | "lostReason" | "forecastCategory">> & {
  amount?: number;
  budget?: number;
  expectedCloseDate?: Date;
};

export async function updateOpportunity(tx: Tx, actor: User, opp: Opportunity, fields: OpportunityFields, now: Date): Promise<Opportunity> {
  const before = Object.fromEntries(Object.keys(fields).map((k) => [k, opp[k as keyof Opportunity]]));
  const updated = await tx.opportunity.update({ where: { id: opp.id }, data: { ...fields, updatedAt: now } });
  await audit(tx, {
    actorId: actor.id,
    action: "update",
    entity: "opportunity",
    entityId: opp.id,
    detail: JSON.parse(JSON.stringify({ before, after: fields })),
    at: now,
  });
  return updated;
}

export function openOpportunitiesOf(tx: Tx, owner: User, limit: number) {
  return tx.opportunity.findMany({
    where: { ownerId: owner.id, closedAt: null },
    orderBy: { updatedAt: "desc" },
    take: limit,
    include: { customer: { select: { name: true } } },
  });
}
