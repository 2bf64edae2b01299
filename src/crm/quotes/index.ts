// The quotes domain's public face: the 报价 command and the REST routes, for the assembly point.
export { quoteAction } from "./quote-actions.ts";
export { quotesApiRouter } from "./quotes-api.ts";
export { quoteExpiryJob } from "./quote-expiry.ts";
