// Skipping opportunity stages: needs a reason and approval by the stage-skip flow (default:
// the requester's manager). Admins (who have no one to ask) skip directly, reason on record.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Opportunity } from "../../generated/prisma/client.ts";
import { moveStage, requiredThrough, type MoveResult } from "../opportunities/opportunities.ts";
import type { CrmSettings, GateField } from "../../config/crm/crm-settings.ts";
import { submitApproval, type SubmitResult } from "./approval-submit.ts";

export type StageSkipResult =
  | Exclude<SubmitResult, { kind: "no_approval_needed" }>
  | { kind: "moved_directly"; result: MoveResult }
  | { kind: "missing"; fields: GateField[] };

export async function requestStageSkip(
  tx: Tx,
  actor: User,
  opp: Opportunity,
  to: string,
  skipped: string[],
  reason: string,
  now: Date,
  settings: CrmSettings,
  admins: readonly string[] = [],
  /** A win's deal amount, applied with the move. */
  amount?: number,
): Promise<StageSkipResult> {
  // Ask for everything the skipped stages and the target need now, not after the approval.
  const missing = requiredThrough(settings, opp, to);
  if (missing.length) return { kind: "missing", fields: missing };
  const direct = async () => ({ kind: "moved_directly" as const, result: await moveStage(tx, actor, opp, to, now, settings, { skipReason: reason, amount }) });
  if (actor.role === "admin") return direct();
  const r = await submitApproval(tx, actor, { kind: "stage_skip", opp, facts: {}, payload: { fromStage: opp.stage, toStage: to, skipped, ...(amount === undefined ? {} : { amount }) }, reason }, now, settings, admins);
  return r.kind === "no_approval_needed" ? direct() : r;
}
