// The quotes domain's public face: the 报价 command and the REST routes, for the assembly point;
// lookup within scope for the audit trail.
export { quoteAction } from "./quote-actions.ts";
export { quotesApiRouter } from "./quotes-api.ts";
export { quoteExpiryJob } from "./quote-expiry.ts";
export { findQuoteInScope } from "./quotes.ts";
