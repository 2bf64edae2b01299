// The invoice commands: 开票 (ask for one, or show one) and 发票 (list, show, number, void).
import type { ActionDef } from "../../actions/action.ts";
import { invoiceRequestAction } from "./invoice-request-action.ts";
import { invoiceViewAction } from "./invoice-view-action.ts";

export const invoiceActions: ActionDef[] = [invoiceRequestAction, invoiceViewAction];
