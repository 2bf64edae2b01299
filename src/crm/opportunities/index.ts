// The opportunities domain's public face: what other domains and the assembly point may use.
export { zhRules } from "./messages-rules.ts";
export { findOpportunityInScope, moveStage, requiredThrough } from "./opportunities.ts";
export type { MoveResult } from "./opportunities.ts";
export { opportunityMineAction, opportunityUpdateAction } from "./opportunity-edit.ts";
export { resolveOpportunity } from "./opportunity-ref.ts";
export { explainMove, opportunityStageActions } from "./opportunity-stage.ts";
export { daysInStage, scheduleStallCheck, stallDaysOf } from "./opportunity-stall.ts";
export { opportunitySupportAction } from "./opportunity-support.ts";
export { stallJob } from "./stall-job.ts";
export { zhOpportunities } from "./messages.ts";
export { FORECAST_CATEGORIES, FORECAST_CATEGORY_LABELS, isForecastCategory } from "./forecast-category.ts";
export type { ForecastCategory } from "./forecast-category.ts";
