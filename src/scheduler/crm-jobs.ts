// Every kind of scheduled work the CRM does, for the scheduler.
import type { JobKind } from "./job-kind.ts";
import { approvalEscalateJob, approvalRemindJob } from "./kinds/approval-chaser-jobs.ts";
import { agendaFanOutJob, agendaJob } from "./kinds/agenda-jobs.ts";
import { dailySweepJob } from "./kinds/daily-sweep-job.ts";
import { leadSlaEscalationJob, leadSlaJob } from "./kinds/lead-sla-jobs.ts";
import { poolSweepJob } from "./kinds/pool-sweep-job.ts";
import { reminderJob } from "./kinds/reminder-job.ts";
import { stallJob } from "./kinds/stall-job.ts";
import { weeklyReportFanOutJob, weeklyReportJob } from "./kinds/weekly-report-jobs.ts";

export function crmJobKinds(): JobKind[] {
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
  ];
}
