// The receivables (回款) domain's public face: the chat commands, the daily check job and the
// REST routes for the assembly point; money summaries for the customer card, 今日待办, the
// weekly report and 业绩 (receiptsByOwnerSql: the same rule folded into a report's own statement).
import type { ActionDef } from "../../actions/action.ts";
import { paymentConfirmAction, paymentListAction, paymentRecordAction, paymentRejectAction } from "./payment-actions.ts";
import { paymentPlanAction } from "./plan-actions.ts";

export const receivableActions: ActionDef[] = [paymentPlanAction, paymentRecordAction, paymentListAction, paymentConfirmAction, paymentRejectAction];
export { receivablesCheckJob, RECEIVABLES_CHECK_JOB } from "./receivables-job.ts";
export { receivablesApiRouter } from "./receivables-api.ts";
export { customerMoneySummary, instalmentsDueFor, overdueByCustomerSql, receiptsBetween, receiptsByCustomerSql, receiptsByOwner, receiptsByOwnerSql } from "./summaries.ts";
export type { CustomerMoney, DueInstalment } from "./summaries.ts";
export { cashDueByMonth } from "./cash-forecast.ts";
export type { CashByMonth } from "./cash-forecast.ts";
export { moneyCardLines } from "./money-card.ts";
export { zhReceivables } from "./messages.ts";
export type { ImportHeadroom } from "./payment-io.ts";
export { importHeadroom, importRowRefusal, PAYMENT_EXPORT_HEADER, exportedPaymentCode, paymentExportRows, recordImportedPayment } from "./payment-io.ts";
