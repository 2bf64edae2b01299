// Skipping opportunity stages: needs a reason and approval by the stage-skip flow (default:
// the requester's manager). Admins (who have no one to ask) skip directly, reason on record.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Opportunity } from "../../generated/prisma/client.ts";
import { explainMove, moveStage, requiredThrough, zhOpportunities, type MoveResult } from "../opportunities/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";
import { announceRequest, approverNames } from "./approval-card.ts";
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

/** The opportunities domain's SkipApproval: file the skip and answer the rep. */
export async function stageSkipReplies(
  ctx: ActionContext,
  opp: Opportunity,
  to: string,
  skipped: string[],
  reason: string,
  moved: (code: number, from: string) => string,
  amount?: number,
): Promise<Reply[]> {
  const r = await requestStageSkip(ctx.tx, ctx.actor, opp, to, skipped, reason, ctx.now, ctx.settings, ctx.admins, amount);
  switch (r.kind) {
    case "moved_directly":
      return [r.result.kind === "moved" ? text(moved(opp.code, r.result.from)) : explainMove(r.result, opp.code, to, opp.stage, ctx.settings)];
    case "missing":
      return [explainMove(r, opp.code, to, opp.stage, ctx.settings)];
    case "already_pending":
      return [text(zhOpportunities.oppSkipPending(opp.code, r.code))];
    case "missing_approver":
      return [text(zhOpportunities.approvalMissingApprover(r.who))];
    case "requested":
      await announceRequest(ctx, r.request, r.first, r.ccIds);
      return [text(zhOpportunities.oppSkipRequested(opp.code, r.request.code, approverNames(r.first)))];
  }
}
