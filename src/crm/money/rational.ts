// Exact rounding of rationals. Every money result is a/b rounded once, at the end, with BigInt
// numerators and denominators, so no intermediate product overflows or rounds early.

/**
 * a / b rounded half up to an integer (half away from zero for negative values, so a
 * refund mirrors the charge). b must not be 0.
 * 1/2 → 1, 3/2 → 2, 5/4 → 1, -1/2 → -1, 7/3 → 2.
 */
export function divRoundHalfUp(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  if (b < 0n) {
    a = -a;
    b = -b;
  }
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return negative ? -q : q;
}

/** 10^k as a bigint. */
export const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** A bigint back to a number when it is a safe integer, else null. */
export function toSafeNumber(n: bigint): number | null {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : null;
}

/**
 * An exact decimal string ("12.345", "0.85", "7") as digits over 10^scale, or null.
 * Only ASCII digits, one optional point, no sign, no exponent, no grouping.
 */
export function parseDecimal(text: string): { units: bigint; scale: number } | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text);
  if (!m) return null;
  const whole = m[1] === "" ? "0" : m[1]!;
  const frac = m[2] ?? "";
  return { units: BigInt(whole + frac), scale: frac.length };
}

/** units / 10^scale as a decimal string with at least minPlaces decimals (trailing zeros trimmed past that). */
export function formatScaled(units: bigint, scale: number, minPlaces: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const digits = abs.toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale);
  while (frac.length > minPlaces && frac.endsWith("0")) frac = frac.slice(0, -1);
  frac = frac.padEnd(minPlaces, "0");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}
