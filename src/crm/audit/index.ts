// The audit domain's public face: what other domains and the assembly point may use.
export { auditTrailAction } from "./audit-trail.ts";
