// Filing an approval request: the configured flows decide the steps, approvers are resolved
// and stored now; one pending request per kind and opportunity.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest, Opportunity, Prisma } from "../../generated/prisma/client.ts";
import { scheduleApprovalChasers } from "./approval-chasers.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { ApprovalKindName } from "../../config/crm/approval-settings.ts";
import { applyApproved } from "./approval-effects.ts";
import { createApprovalRequest, pendingApprovalFor } from "./approval-requests.ts";
import type { TaskWithApprover } from "./approval-decisions.ts";
import { matchingFlows, resolveApprovers, type ApprovalFacts } from "./approval-rules.ts";

export type SubmitResult =
  | { kind: "requested"; request: ApprovalRequest; first: TaskWithApprover[]; ccIds: string[] }
  | { kind: "no_approval_needed" }
  | { kind: "already_pending"; code: number }
  | { kind: "missing_approver"; who: string };

export interface NewSubmission {
  kind: ApprovalKindName;
  opp: Opportunity;
  facts: Omit<ApprovalFacts, "stage" | "productLine" | "team">;
  payload: Prisma.InputJsonObject;
  reason: string;
}

/** `admins`: CRM_ADMINS, the last stand-ins for an empty approver group. */
export async function submitApproval(tx: Tx, actor: User, s: NewSubmission, now: Date, settings: CrmSettings, admins: readonly string[] = []): Promise<SubmitResult> {
  // A request about a record of its own (payload.subject: an invoice, a contract) is one per
  // record, which that record's status guards; others are one per kind and opportunity.
  const pending = "subject" in s.payload ? null : await pendingApprovalFor(tx, s.opp.id, s.kind);
  if (pending) return { kind: "already_pending", code: pending.code };
  const team = actor.teamId ? await tx.team.findUnique({ where: { id: actor.teamId } }) : null;
  const facts: ApprovalFacts = { ...s.facts, stage: s.opp.stage, productLine: s.opp.productLine, team: team?.name ?? null };
  const flows = matchingFlows(settings.approvals, s.kind, facts);
  if (flows.length === 0) return { kind: "no_approval_needed" };
  const resolved = await resolveApprovers(tx, actor, flows, settings.approvals, admins);
  if ("missing" in resolved) return { kind: "missing_approver", who: resolved.missing };
  const request = await createApprovalRequest(
    tx,
    {
      kind: s.kind,
      requesterId: actor.id,
      opportunityId: s.opp.id,
      payload: { ...s.payload, flows: flows.map((f) => f.name), ccIds: resolved.ccIds },
      reason: s.reason,
      steps: resolved.steps,
    },
    now,
  );
  await scheduleApprovalChasers(tx, request, 0, now, settings);
  if (s.kind === "contract") await tx.opportunity.update({ where: { id: s.opp.id }, data: { contractStatus: "pending", updatedAt: now } });
  const first = await tx.approvalTask.findMany({ where: { step: { requestId: request.id, position: 0 } }, include: { approver: true }, orderBy: { id: "asc" } });
  return { kind: "requested", request, first, ccIds: resolved.ccIds };
}

/** A request no flow covers is within the requester's authority: recorded as approved
 * (audited like any request) and applied at once. */
export async function applyWithinAuthority(tx: Tx, actor: User, s: NewSubmission, now: Date, settings: CrmSettings): Promise<void> {
  const request = await tx.approvalRequest.create({
    data: { kind: s.kind, requesterId: actor.id, opportunityId: s.opp.id, payload: s.payload, reason: s.reason, status: "approved", createdAt: now, decidedAt: now },
  });
  await audit(tx, { actorId: actor.id, action: "request_approval", entity: "approval", entityId: request.id, detail: { kind: s.kind, code: request.code, approvedWithinAuthority: true }, at: now });
  await applyApproved(tx, request, actor, now, settings);
}
