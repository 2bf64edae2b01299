// The reports domain's public face: what other domains and the assembly point may use.
export { weeklyReportFanOutJob, weeklyReportJob } from "./weekly-report-jobs.ts";
export { monthlyReportFanOutJob, monthlyReportJob, teamGroupReportJob } from "./group-report-jobs.ts";
export { reportActions } from "./report-actions.ts";
export { forecastSnapshotJob } from "./forecast-job.ts";
export { reportsApiRouter } from "./reports-api.ts";
export { churnRiskFanOutJob, churnRiskJob } from "./churn-risk-jobs.ts";
// 业绩目标 for the CSV import, and target progress for the weekly report and 今日待办.
export { maySetTarget, setTarget, type TargetOwner } from "./targets.ts";
export { targetProgress, type TargetProgress, type PersonProgress, type Figure } from "./performance.ts";
export type { Period } from "./period.ts";
export { parsePeriod, periodAt } from "./period.ts";
export { monthTargetLine } from "./report-pack.ts";
