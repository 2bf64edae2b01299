// Filing an approval from another domain's command (a quote's discount): whether a flow
// covers it, and, when one does, the request filed and its approvers told on cards.
import type { ActionContext } from "../../actions/action.ts";
import { announceRequest, approverNames } from "./approval-card.ts";
import { matchingFlows } from "./approval-rules.ts";
import { submitApproval, type NewSubmission } from "./approval-submit.ts";

export type Filed =
  | { kind: "requested"; code: number; approvers: string }
  | { kind: "no_approval_needed" }
  | { kind: "already_pending"; code: number }
  | { kind: "missing_approver"; who: string };

/** Does any configured flow cover this submission (before asking the rep for a reason)? */
export async function approvalNeeded(ctx: ActionContext, s: Omit<NewSubmission, "reason" | "payload">): Promise<boolean> {
  const team = ctx.actor.teamId ? await ctx.tx.team.findUnique({ where: { id: ctx.actor.teamId } }) : null;
  return matchingFlows(ctx.settings.approvals, s.kind, { ...s.facts, stage: s.opp.stage, productLine: s.opp.productLine, team: team?.name ?? null }).length > 0;
}

export async function fileApproval(ctx: ActionContext, s: NewSubmission): Promise<Filed> {
  const r = await submitApproval(ctx.tx, ctx.actor, s, ctx.now, ctx.settings, ctx.admins);
  if (r.kind !== "requested") return r;
  await announceRequest(ctx, r.request, r.first, r.ccIds);
  return { kind: "requested", code: r.request.code, approvers: approverNames(r.first) };
}
