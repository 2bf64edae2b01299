// Quote line and quote arithmetic, exactly as issue 14 states it. Each figure is one exact
// rational rounded half up to the fen once (BigInt throughout):
//   line amount (含税) = round(unit price × quantity × discount)
//   line tax           = round(line amount × rate ÷ (1 + rate));  line net = amount − tax
//   list amount        = round(list unit price × quantity)
//   quote total / tax / net / list total = Σ of the lines' rounded figures
//   discount rate      = total ÷ list total (exact; shown to 4 places)
import { fail, isFen, MAX_FEN, ok, type Fen, type MoneyResult } from "./fen.ts";
import { isQuantity, type Hundredths } from "./quantity.ts";
import { divRoundHalfUp, formatScaled } from "./rational.ts";
import { DEFAULT_TAX_RATE, PPM_ONE, TAX_RATES, type Ppm } from "./rates.ts";

export interface LineInput {
  /** Unit price including tax, fen, ≥ 0 (0 for a free item). */
  unitPrice: Fen;
  quantity: Hundredths;
  /** Share the customer pays, ppm in (0, 1_000_000]; default 1 (no discount). */
  discount?: Ppm;
  /** One of TAX_RATES; default 13 %. */
  taxRate?: Ppm;
  /** The catalogue's list unit price including tax; default the unit price (a free item). */
  listUnitPrice?: Fen;
}

export interface LineFigures {
  amount: Fen;
  tax: Fen;
  net: Fen;
  listAmount: Fen;
}

const MAX = BigInt(MAX_FEN);
const PPM = BigInt(PPM_ONE);

/** round(amount × rate ÷ (1 + rate)): the VAT inside a tax-inclusive amount. */
export function taxIncluded(amount: Fen, taxRate: Ppm): Fen {
  return Number(divRoundHalfUp(BigInt(amount) * BigInt(taxRate), PPM + BigInt(taxRate)));
}

/** One line's figures; refused when an input is out of its domain or a figure exceeds MAX_FEN. */
export function computeLine(line: LineInput): MoneyResult<LineFigures> {
  const discount = line.discount ?? PPM_ONE;
  const taxRate = line.taxRate ?? DEFAULT_TAX_RATE;
  const listUnitPrice = line.listUnitPrice ?? line.unitPrice;
  if (!isFen(line.unitPrice) || !isFen(listUnitPrice)) return fail("format");
  if (line.unitPrice < 0 || listUnitPrice < 0) return fail("negative");
  if (!isQuantity(line.quantity)) return fail(line.quantity === 0 ? "zero" : "format");
  if (!Number.isSafeInteger(discount) || discount <= 0 || discount > PPM_ONE) return fail("not_allowed");
  if (!TAX_RATES.includes(taxRate)) return fail("not_allowed");
  // price fen × quantity/100 × discount/10^6
  const amount = divRoundHalfUp(BigInt(line.unitPrice) * BigInt(line.quantity) * BigInt(discount), 100n * PPM);
  const listAmount = divRoundHalfUp(BigInt(listUnitPrice) * BigInt(line.quantity), 100n);
  if (amount > MAX || listAmount > MAX) return fail("too_large");
  const tax = taxIncluded(Number(amount), taxRate);
  return ok({ amount: Number(amount), tax, net: Number(amount) - tax, listAmount: Number(listAmount) });
}

export interface QuoteTotals {
  total: Fen;
  tax: Fen;
  net: Fen;
  listTotal: Fen;
  lines: LineFigures[];
}

/** The quote's totals: sums of the lines' rounded figures (never a re-rounding of the sum). */
export function computeQuote(lines: readonly LineInput[]): MoneyResult<QuoteTotals> {
  const figures: LineFigures[] = [];
  let total = 0n;
  let tax = 0n;
  let listTotal = 0n;
  for (const line of lines) {
    const r = computeLine(line);
    if (!r.ok) return r;
    figures.push(r.value);
    total += BigInt(r.value.amount);
    tax += BigInt(r.value.tax);
    listTotal += BigInt(r.value.listAmount);
  }
  if (total > MAX || listTotal > MAX) return fail("too_large");
  return ok({ total: Number(total), tax: Number(tax), net: Number(total - tax), listTotal: Number(listTotal), lines: figures });
}

/**
 * The quote's discount rate total ÷ list total as a decimal string rounded half up to `places`
 * (default 4): 85000/100000 → "0.8500", 2/3 → "0.6667". null when the list total is 0.
 */
export function discountRateString(total: Fen, listTotal: Fen, places = 4): string | null {
  if (listTotal <= 0) return null;
  const scaled = divRoundHalfUp(BigInt(total) * 10n ** BigInt(places), BigInt(listTotal));
  return formatScaled(scaled, places, places);
}

/** total ÷ list total as ppm rounded half up (for storage or display, not for approval thresholds). */
export function discountRatePpm(total: Fen, listTotal: Fen): Ppm | null {
  if (listTotal <= 0) return null;
  return Number(divRoundHalfUp(BigInt(total) * PPM, BigInt(listTotal)));
}

/**
 * Exact comparison of total ÷ list total with a threshold in ppm: −1 below, 0 equal, 1 above.
 * Approval rules ("below 9折") use this, never a rounded rate: 89999/100000 is below 0.9
 * although it shows as "0.9000". A list total of 0 compares as 1 (no discount to approve).
 */
export function compareDiscountRate(total: Fen, listTotal: Fen, thresholdPpm: Ppm): -1 | 0 | 1 {
  if (listTotal <= 0) return 1;
  const left = BigInt(total) * PPM;
  const right = BigInt(thresholdPpm) * BigInt(listTotal);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** True when the quote's discount rate is strictly below the threshold (e.g. 900000 for 9折). */
export const discountBelow = (total: Fen, listTotal: Fen, thresholdPpm: Ppm): boolean => compareDiscountRate(total, listTotal, thresholdPpm) < 0;
