// Quantities on quote lines: > 0, up to two decimals (2.5 年, 0.75 人天), held exactly as an
// integer number of hundredths: 10 → 1000, 2.5 → 250, 0.01 → 1.
import { fail, ok, type MoneyResult } from "./fen.ts";
import { formatScaled, parseDecimal } from "./rational.ts";

/** A quantity in hundredths of a unit. */
export type Hundredths = number;

/** 999,999,999.99 units: more is a typo, and unit price × quantity stays far inside BigInt anyway. */
export const MAX_QUANTITY: Hundredths = 99_999_999_999;

/** "10", "2.5", "0.75", "１０" → hundredths; 0, negative, 3 decimals, words → refused. */
export function parseQuantity(input: string): MoneyResult<Hundredths> {
  const text = input
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/．/g, ".");
  if (text.startsWith("-")) return fail("negative");
  const d = parseDecimal(text);
  if (!d) return fail("format");
  if (d.scale > 2) return fail("too_precise");
  const h = d.units * 10n ** BigInt(2 - d.scale);
  if (h === 0n) return fail("zero");
  return h > BigInt(MAX_QUANTITY) ? fail("too_large") : ok(Number(h));
}

/** A quantity from a JSON number (the API may send 10 or 2.5): the same rules, read from its shortest decimal form. */
export function quantityFromNumber(value: number): MoneyResult<Hundredths> {
  if (!Number.isFinite(value)) return fail("format");
  if (value < 0) return fail("negative");
  const text = String(value);
  return /e/i.test(text) ? fail(value > 1 ? "too_large" : "too_precise") : parseQuantity(text);
}

/** 1000 → "10", 250 → "2.5", 75 → "0.75". */
export function formatQuantity(h: Hundredths): string {
  return formatScaled(BigInt(h), 2, 0);
}

export function isQuantity(value: unknown): value is Hundredths {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value <= MAX_QUANTITY;
}
