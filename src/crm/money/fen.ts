// Money is an integer number of 分 (fen). Every amount the CRM stores or computes fits in
// [-MAX_FEN, MAX_FEN] — ¥9,999,999,999,999.99, the 万亿 range that 人民币大写 covers — which is
// below 2^53, so a fen value is a safe JavaScript integer; products are taken in BigInt.
import { toSafeNumber } from "./rational.ts";

/** An integer number of fen (1 yuan = 100 fen). */
export type Fen = number;

/** ¥9,999,999,999,999.99: the largest amount accepted, computed or written in words. */
export const MAX_FEN = 999_999_999_999_999;

/** Why a money value was refused; `MONEY_ERROR_TEXT` says it to a user in Chinese. */
export type MoneyError =
  | "format" // not a number we read
  | "negative"
  | "zero"
  | "too_large" // beyond MAX_FEN (or another stated limit)
  | "too_precise" // finer than a fen (or than the allowed decimals)
  | "ambiguous" // could mean two things (e.g. 80折, a bare 85 as a discount)
  | "not_allowed"; // a well-formed value outside the allowed set (tax rate 5 %)

export type MoneyResult<T> = { ok: true; value: T } | { ok: false; error: MoneyError };

export const MONEY_ERROR_TEXT: Record<MoneyError, string> = {
  format: "格式不对",
  negative: "不能为负数",
  zero: "不能为 0",
  too_large: "超出上限",
  too_precise: "精度超出（金额最多到分）",
  ambiguous: "有歧义，请写清楚",
  not_allowed: "不在允许范围内",
};

export const ok = <T>(value: T): MoneyResult<T> => ({ ok: true, value });
export const fail = <T>(error: MoneyError): MoneyResult<T> => ({ ok: false, error });

/** A safe integer within ±MAX_FEN. */
export function isFen(value: unknown): value is Fen {
  return typeof value === "number" && Number.isSafeInteger(value) && Math.abs(value) <= MAX_FEN;
}

/** A fen value from a bigint (e.g. a Prisma BigInt column), or null when out of range. */
export function fenFromBigInt(value: bigint): Fen | null {
  const n = toSafeNumber(value);
  return n !== null && isFen(n) ? n : null;
}

/** Σ fen, exact; null if the sum leaves ±MAX_FEN. */
export function sumFen(values: readonly Fen[]): Fen | null {
  let total = 0n;
  for (const v of values) total += BigInt(v);
  return fenFromBigInt(total);
}

/**
 * The API's string of yuan with exactly two decimals: 12345678 → "123456.78", 5 → "0.05",
 * -150 → "-1.50". No grouping, no symbol.
 */
export function formatYuan(fen: Fen): string {
  const negative = fen < 0;
  const abs = String(Math.abs(fen)).padStart(3, "0");
  return `${negative ? "-" : ""}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/**
 * Strict API input: a string of yuan, digits with at most two decimals ("123456.78", "100",
 * "0.5"); no sign, spaces, grouping, exponent or leading zeros ("007"). Zero is accepted —
 * whether 0 is allowed is the caller's rule. Over MAX_FEN → too_large; 3 decimals → too_precise.
 */
export function parseYuan(text: string): MoneyResult<Fen> {
  if (typeof text !== "string") return fail("format");
  if (/^-\d/.test(text)) return fail("negative");
  const m = /^(0|[1-9]\d*)(?:\.(\d+))?$/.exec(text);
  if (!m) return fail("format");
  const frac = m[2] ?? "";
  if (frac.length > 2) return fail("too_precise");
  if (m[1]!.length > 14) return fail("too_large");
  const fen = BigInt(m[1]!) * 100n + BigInt(frac.padEnd(2, "0"));
  return fen > BigInt(MAX_FEN) ? fail("too_large") : ok(Number(fen));
}

const group3 = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * Chinese display, concise and never rounded (display convention):
 * - from ¥10,000 up, a whole number of 百元 is written in 万 with at most two decimals:
 *   ¥500,000 → "50万", ¥123,500 → "12.35万", ¥80,000 → "8万", ¥1,000,000,000 → "100,000万";
 * - anything else is yuan with thousands separators, and decimals only when there are fen:
 *   ¥1,234.56 → "1,234.56 元", ¥123,456.78 → "123,456.78 元", ¥9,999 → "9,999 元",
 *   ¥0.05 → "0.05 元".
 * Negative amounts get a leading "-".
 */
export function formatFenZh(fen: Fen): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const sign = negative ? "-" : "";
  if (abs >= 1_000_000 && abs % 10_000 === 0) {
    const wanHundredths = abs / 10_000; // 万 × 100
    const whole = Math.floor(wanHundredths / 100);
    const frac = String(wanHundredths % 100).padStart(2, "0").replace(/0+$/, "");
    return `${sign}${group3(String(whole))}${frac ? `.${frac}` : ""}万`;
  }
  const yuan = formatYuan(abs);
  const [whole, frac] = yuan.split(".") as [string, string];
  return `${sign}${group3(whole)}${frac === "00" ? "" : `.${frac}`} 元`;
}
