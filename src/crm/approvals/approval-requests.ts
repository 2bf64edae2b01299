// Approval requests: who must decide is computed when the request is made and stored as
// tasks, step by step, so later org changes never reroute a pending request. The card
// flow and decisions build on this.
import { audit } from "../../auth/audit.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest, Prisma } from "../../generated/prisma/client.ts";
import type { ApprovalKindName } from "../../config/crm/approval-settings.ts";

export type ApprovalKind = ApprovalKindName;

export interface ApprovalStepSpec {
  /** "all": every approver must agree (会签); "any": the first decision closes it (或签). */
  mode: "all" | "any";
  approverIds: readonly string[];
}

export interface NewApprovalRequest {
  kind: ApprovalKind;
  requesterId: string;
  opportunityId?: string;
  payload: Prisma.InputJsonObject;
  reason: string;
  steps: readonly ApprovalStepSpec[];
}

/** Creates the request with all its steps; the first step's approvers are pending at once. */
export async function createApprovalRequest(tx: Tx, r: NewApprovalRequest, now: Date): Promise<ApprovalRequest> {
  if (r.steps.length === 0 || r.steps.some((s) => s.approverIds.length === 0)) {
    throw new Error("an approval request needs at least one step, each with an approver");
  }
  const request = await tx.approvalRequest.create({
    data: {
      kind: r.kind,
      requesterId: r.requesterId,
      opportunityId: r.opportunityId,
      payload: r.payload,
      reason: r.reason,
      createdAt: now,
      steps: {
        create: r.steps.map((s, position) => ({
          position,
          mode: s.mode,
          tasks: { create: [...new Set(s.approverIds)].map((approverId) => ({ approverId })) },
        })),
      },
    },
  });
  await activateStep(tx, request, 0);
  await audit(tx, {
    actorId: r.requesterId,
    action: "request_approval",
    entity: "approval",
    entityId: request.id,
    detail: { kind: r.kind, code: request.code, opportunityId: r.opportunityId ?? null, payload: r.payload, reason: r.reason },
    at: now,
  });
  return request;
}

/** A pending request of this kind on this opportunity, if any (one at a time). */
export function pendingApprovalFor(tx: Tx, opportunityId: string, kind: ApprovalKind): Promise<ApprovalRequest | null> {
  return tx.approvalRequest.findFirst({ where: { opportunityId, kind, status: "pending" } });
}

/** Makes a step the current one: it and its approvers' tasks become pending, each task with
 * the task_id its card will carry. Returns the tasks with their approvers. */
export async function activateStep(tx: Tx, request: Pick<ApprovalRequest, "id" | "code">, position: number) {
  const step = await tx.approvalStep.update({ where: { requestId_position: { requestId: request.id, position } }, data: { status: "pending" } });
  const tasks = await tx.approvalTask.findMany({ where: { stepId: step.id }, orderBy: { id: "asc" } });
  for (const t of tasks) {
    await tx.approvalTask.update({ where: { id: t.id }, data: { status: "pending", cardTaskId: `apv-${request.code}-${t.id}` } });
  }
  return tx.approvalTask.findMany({ where: { stepId: step.id }, include: { approver: true }, orderBy: { id: "asc" } });
}
