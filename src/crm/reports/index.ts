// The reports domain's public face: what other domains and the assembly point may use.
export { weeklyReportFanOutJob, weeklyReportJob } from "./weekly-report-jobs.ts";
export { reportActions } from "./report-actions.ts";
export { forecastSnapshotJob } from "./forecast-job.ts";
export { reportsApiRouter } from "./reports-api.ts";
export { churnRiskFanOutJob, churnRiskJob } from "./churn-risk-jobs.ts";
