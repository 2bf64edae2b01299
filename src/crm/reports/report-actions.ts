// Every report's chat commands, in one list for the registry.
import type { ActionDef } from "../../actions/action.ts";
import { customerHealthAction } from "./health-actions.ts";
import { satisfactionAction, ticketStatsAction } from "./service-stats-actions.ts";

export const reportActions: ActionDef[] = [customerHealthAction, satisfactionAction, ticketStatsAction];
