import type { ActionDef } from "./action.ts";
import { apiTokenAction } from "./api-token.ts";
import { auditTrailAction } from "./audit-trail.ts";
import { followUpAction, followUpHistoryAction } from "./follow-up.ts";
import { helpAction } from "./help.ts";
import { leadAssignAction } from "./lead-assign.ts";
import { leadConvertAction } from "./lead-convert.ts";
import { leadCreateAction } from "./lead-create.ts";
import { leadMineAction } from "./lead-mine.ts";
import { leadScoreAction } from "./lead-score.ts";
import { opportunityMineAction, opportunityUpdateAction } from "./opportunity-edit.ts";
import { opportunityAdvanceAction, opportunityLostAction, opportunityWonAction } from "./opportunity-stage.ts";
import { ActionRegistry } from "./registry.ts";
import { teamAction } from "./team.ts";
import { customerActions } from "./customer-actions.ts";
import { dataActions } from "./data-actions.ts";
import { poolActions } from "./pool-actions.ts";
import { reminderActions } from "./reminder-actions.ts";
import { agendaAction } from "./agenda-action.ts";
import { approvalActions } from "./approval-actions.ts";
import { ticketActions } from "./ticket-actions.ts";
import { opportunitySupportAction } from "./opportunity-support.ts";
import { followerReplyAction } from "./follower-reply.ts";

export function buildRegistry(): ActionRegistry {
  const defs: ActionDef[] = [];
  const registry = new ActionRegistry([helpAction(() => defs), leadCreateAction, leadMineAction, leadScoreAction, leadAssignAction, leadConvertAction, followUpAction, followUpHistoryAction,
    opportunityMineAction,
    opportunityUpdateAction,
    opportunityAdvanceAction,
    opportunityWonAction,
    opportunityLostAction,
    opportunitySupportAction,
    followerReplyAction,
    auditTrailAction,
    ...customerActions,
    ...poolActions,
    ...dataActions,
    ...reminderActions,
    agendaAction,
    ...approvalActions,
    ...ticketActions,
    teamAction,
    apiTokenAction,
  ]);
  defs.push(...registry.list());
  return registry;
}
