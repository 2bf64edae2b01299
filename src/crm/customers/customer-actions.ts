// Actions on customers and contacts, and 查.
import type { ActionDef } from "../../actions/action.ts";
import { contactSaveAction } from "./contact-edit.ts";
import { customerCreateAction } from "./customer-create.ts";
import { customerEditAction } from "./customer-edit.ts";
import { customerMineAction } from "./customer-mine.ts";
import { searchAction } from "../search/search-action.ts";

export const customerActions: ActionDef[] = [searchAction, customerCreateAction, customerEditAction, customerMineAction, contactSaveAction];
