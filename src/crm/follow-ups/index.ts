// The follow-ups domain's public face: what other domains and the assembly point may use.
export { followUpAction, followUpHistoryAction, isReply, target } from "./follow-up-actions.ts";
export { recordFollowUp, targetName } from "./follow-ups.ts";
