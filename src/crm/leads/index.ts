// The leads domain's public face: what other domains and the assembly point may use.
export { archiveIdleLeads } from "./lead-archive.ts";
export { leadAssignAction } from "./lead-assign.ts";
export { OPEN_LEAD_STATUSES, pickAssignee, rankTeams } from "./lead-assignment.ts";
export { leadConvertAction } from "./lead-convert.ts";
export { leadCreateAction, leadCreateParams } from "./lead-create.ts";
export { leadMineAction } from "./lead-mine.ts";
export { leadScoreAction } from "./lead-score.ts";
export { clampScore, gradeOf, sourceScore } from "./lead-scoring.ts";
export { leadSlaEscalationJob, leadSlaJob } from "./lead-sla-jobs.ts";
export { scheduleLeadSla } from "./lead-sla.ts";
export { leadsApiRouter } from "./leads-api.ts";
export { createLead, findLeadInScope, hasContactWay, leadDedupeKey, reassignLead } from "./leads.ts";
