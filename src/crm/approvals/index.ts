// The approvals domain's public face: what other domains and the assembly point may use.
export { approvalActions } from "./approval-actions.ts";
export { approvalEscalateJob, approvalRemindJob } from "./approval-chaser-jobs.ts";
export { stageSkipReplies } from "./stage-skip.ts";
export { approvalNeeded, fileApproval } from "./file-approval.ts";
export type { Filed } from "./file-approval.ts";
export { registerApprovalSubject } from "./approval-effects.ts";
export type { EffectResult, SubjectEffect } from "./approval-effects.ts";
