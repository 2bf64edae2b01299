// Actions on the public pool (公海), releases, leaving reps and merges.
import type { ActionDef } from "./action.ts";

export const poolActions: ActionDef[] = [];
