// Every kind of scheduled work the CRM does, for the scheduler.
import type { ExternalContactApi } from "../channels/wecom/external-contact-api.ts";
import type { JobKind } from "../scheduler/job-kind.ts";
import { approvalEscalateJob, approvalRemindJob } from "./approvals/approval-chaser-jobs.ts";
import { agendaFanOutJob, agendaJob } from "./agenda/agenda-jobs.ts";
import { dailySweepJob } from "./reminders/daily-sweep-job.ts";
import { externalContactJobKinds } from "./external-contacts/external-contact-jobs.ts";
import { leadSlaEscalationJob, leadSlaJob } from "./leads/lead-sla-jobs.ts";
import { poolSweepJob } from "./pool/pool-sweep-job.ts";
import { reminderJob } from "./reminders/reminder-job.ts";
import { stallJob } from "./opportunities/stall-job.ts";
import { ticketSlaBreachJob, ticketSlaRemindJob } from "./service/ticket-sla-jobs.ts";
import { weeklyReportFanOutJob, weeklyReportJob } from "./reports/weekly-report-jobs.ts";

export interface JobDeps {
  /** WeCom 客户联系 APIs for the external-contact jobs (absent without WeCom: those jobs fail and retry). */
  externalContacts?: ExternalContactApi;
}

export function crmJobKinds(deps: JobDeps = {}): JobKind[] {
  return [
    reminderJob,
    leadSlaJob,
    leadSlaEscalationJob,
    stallJob,
    agendaFanOutJob,
    agendaJob,
    weeklyReportFanOutJob,
    weeklyReportJob,
    dailySweepJob,
    poolSweepJob(),
    approvalRemindJob,
    approvalEscalateJob,
    ...externalContactJobKinds(deps.externalContacts),
    ticketSlaRemindJob,
    ticketSlaBreachJob,
  ];
}
