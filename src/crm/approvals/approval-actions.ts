// Every approval command, for the registry.
import { approveAction, rejectAction, withdrawAction } from "./approval-decision-actions.ts";
import { contractRequestAction, discountRequestAction } from "./approval-request-actions.ts";
import { approvalTrailAction, myApprovalsAction } from "./approval-view-actions.ts";

export const approvalActions = [discountRequestAction, contractRequestAction, approveAction, rejectAction, withdrawAction, approvalTrailAction, myApprovalsAction];
