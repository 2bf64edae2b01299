// Amounts as reps write them in chat, to exact fen: 500000, 50万, 1.5万, 50w, 2亿, ¥80,000,
// 12.34元, 123456.78, 3千, 3k, 50万元. Decimals are read as exact digits (never floats) and the
// result must land on a whole fen — 1.2345678万 is refused as too precise, not rounded.
import { fail, MAX_FEN, ok, type Fen, type MoneyResult } from "./fen.ts";
import { pow10 } from "./rational.ts";

/** Multipliers of the unit words a rep may put after the number, in yuan. */
const UNIT_YUAN: Record<string, bigint> = {
  "": 1n,
  元: 1n,
  块: 1n,
  k: 1_000n,
  K: 1_000n,
  千: 1_000n,
  千元: 1_000n,
  w: 10_000n,
  W: 10_000n,
  万: 10_000n,
  万元: 10_000n,
  百万: 1_000_000n,
  亿: 100_000_000n,
  亿元: 100_000_000n,
};

/** Full-width digits, point and comma typed on Chinese keyboards become ASCII. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/．/g, ".")
    .replace(/\s+/g, "");
}

export interface ParseAmountOptions {
  /** Accept 0 (a free line's unit price); default false: a payment or contract of 0 is refused. */
  allowZero?: boolean;
}

/**
 * A rep's amount to fen. Accepted: an optional ¥/￥ (or RMB) in front; digits, with thousands
 * commas only in well-formed groups of three (80,000 — never "8,0000"); an optional decimal
 * part; an optional unit (元 块 k 千 w 万 百万 亿, 万元 …). Refused, with the reason:
 * negative (-5万, 负5万), 0 unless allowed, finer than a fen, over MAX_FEN, or anything
 * else (two units, words, "5万5", "1.2.3", a comma group of four digits …) as format.
 */
export function parseAmount(input: string, options: ParseAmountOptions = {}): MoneyResult<Fen> {
  const text = normalise(input);
  if (/^(-|负|－)/.test(text) || /^[¥￥](-|负)/.test(text)) return fail("negative");
  const m = /^(?:[¥￥]|RMB|rmb)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(元|块|k|K|千元|千|w|W|万元|万|百万|亿元|亿)?$/.exec(text);
  if (!m) return fail("format");
  const whole = m[1]!.replaceAll(",", "");
  const frac = m[2] ?? "";
  const unitYuan = UNIT_YUAN[m[3] ?? ""];
  if (unitYuan === undefined) return fail("format");
  if (whole.length > 16) return fail("too_large");
  // value = (whole.frac) × unit yuan × 100 fen, exactly: digits × unit × 100 / 10^decimals
  const numerator = BigInt(whole + frac) * unitYuan * 100n;
  const denominator = pow10(frac.length);
  if (numerator % denominator !== 0n) return fail("too_precise");
  const fen = numerator / denominator;
  if (fen > BigInt(MAX_FEN)) return fail("too_large");
  if (fen === 0n && !options.allowZero) return fail("zero");
  return ok(Number(fen));
}
