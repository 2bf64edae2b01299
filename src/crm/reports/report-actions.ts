// Every report's chat commands, in one list for the registry.
import type { ActionDef } from "../../actions/action.ts";
import { campaignActions } from "./campaign-actions.ts";
import { forecastAction } from "./forecast-action.ts";
import { funnelAction } from "./funnel-chat.ts";
import { customerHealthAction } from "./health-actions.ts";
import { leaderboardAction, performanceAction } from "./performance-actions.ts";
import { satisfactionAction, ticketStatsAction } from "./service-stats-actions.ts";
import { targetAction } from "./target-actions.ts";
import { teamTodoAction } from "./team-todo.ts";
import { weeklyReportAction } from "./weekly-report-action.ts";
import { teamCustomersAction, teamDealsAction, teamLeadsAction } from "./team-views.ts";

export const reportActions: ActionDef[] = [targetAction, performanceAction, leaderboardAction, funnelAction, teamDealsAction, teamCustomersAction, teamLeadsAction, teamTodoAction, weeklyReportAction, forecastAction, customerHealthAction, satisfactionAction, ticketStatsAction, ...campaignActions];
