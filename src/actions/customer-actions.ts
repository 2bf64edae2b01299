// Actions on customers and contacts, and 查.
import type { ActionDef } from "./action.ts";

export const customerActions: ActionDef[] = [];
