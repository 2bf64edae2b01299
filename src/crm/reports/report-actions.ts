// Every report's chat commands, in one list for the registry.
import type { ActionDef } from "../../actions/action.ts";
import { leaderboardAction, performanceAction } from "./performance-actions.ts";
import { targetAction } from "./target-actions.ts";

export const reportActions: ActionDef[] = [targetAction, performanceAction, leaderboardAction];
