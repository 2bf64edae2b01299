// The money domain's public face: what other domains and the assembly point may use.
export { formatAmountYuan, parseAmountYuan } from "./amount.ts";
export { formatDiscountShare, parseDiscountShare } from "./discount.ts";
