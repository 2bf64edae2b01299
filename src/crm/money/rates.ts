// Rates (tax rates, discounts, a quote's discount rate threshold) as exact integers in parts
// per million: 13 % = 130000, 85折 = 850000, 8.75折 = 875000. Every decimal a rep can write
// with up to six decimal places is exact; arithmetic with them is done in BigInt.
import { fail, ok, type MoneyResult } from "./fen.ts";
import { formatScaled, parseDecimal, pow10 } from "./rational.ts";

/** An integer number of millionths: 1_000_000 = 1 (100 %). */
export type Ppm = number;
export const PPM_ONE: Ppm = 1_000_000;
const PPM_SCALE = 6;

/** The VAT rates a product or line may carry (13 %, 9 %, 6 %, 3 %, 0 %). */
export const TAX_RATES: readonly Ppm[] = [130_000, 90_000, 60_000, 30_000, 0];
export const DEFAULT_TAX_RATE: Ppm = 130_000;

/** Exact decimal digits × 10^shift as ppm; too_precise past a millionth. */
function decimalToPpm(text: string, shift: number): MoneyResult<Ppm> {
  const d = parseDecimal(text);
  if (!d) return fail("format");
  const exponent = PPM_SCALE + shift - d.scale; // ppm = units × 10^(6 + shift − scale)
  if (exponent >= 0) {
    const v = d.units * pow10(exponent);
    return v > 1_000_000_000n ? fail("too_large") : ok(Number(v));
  }
  const div = pow10(-exponent);
  if (d.units % div !== 0n) return fail("too_precise");
  const v = d.units / div;
  return v > 1_000_000_000n ? fail("too_large") : ok(Number(v));
}

/** A rate as the API writes it: at least two decimals, no trailing zeros past them: 130000 → "0.13", 875000 → "0.875", 1000000 → "1.00", 0 → "0.00". */
export function formatRate(ppm: Ppm): string {
  return formatScaled(BigInt(ppm), PPM_SCALE, 2);
}

/** A rate as a percentage for people: 130000 → "13%", 875000 → "87.5%". */
export function formatPercent(ppm: Ppm): string {
  return `${formatScaled(BigInt(ppm), PPM_SCALE - 2, 0)}%`;
}

/**
 * A tax rate: "13%", "13", "0.13" (also "9%", "0.06", "3", "0", "0%", "免税"). Bare numbers ≥ 1
 * are percentages, below 1 a share. Only TAX_RATES are allowed (5 % → not_allowed).
 */
export function parseTaxRate(input: string): MoneyResult<Ppm> {
  const text = input.trim().replace(/\s+/g, "").replace(/％/g, "%");
  if (text === "免税" || text === "零税率") return ok(0);
  if (text.startsWith("-")) return fail("negative");
  const pct = /^(.+)%$/.exec(text);
  let r: MoneyResult<Ppm>;
  if (pct) r = decimalToPpm(pct[1]!, -2);
  else {
    const d = parseDecimal(text);
    if (!d) return fail("format");
    r = d.units >= pow10(d.scale) ? decimalToPpm(text, -2) : decimalToPpm(text, 0);
  }
  if (!r.ok) return r.error === "too_precise" ? fail("not_allowed") : r;
  return TAX_RATES.includes(r.value) ? r : fail("not_allowed");
}

/** The API's decimal string for a tax rate, strictly: "0.13", "0.06", "0" … one of TAX_RATES. */
export function parseTaxRateDecimal(text: string): MoneyResult<Ppm> {
  const r = decimalToPpm(text, 0);
  if (!r.ok) return r.error === "too_precise" ? fail("not_allowed") : r;
  return TAX_RATES.includes(r.value) ? r : fail("not_allowed");
}

const CN_DIGIT: Record<string, string> = { 一: "1", 二: "2", 两: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 〇: "0", 零: "0", 点: "." };

/**
 * A discount as the share the customer pays, in ppm. All of these mean 0.85:
 * 85折, 8.5折, 打85折, 八五折, 八点五折, 85%, 0.85. Also 9折 / 九折 = 0.9, 8.75折 = 0.875,
 * 87.5% = 0.875; 无折扣 / 不打折 / 原价 / 1 / 100% = 1.
 * Before 折, one digit (with optional decimals) counts tenths — 8.5折 — and two digits count
 * hundredths — 85折, 87.5折. Refused: 0 or below, above 1 (a surcharge is not a discount),
 * a bare number ≥ 1 other than 1 ("85": 85折 or 85 %?), "X0折" (80折 — write 8折), 0.85折, 10折 and
 * more, and anything finer than a millionth.
 */
export function parseDiscount(input: string): MoneyResult<Ppm> {
  let text = input.trim().replace(/\s+/g, "").replace(/％/g, "%").replace(/^打/, "");
  if (["无折扣", "不打折", "无", "原价", "不打"].includes(text)) return ok(PPM_ONE);
  if (text.startsWith("-") || text.startsWith("负")) return fail("negative");
  if (/^[一二两三四五六七八九〇零点]+折$/.test(text)) text = [...text.slice(0, -1)].map((c) => CN_DIGIT[c]).join("") + "折";
  let r: MoneyResult<Ppm>;
  const zhe = /^(\d+)(\.\d+)?折$/.exec(text);
  const pct = /^(.+)%$/.exec(text);
  if (zhe) {
    const whole = zhe[1]!;
    // 0.85折: 0.085 as written, but most likely 0.85 typed with 折 — ask
    if (whole === "0" && (zhe[2]?.length ?? 0) > 2) return fail("ambiguous");
    if (whole.length === 1) r = decimalToPpm(text.slice(0, -1), -1);
    else if (whole.length === 2 && whole[0] !== "0" && !(whole[1] === "0" && !zhe[2])) r = decimalToPpm(text.slice(0, -1), -2);
    else return whole.length === 2 && whole[1] === "0" ? fail("ambiguous") : fail("format");
  } else if (pct) r = decimalToPpm(pct[1]!, -2);
  else {
    const d = parseDecimal(text);
    if (!d) return fail("format");
    if (d.units > pow10(d.scale)) return fail("ambiguous");
    r = decimalToPpm(text, 0);
  }
  if (!r.ok) return r;
  if (r.value === 0) return fail("zero");
  return r.value > PPM_ONE ? fail("too_large") : r;
}

/** A discount for people: 850000 → "85折", 900000 → "9折", 875000 → "87.5折", 50000 → "5%", 1000000 → "无折扣". */
export function formatDiscount(ppm: Ppm): string {
  if (ppm === PPM_ONE) return "无折扣";
  if (ppm % 100_000 === 0) return `${ppm / 100_000}折`;
  // Two digits before the point count hundredths (87.5折); under 1折 (never a real deal, but
  // it must read back unambiguously) the share is written as a percentage: 50000 → "5%".
  return ppm >= 100_000 ? `${formatScaled(BigInt(ppm), PPM_SCALE - 2, 0)}折` : formatPercent(ppm);
}

/**
 * The API's decimal discount, strictly: a share in (0, 1] with up to six decimals ("0.85",
 * "0.875", "1"); no 折 or %.
 */
export function parseDiscountDecimal(text: string): MoneyResult<Ppm> {
  const r = decimalToPpm(text, 0);
  if (!r.ok) return r;
  if (r.value === 0) return fail("zero");
  return r.value > PPM_ONE ? fail("too_large") : r;
}
