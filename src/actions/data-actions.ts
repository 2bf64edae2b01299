// Actions on data in and out (exports).
import type { ActionDef } from "./action.ts";

export const dataActions: ActionDef[] = [];
