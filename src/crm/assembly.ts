import type { ActionDef } from "../actions/action.ts";
import { apiTokenAction } from "./team/api-token-action.ts";
import { auditTrailAction } from "./audit/audit-trail.ts";
import { followUpAction, followUpHistoryAction } from "./follow-ups/follow-up-actions.ts";
import { helpAction } from "../actions/help.ts";
import { leadAssignAction } from "./leads/lead-assign.ts";
import { leadConvertAction } from "./leads/lead-convert.ts";
import { leadCreateAction } from "./leads/lead-create.ts";
import { leadMineAction } from "./leads/lead-mine.ts";
import { leadScoreAction } from "./leads/lead-score.ts";
import { opportunityMineAction, opportunityUpdateAction } from "./opportunities/opportunity-edit.ts";
import { opportunityAdvanceAction, opportunityLostAction, opportunityWonAction } from "./opportunities/opportunity-stage.ts";
import { ActionRegistry } from "../actions/registry.ts";
import { teamAction } from "./team/team-action.ts";
import { customerActions } from "./customers/customer-actions.ts";
import { dataActions } from "./import-export/data-actions.ts";
import { poolActions } from "./pool/pool-actions.ts";
import { reminderActions } from "./reminders/reminder-actions.ts";
import { agendaAction } from "./agenda/agenda-action.ts";
import { approvalActions } from "./approvals/approval-actions.ts";
import { ticketActions } from "./service/ticket-actions.ts";
import { opportunitySupportAction } from "./opportunities/opportunity-support.ts";
import { followerReplyAction } from "./followers/follower-reply.ts";

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
