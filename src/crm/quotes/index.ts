// The quotes domain's public face: the 报价 command for the assembly point.
export { quoteAction } from "./quote-actions.ts";
