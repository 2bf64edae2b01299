// The team domain's public face: what other domains and the assembly point may use.
export { apiTokenAction } from "./api-token-action.ts";
export { repDeletedInWecom } from "./rep-departure.ts";
export { repLeaveAction } from "./rep-leave.ts";
export { teamAction } from "./team-action.ts";
