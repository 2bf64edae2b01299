// The pool domain's public face: what other domains and the assembly point may use.
export { zhPool } from "./messages.ts";
export { poolActions } from "./pool-actions.ts";
export { poolSweepJob } from "./pool-sweep-job.ts";
export { POOL_REASON, groupBy, moveToPool } from "./pool.ts";
