// Every report's chat commands, in one list for the registry.
import type { ActionDef } from "../../actions/action.ts";
import { funnelAction } from "./funnel-chat.ts";

export const reportActions: ActionDef[] = [funnelAction];
