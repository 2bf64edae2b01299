// The money kernel: exact, pure, DB-free arithmetic for quotes, contracts, 回款 and invoices.
// Amounts are integer fen, rates integer ppm, quantities integer hundredths; every product is
// taken in BigInt and rounded half up once. See docs/decisions.md, "Money arithmetic".
export { MAX_FEN, MONEY_ERROR_TEXT, fenFromBigInt, formatFenZh, formatYuan, isFen, parseYuan, sumFen } from "./fen.ts";
export type { Fen, MoneyError, MoneyResult } from "./fen.ts";
export { parseAmount } from "./parse-amount.ts";
export type { ParseAmountOptions } from "./parse-amount.ts";
export {
  DEFAULT_TAX_RATE,
  PPM_ONE,
  TAX_RATES,
  formatDiscount,
  formatPercent,
  formatRate,
  parseDiscount,
  parseDiscountDecimal,
  parseTaxRate,
  parseTaxRateDecimal,
} from "./rates.ts";
export type { Ppm } from "./rates.ts";
export { MAX_QUANTITY, formatQuantity, isQuantity, parseQuantity, quantityFromNumber } from "./quantity.ts";
export type { Hundredths } from "./quantity.ts";
export { compareDiscountRate, computeLine, computeQuote, discountBelow, discountRatePpm, discountRateString, taxIncluded } from "./lines.ts";
export type { LineFigures, LineInput, QuoteTotals } from "./lines.ts";
export { toDaxie } from "./daxie.ts";
export { MAX_INSTALMENTS, applyPayment, instalmentStatus, isLocalDate, outstanding, splitEvenly } from "./receivables.ts";
export type { InstalmentStatus, OpenInstalment, PaymentAllocation, StatusInput } from "./receivables.ts";
export { divRoundHalfUp } from "./rational.ts";
// Opportunity amounts (yuan, Decimal columns) and approved discounts (a share of list), as before the kernel.
export { formatAmountYuan, parseAmountYuan } from "./amount.ts";
export { formatDiscountShare, parseDiscountShare } from "./discount.ts";
