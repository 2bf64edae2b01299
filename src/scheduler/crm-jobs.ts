// Every kind of scheduled work the CRM does, for the scheduler.
import type { ExternalContactApi } from "../channels/wecom/external-contact-api.ts";
import type { JobKind } from "./job-kind.ts";
import { approvalEscalateJob, approvalRemindJob } from "./kinds/approval-chaser-jobs.ts";
import { agendaFanOutJob, agendaJob } from "./kinds/agenda-jobs.ts";
import { dailySweepJob } from "./kinds/daily-sweep-job.ts";
import { externalContactJobKinds } from "./kinds/external-contact-jobs.ts";
import { leadSlaEscalationJob, leadSlaJob } from "./kinds/lead-sla-jobs.ts";
import { poolSweepJob } from "./kinds/pool-sweep-job.ts";
import { reminderJob } from "./kinds/reminder-job.ts";
import { stallJob } from "./kinds/stall-job.ts";
import { ticketSlaBreachJob, ticketSlaRemindJob } from "./kinds/ticket-sla-jobs.ts";
import { weeklyReportFanOutJob, weeklyReportJob } from "./kinds/weekly-report-jobs.ts";

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
