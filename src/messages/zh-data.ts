// User-facing text for imports, exports and the REST API (zh-CN); merged into `zh`.
export const zhData = {};
