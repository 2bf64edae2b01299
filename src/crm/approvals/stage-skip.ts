// Skipping opportunity stages: needs a reason and the requester's manager's approval.
// Admins (who have no manager to ask) skip directly, with the reason on record.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest, Opportunity } from "../../generated/prisma/client.ts";
import { moveStage, requiredThrough, type MoveResult } from "../opportunities.ts";
import type { CrmSettings, GateField } from "../settings/crm-settings.ts";
import { createApprovalRequest, pendingApprovalFor } from "./approval-requests.ts";

export type StageSkipResult =
  | { kind: "requested"; request: ApprovalRequest; approver: User; skipped: string[] }
  | { kind: "moved_by_admin"; result: MoveResult }
  | { kind: "already_pending"; code: number }
  | { kind: "missing"; fields: GateField[] }
  | { kind: "no_manager" };

export async function requestStageSkip(
  tx: Tx,
  actor: User,
  opp: Opportunity,
  to: string,
  skipped: string[],
  reason: string,
  now: Date,
  settings: CrmSettings,
): Promise<StageSkipResult> {
  // Ask for everything the skipped stages and the target need now, not after the approval.
  const missing = requiredThrough(settings, opp, to);
  if (missing.length) return { kind: "missing", fields: missing };
  if (actor.role === "admin") {
    return { kind: "moved_by_admin", result: await moveStage(tx, actor, opp, to, now, settings, { skipReason: reason }) };
  }
  const pending = await pendingApprovalFor(tx, opp.id, "stage_skip");
  if (pending) return { kind: "already_pending", code: pending.code };
  const approver = actor.managerId ? await tx.user.findFirst({ where: { id: actor.managerId, active: true } }) : null;
  if (!approver) return { kind: "no_manager" };
  const request = await createApprovalRequest(
    tx,
    {
      kind: "stage_skip",
      requesterId: actor.id,
      opportunityId: opp.id,
      payload: { fromStage: opp.stage, toStage: to, skipped },
      reason,
      steps: [{ mode: "any", approverIds: [approver.id] }],
    },
    now,
  );
  return { kind: "requested", request, approver, skipped };
}
