// Every report's chat commands, in one list for the registry.
import type { ActionDef } from "../../actions/action.ts";
import { forecastAction } from "./forecast-action.ts";

export const reportActions: ActionDef[] = [forecastAction];
