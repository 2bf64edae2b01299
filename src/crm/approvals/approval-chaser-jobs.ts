// A step still pending after remindAfterHours: its approvers are reminded; after
// escalateAfterHours: each pending approver's manager is told.
import { z } from "zod";
import { APPROVAL_ESCALATE_JOB, APPROVAL_REMIND_JOB } from "./approval-chasers.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { User } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { zhApprovals } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind, type JobKind, type JobMessage } from "../../scheduler/job-kind.ts";

interface Chase {
  kind: string;
  code: number;
  requester: string;
  hours: number;
}

function chaser(kind: string, hoursOf: (s: CrmSettings) => number, tell: (approver: User, c: Chase) => JobMessage | null): JobKind {
  return defineJobKind({
    kind,
    payload: z.object({ requestId: z.uuid(), position: z.number().int().min(0) }),
    quiet: "defer",
    async run(ctx, p) {
      const step = await ctx.tx.approvalStep.findFirst({
        where: { requestId: p.requestId, position: p.position, status: "pending", request: { status: "pending" } },
        include: { request: { include: { requester: true } }, tasks: { where: { status: "pending" }, include: { approver: true } } },
      });
      if (!step) return [];
      const r = step.request;
      const c = { kind: zhApprovals.approvalKinds[r.kind] ?? r.kind, code: r.code, requester: zh.whoName(r.requester.name, r.requester.wecomUserId), hours: hoursOf(ctx.settings) };
      return step.tasks.flatMap((t) => tell(t.approver, c) ?? []);
    },
  });
}

const message = (userId: string, line: string): JobMessage => ({ userId, line, reply: text(line) });

export const approvalRemindJob = chaser(APPROVAL_REMIND_JOB, (s) => s.approvals.remindAfterHours, (a, c) =>
  message(a.id, zhApprovals.approvalRemind(c.kind, c.code, c.requester, c.hours)),
);

export const approvalEscalateJob = chaser(APPROVAL_ESCALATE_JOB, (s) => s.approvals.escalateAfterHours, (a, c) =>
  a.managerId ? message(a.managerId, zhApprovals.approvalEscalate(zh.whoName(a.name, a.wecomUserId), c.kind, c.code, c.requester, c.hours)) : null,
);
