// A pending step is chased: its approvers are reminded after remindAfterHours, and their
// managers told after escalateAfterHours (jobs, checked when they run).
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest } from "../../generated/prisma/client.ts";
import { scheduleJobs } from "../../scheduler/jobs.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export const APPROVAL_REMIND_JOB = "approval_remind";
export const APPROVAL_ESCALATE_JOB = "approval_escalate";

export function scheduleApprovalChasers(tx: Tx, request: Pick<ApprovalRequest, "id">, position: number, now: Date, settings: CrmSettings) {
  const a = settings.approvals;
  const payload = { requestId: request.id, position };
  return scheduleJobs(
    tx,
    [
      { kind: APPROVAL_REMIND_JOB, dueAt: new Date(now.getTime() + a.remindAfterHours * 3_600_000), uniqueKey: `${APPROVAL_REMIND_JOB}:${request.id}:${position}`, payload },
      { kind: APPROVAL_ESCALATE_JOB, dueAt: new Date(now.getTime() + a.escalateAfterHours * 3_600_000), uniqueKey: `${APPROVAL_ESCALATE_JOB}:${request.id}:${position}`, payload },
    ],
    now,
  );
}
