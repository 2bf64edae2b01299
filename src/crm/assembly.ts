// The assembly point: the one place that knows every domain. It puts together what the
// infrastructure runs — the action registry (commands, model tools, help, API), the kinds of
// scheduled work, the REST routes — and the few domain services the bot's engine calls
// (system events, free-text name lookups, outbox outcomes). Infrastructure imports the CRM
// only from here (docs/architecture.md); domains never import it.
import type { Router } from "express";
import type { ActionDef } from "../actions/action.ts";
import { helpAction } from "../actions/help.ts";
import { ActionRegistry } from "../actions/registry.ts";
import type { ExternalContactApi } from "../channels/wecom/external-contact-api.ts";
import type { ApiDeps } from "../http/api/api-context.ts";
import type { JobKind } from "../scheduler/job-kind.ts";
import { agendaAction, agendaFanOutJob, agendaJob } from "./agenda/index.ts";
import { approvalActions, stageSkipReplies, approvalEscalateJob, approvalRemindJob, registerApprovalSubject } from "./approvals/index.ts";
import { auditTrailAction } from "./audit/index.ts";
import { contractActions, contractApprovalEffect, contractNoticeJob, contractRenewalJob, contractsApiRouter, CONTRACT_SUBJECT } from "./contracts/index.ts";
import { customerActions, customerMergeAction, registerCustomerCardSection } from "./customers/index.ts";
import { ExternalContactEvents, externalContactJobKinds, type ExternalContactEventOptions } from "./external-contacts/index.ts";
import { followUpAction, followUpHistoryAction } from "./follow-ups/index.ts";
import { followerReplyAction } from "./followers/index.ts";
import { invoiceActions, invoicesApiRouter, registerInvoiceApprovals } from "./invoices/index.ts";
import { dataActions, recordsApiRouter } from "./import-export/index.ts";
import { leadAssignAction, leadConvertAction, leadCreateAction, leadMineAction, leadScoreAction, leadSlaEscalationJob, leadSlaJob, leadsApiRouter } from "./leads/index.ts";
import { opportunityMineAction, opportunityUpdateAction, opportunityStageActions, opportunitySupportAction, stallJob } from "./opportunities/index.ts";
import { poolActions, poolSweepJob } from "./pool/index.ts";
import { productAction, productsApiRouter } from "./products/index.ts";
import { dailySweepJob, reminderActions, reminderJob } from "./reminders/index.ts";
import { quoteAction, quoteExpiryJob, quotesApiRouter } from "./quotes/index.ts";
import { moneyCardLines, receivableActions, receivablesApiRouter, receivablesCheckJob } from "./receivables/index.ts";
import { searchAction } from "./search/index.ts";
import { churnRiskFanOutJob, churnRiskJob, forecastSnapshotJob, monthlyReportFanOutJob, monthlyReportJob, teamGroupReportJob, reportActions, reportsApiRouter, weeklyReportFanOutJob, weeklyReportJob } from "./reports/index.ts";
import { ticketActions, ticketSlaBreachJob, ticketSlaRemindJob, ticketsApiRouter } from "./service/index.ts";
import { apiTokenAction, repDeletedInWecom, repLeaveAction, teamAction } from "./team/index.ts";

/** Hooks between domains that cannot import each other: what approvals do to records other
 * domains own (payload.subject), and the money lines of the 360° card. Idempotent. */
function wireDomainHooks(): void {
  registerApprovalSubject(CONTRACT_SUBJECT, contractApprovalEffect);
  registerInvoiceApprovals();
  registerCustomerCardSection("money", moneyCardLines);
}

export function buildRegistry(): ActionRegistry {
  wireDomainHooks();
  const defs: ActionDef[] = [];
  const registry = new ActionRegistry([helpAction(() => defs), leadCreateAction, leadMineAction, leadScoreAction, leadAssignAction, leadConvertAction, followUpAction, followUpHistoryAction,
    opportunityMineAction,
    opportunityUpdateAction,
    ...opportunityStageActions(stageSkipReplies),
    quoteAction,
    opportunitySupportAction,
    followerReplyAction,
    auditTrailAction,
    searchAction,
    ...customerActions,
    ...poolActions,
    repLeaveAction,
    customerMergeAction,
    ...dataActions,
    ...reminderActions,
    agendaAction,
    ...approvalActions,
    ...ticketActions,
    teamAction,
    apiTokenAction,
    productAction,
    ...invoiceActions,
    ...contractActions,
    ...receivableActions,
    ...reportActions,
  ]);
  defs.push(...registry.list());
  return registry;
}

export interface JobDeps {
  /** WeCom 客户联系 APIs for the external-contact jobs (absent without WeCom: those jobs fail and retry). */
  externalContacts?: ExternalContactApi;
}

export function crmJobKinds(deps: JobDeps = {}): JobKind[] {
  wireDomainHooks();
  return [
    reminderJob,
    leadSlaJob,
    leadSlaEscalationJob,
    stallJob,
    agendaFanOutJob,
    agendaJob,
    weeklyReportFanOutJob,
    weeklyReportJob,
    churnRiskFanOutJob,
    churnRiskJob,
    dailySweepJob,
    poolSweepJob(),
    approvalRemindJob,
    approvalEscalateJob,
    ...externalContactJobKinds(deps.externalContacts),
    ticketSlaRemindJob,
    ticketSlaBreachJob,
    quoteExpiryJob,
    contractRenewalJob,
    contractNoticeJob,
    receivablesCheckJob,
    forecastSnapshotJob,
    monthlyReportFanOutJob,
    monthlyReportJob,
    teamGroupReportJob,
  ];
}

/** Every domain's REST routes under /api/v1. */
export function apiRouters(deps: ApiDeps): Router[] {
  return [leadsApiRouter(deps), recordsApiRouter(deps), ticketsApiRouter(deps), productsApiRouter(deps), quotesApiRouter(deps), contractsApiRouter(deps), invoicesApiRouter(deps), receivablesApiRouter(deps), reportsApiRouter(deps)];
}

// What the bot's engine calls in the CRM besides actions and jobs.
export { settleFollowerReply } from "./followers/index.ts";
export { FollowerEvents } from "./followers/index.ts";
export type { ExternalContactEvents, ExternalContactPrepared } from "./external-contacts/index.ts";

/** WeCom's 客户联系 and directory events; a member removed from the directory is handed over by the team domain. */
export function externalContactEvents(o: Omit<ExternalContactEventOptions, "memberRemoved">): ExternalContactEvents {
  return new ExternalContactEvents({ ...o, memberRemoved: repDeletedInWecom });
}
export { recentNames, refCandidates } from "./search/index.ts";
/** Report periods as people say them (本月, 上季度, 2026-11): the free-text reading of reports. */
export { parsePeriod } from "./reports/index.ts";
