// User-facing text for the public pool (公海), releases, leaving reps, archiving, merges (zh-CN); merged into `zh`.
export const zhPool = {};
