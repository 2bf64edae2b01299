// Lead scores: an initial score by source plus behaviour points, each change written to
// the ledger with its reason. Grades follow the configured thresholds.
import type { Tx } from "../db/tx.ts";
import type { Lead } from "../generated/prisma/client.ts";
import type { CrmSettings, LeadSource } from "./settings/crm-settings.ts";

export function gradeOf(score: number, settings: CrmSettings): "A" | "B" | "C" {
  const g = settings.leads.grades;
  return score >= g.A ? "A" : score >= g.B ? "B" : "C";
}

export function sourceScore(source: string, settings: CrmSettings): number {
  return settings.leads.sourceScores[source as LeadSource] ?? settings.leads.sourceScores.其他;
}

export interface ScoreChange {
  delta: number;
  kind: "source" | "behaviour" | "manual";
  reason: string;
  /** Integrations' event id: the same event never scores twice. */
  eventKey?: string;
}

/** Applies a score change; returns null when the event was already scored. */
export async function addScore(tx: Tx, lead: Lead, change: ScoreChange, at: Date, settings: CrmSettings): Promise<Lead | null> {
  const entry = await tx.leadScoreEntry.createMany({
    data: [{ leadId: lead.id, delta: change.delta, kind: change.kind, reason: change.reason, eventKey: change.eventKey, at }],
    skipDuplicates: true,
  });
  if (entry.count === 0) return null;
  const score = lead.score + change.delta;
  return tx.lead.update({ where: { id: lead.id }, data: { score, grade: gradeOf(score, settings), updatedAt: at } });
}

export async function scoreLedger(tx: Tx, leadId: string) {
  return tx.leadScoreEntry.findMany({ where: { leadId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}
