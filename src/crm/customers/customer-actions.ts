// Actions on customers and contacts (查 lives in the search domain).
import type { ActionDef } from "../../actions/action.ts";
import { contactSaveAction } from "./contact-edit.ts";
import { customerCreateAction } from "./customer-create.ts";
import { customerEditAction } from "./customer-edit.ts";
import { customerMineAction } from "./customer-mine.ts";

export const customerActions: ActionDef[] = [customerCreateAction, customerEditAction, customerMineAction, contactSaveAction];
