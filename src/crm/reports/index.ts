// The reports domain's public face: what other domains and the assembly point may use.
export { weeklyReportFanOutJob, weeklyReportJob } from "./weekly-report-jobs.ts";
