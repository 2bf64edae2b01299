// A step still pending after remindAfterHours: its approvers are reminded; after
// escalateAfterHours: each pending approver's manager is told.
import { z } from "zod";
import { APPROVAL_ESCALATE_JOB, APPROVAL_REMIND_JOB } from "../../crm/approvals/approval-chasers.ts";
import type { Tx } from "../../db/tx.ts";
import { zh } from "../../messages/zh.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind, type JobMessage } from "../job-kind.ts";

const payload = z.object({ requestId: z.uuid(), position: z.number().int().min(0) });

async function pendingStep(tx: Tx, requestId: string, position: number) {
  const step = await tx.approvalStep.findFirst({
    where: { requestId, position, status: "pending", request: { status: "pending" } },
    include: { request: { include: { requester: true } }, tasks: { where: { status: "pending" }, include: { approver: true } } },
  });
  return step && step.tasks.length ? step : null;
}

const message = (userId: string, line: string): JobMessage => ({ userId, line, reply: text(line) });

export const approvalRemindJob = defineJobKind({
  kind: APPROVAL_REMIND_JOB,
  payload,
  quiet: "defer",
  async run(ctx, p) {
    const step = await pendingStep(ctx.tx, p.requestId, p.position);
    if (!step) return [];
    const r = step.request;
    const who = zh.whoName(r.requester.name, r.requester.wecomUserId);
    const hours = ctx.settings.approvals.remindAfterHours;
    return step.tasks.map((t) => message(t.approverId, zh.approvalRemind(zh.approvalKinds[r.kind] ?? r.kind, r.code, who, hours)));
  },
});

export const approvalEscalateJob = defineJobKind({
  kind: APPROVAL_ESCALATE_JOB,
  payload,
  quiet: "defer",
  async run(ctx, p) {
    const step = await pendingStep(ctx.tx, p.requestId, p.position);
    if (!step) return [];
    const r = step.request;
    const who = zh.whoName(r.requester.name, r.requester.wecomUserId);
    const hours = ctx.settings.approvals.escalateAfterHours;
    return step.tasks
      .filter((t) => t.approver.managerId)
      .map((t) => message(t.approver.managerId!, zh.approvalEscalate(zh.whoName(t.approver.name, t.approver.wecomUserId), zh.approvalKinds[r.kind] ?? r.kind, r.code, who, hours)));
  },
});
