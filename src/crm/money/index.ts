// The money domain's public face: what other domains and the assembly point may use.
export { formatAmount, parseAmount } from "./amount.ts";
export { formatDiscount, parseDiscount } from "./discount.ts";
