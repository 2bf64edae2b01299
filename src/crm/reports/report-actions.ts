// Every report's chat commands, in one list for the registry.
import type { ActionDef } from "../../actions/action.ts";
import { campaignActions } from "./campaign-actions.ts";
import { funnelAction } from "./funnel-chat.ts";
import { teamTodoAction } from "./team-todo.ts";
import { teamCustomersAction, teamDealsAction, teamLeadsAction } from "./team-views.ts";

export const reportActions: ActionDef[] = [funnelAction, teamDealsAction, teamCustomersAction, teamLeadsAction, teamTodoAction, ...campaignActions];
