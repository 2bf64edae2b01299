// Deciding: only a pending approver of the current step may act; a second click or a
// redelivery changes nothing. 会签 (all) needs everyone, 或签 (any) closes on the first
// decision; a rejection ends the request. Completion applies the effect in the same transaction.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest, ApprovalTask } from "../../generated/prisma/client.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { scheduleApprovalChasers } from "./approval-chasers.ts";
import { applyApproved, applyClosed, type EffectResult } from "./approval-effects.ts";
import { activateStep } from "./approval-requests.ts";

export type TaskWithApprover = ApprovalTask & { approver: User };

export type DecideResult =
  | { kind: "not_found" }
  /** `mine`: the actor's task when one waits for a later step; `current`: who is deciding now. */
  | { kind: "not_your_turn"; request: ApprovalRequest; mine: ApprovalTask | null; current: TaskWithApprover[] }
  /** `by`: who decided the step the actor no longer needs to (their task superseded). */
  | { kind: "already"; request: ApprovalRequest; mine: ApprovalTask; by: TaskWithApprover | null }
  | {
      kind: "decided";
      request: ApprovalRequest;
      requester: User;
      decision: "approved" | "rejected";
      /** The request's state after this decision. */
      outcome: "pending" | "approved" | "rejected";
      /** Approvers of the same 或签 step who no longer need to act. */
      superseded: TaskWithApprover[];
      /** The next step's approvers, now pending. */
      next: TaskWithApprover[];
      effect: EffectResult | null;
    };

export async function decide(
  tx: Tx,
  actor: User,
  code: number,
  decision: "approved" | "rejected",
  comment: string | undefined,
  now: Date,
  settings: CrmSettings,
): Promise<DecideResult> {
  const found = await tx.approvalRequest.findUnique({ where: { code } });
  if (!found) return { kind: "not_found" };
  // Lock the request: two approvers deciding at once are serialised.
  await tx.$queryRaw`SELECT id FROM approval_requests WHERE id = ${found.id}::uuid FOR UPDATE`;
  const request = (await tx.approvalRequest.findUnique({ where: { id: found.id } }))!;
  const mine = await tx.approvalTask.findFirst({ where: { approverId: actor.id, step: { requestId: request.id } }, orderBy: { id: "desc" } });
  const step = await tx.approvalStep.findFirst({ where: { requestId: request.id, status: "pending" }, include: { tasks: { include: { approver: true } } } });
  const task = step?.tasks.find((t) => t.approverId === actor.id && t.status === "pending");
  if (request.status !== "pending" || !step || !task) {
    if (mine && (mine.status === "approved" || mine.status === "rejected")) return { kind: "already", request, mine, by: null };
    if (mine?.status === "superseded" && request.status !== "withdrawn") {
      const by = await tx.approvalTask.findFirst({ where: { stepId: mine.stepId, status: { in: ["approved", "rejected"] } }, include: { approver: true } });
      return { kind: "already", request, mine, by };
    }
    await audit(tx, { actorId: actor.id, action: "approve_denied", entity: "approval", entityId: request.id, detail: { code, decision }, at: now });
    const current = step?.tasks.filter((t) => t.status === "pending") ?? [];
    return { kind: "not_your_turn", request, mine: mine?.status === "waiting" ? mine : null, current };
  }
  await tx.approvalTask.update({ where: { id: task.id }, data: { status: decision, comment, decidedAt: now } });
  await audit(tx, { actorId: actor.id, action: decision === "approved" ? "approve" : "reject", entity: "approval", entityId: request.id, detail: { code, step: step.position, comment: comment ?? null }, at: now });
  const others = step.tasks.filter((t) => t.id !== task.id && t.status === "pending");
  const stepDone = decision === "rejected" || step.mode === "any" || others.length === 0;
  let superseded: TaskWithApprover[] = [];
  if (stepDone && others.length) {
    await tx.approvalTask.updateMany({ where: { id: { in: others.map((t) => t.id) } }, data: { status: "superseded", decidedAt: now } });
    superseded = others;
  }
  const requester = await tx.user.findUniqueOrThrow({ where: { id: request.requesterId } });
  const base = { request, requester, decision, superseded, next: [] as TaskWithApprover[], effect: null as EffectResult | null };
  if (!stepDone) return { kind: "decided", ...base, outcome: "pending" };
  await tx.approvalStep.update({ where: { id: step.id }, data: { status: decision, decidedAt: now } });
  if (decision === "rejected") {
    await tx.approvalStep.updateMany({ where: { requestId: request.id, status: "waiting" }, data: { status: "cancelled" } });
    const closed = await tx.approvalRequest.update({ where: { id: request.id }, data: { status: "rejected", decidedAt: now } });
    await applyClosed(tx, closed, "rejected", now);
    return { kind: "decided", ...base, request: closed, outcome: "rejected" };
  }
  const nextStep = await tx.approvalStep.findFirst({ where: { requestId: request.id, position: step.position + 1 } });
  if (nextStep) {
    const next = await activateStep(tx, request, nextStep.position);
    await scheduleApprovalChasers(tx, request, nextStep.position, now, settings);
    return { kind: "decided", ...base, outcome: "pending", next };
  }
  const approved = await tx.approvalRequest.update({ where: { id: request.id }, data: { status: "approved", decidedAt: now } });
  const effect = await applyApproved(tx, approved, requester, now, settings);
  return { kind: "decided", ...base, request: approved, outcome: "approved", effect };
}

export type WithdrawResult = { kind: "not_found" } | { kind: "not_pending"; request: ApprovalRequest } | { kind: "withdrawn"; request: ApprovalRequest; pending: TaskWithApprover[] };

/** The requester takes a pending request back; its pending approvers are returned to be told. */
export async function withdraw(tx: Tx, actor: User, code: number, now: Date): Promise<WithdrawResult> {
  const request = await tx.approvalRequest.findFirst({ where: { code, requesterId: actor.id } });
  if (!request) return { kind: "not_found" };
  if (request.status !== "pending") return { kind: "not_pending", request };
  const pending = await tx.approvalTask.findMany({ where: { status: "pending", step: { requestId: request.id } }, include: { approver: true } });
  await tx.approvalTask.updateMany({ where: { status: { in: ["pending", "waiting"] }, step: { requestId: request.id } }, data: { status: "superseded", decidedAt: now } });
  await tx.approvalStep.updateMany({ where: { requestId: request.id, status: { in: ["pending", "waiting"] } }, data: { status: "cancelled" } });
  const closed = await tx.approvalRequest.update({ where: { id: request.id }, data: { status: "withdrawn", decidedAt: now } });
  await applyClosed(tx, closed, "withdrawn", now);
  await audit(tx, { actorId: actor.id, action: "withdraw", entity: "approval", entityId: request.id, detail: { code }, at: now });
  return { kind: "withdrawn", request: closed, pending };
}
