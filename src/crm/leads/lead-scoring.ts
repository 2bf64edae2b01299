// Lead scores: an initial score by source plus behaviour points, each change written to
// the ledger with its reason. A score stays within 0–100. Grades follow the configured thresholds.
import type { Tx } from "../../db/tx.ts";
import type { Lead } from "../../generated/prisma/client.ts";
import { zhLeads } from "./messages.ts";
import type { CrmSettings, LeadSource } from "../../config/crm/crm-settings.ts";

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

export const MIN_SCORE = 0;
export const MAX_SCORE = 100;

/** Every score is 0–100, whatever adds to it (sources, behaviour, config). */
export const clampScore = (score: number): number => Math.min(MAX_SCORE, Math.max(MIN_SCORE, score));

/** Applies a score change, capped to 0–100: the ledger records the change that really
 * applied (its reason says when the cap cut it), so the entries always add up to the
 * score. Returns null when the event was already scored. */
export async function addScore(tx: Tx, lead: Lead, change: ScoreChange, at: Date, settings: CrmSettings): Promise<Lead | null> {
  // The current score under a row lock: concurrent events on one lead add up, never overwrite.
  const [row] = await tx.$queryRaw<Array<{ score: number }>>`SELECT score FROM leads WHERE id = ${lead.id}::uuid FOR UPDATE`;
  const current = row?.score ?? lead.score;
  const score = clampScore(current + change.delta);
  const applied = score - current;
  const reason = applied === change.delta ? change.reason : zhLeads.scoreCapped(change.reason, change.delta, score);
  const entry = await tx.leadScoreEntry.createMany({
    data: [{ leadId: lead.id, delta: applied, kind: change.kind, reason, eventKey: change.eventKey, at }],
    skipDuplicates: true,
  });
  if (entry.count === 0) return null;
  return tx.lead.update({ where: { id: lead.id }, data: { score, grade: gradeOf(score, settings), updatedAt: at } });
}

export async function scoreLedger(tx: Tx, leadId: string) {
  return tx.leadScoreEntry.findMany({ where: { leadId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}
