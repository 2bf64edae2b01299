// Fen parsing and formatting: rep input, the API's strict yuan strings, display.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FEN, formatFenZh, formatYuan, parseAmount, parseYuan, sumFen, type MoneyResult } from "../../src/crm/money/index.ts";
import { runs, seed } from "./property-runs.ts";

const value = <T>(r: MoneyResult<T>): T | string => (r.ok ? r.value : `error:${r.error}`);

describe("parseAmount (as reps write amounts)", () => {
  it.each([
    ["500000", 50_000_000], // 500,000 yuan × 100
    ["50万", 50_000_000], // 50 × 10,000 yuan × 100
    ["1.5万", 1_500_000], // 15,000 yuan
    ["50w", 50_000_000],
    ["50W", 50_000_000],
    ["50万元", 50_000_000],
    ["2亿", 20_000_000_000], // 200,000,000 yuan × 100
    ["¥80,000", 8_000_000],
    ["￥1,234,567.89", 123_456_789],
    ["12.34元", 1_234],
    ["123456.78", 12_345_678],
    ["1千", 100_000],
    ["3k", 300_000],
    ["3.5k", 350_000],
    ["1.234567万", 1_234_567], // 12,345.67 yuan: exactly a fen
    ["0.05", 5],
    ["５０万", 50_000_000], // full-width digits
    [" 50 万 ", 50_000_000],
    ["9999999999999.99", MAX_FEN],
    ["99999.9999999999亿", MAX_FEN], // 9,999,999,999,999.99 yuan
  ])("%s → %d fen", (input, fen) => {
    expect(value(parseAmount(input))).toBe(fen);
  });

  it.each([
    ["-5", "negative"],
    ["负5万", "negative"],
    ["¥-5", "negative"],
    ["0", "zero"],
    ["0.00万", "zero"],
    ["1.234", "too_precise"], // a tenth of a fen
    ["1.2345678万", "too_precise"], // 12,345.678 yuan
    ["10000000000000", "too_large"], // ¥10 万亿
    ["100000亿", "too_large"],
    ["8,0000", "format"], // a comma group of four: 80,000 or 8,000.0?
    ["80,00", "format"],
    ["5万5", "format"], // colloquial 55,000 — not read, ask instead
    ["五十万", "format"],
    ["1.2.3", "format"],
    ["50万亿", "format"],
    ["", "format"],
    ["abc", "format"],
    ["1e5", "format"],
    ["Infinity", "format"],
  ])("%s is refused (%s)", (input, error) => {
    expect(value(parseAmount(input))).toBe(`error:${error}`);
  });

  it("allows 0 when asked (a free line's price)", () => {
    expect(value(parseAmount("0", { allowZero: true }))).toBe(0);
  });
});

describe("API yuan strings", () => {
  it.each([
    [12_345_678, "123456.78"],
    [5, "0.05"],
    [50, "0.50"],
    [0, "0.00"],
    [100, "1.00"],
    [-150, "-1.50"],
    [MAX_FEN, "9999999999999.99"],
  ])("formatYuan(%d) = %s", (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it.each([
    ["123456.78", 12_345_678],
    ["100", 10_000],
    ["0.5", 50],
    ["0", 0],
    ["0.00", 0],
    ["9999999999999.99", MAX_FEN],
  ])("parseYuan(%s) = %d", (text, fen) => {
    expect(value(parseYuan(text))).toBe(fen);
  });

  it.each([
    ["1.234", "too_precise"],
    ["-1.00", "negative"],
    ["10000000000000.00", "too_large"],
    ["007", "format"],
    ["1,000.00", "format"],
    [" 1.00", "format"],
    ["1.", "format"],
    [".5", "format"],
    ["+1", "format"],
    ["1e3", "format"],
    ["50万", "format"],
  ])("parseYuan(%s) refused (%s)", (text, error) => {
    expect(value(parseYuan(text))).toBe(`error:${error}`);
  });

  it("parseYuan(formatYuan(x)) = x and parseAmount reads the same string to the same fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(value(parseYuan(formatYuan(fen)))).toBe(fen);
        if (fen > 0) expect(value(parseAmount(formatYuan(fen)))).toBe(fen);
      }),
      { numRuns: runs(3000), seed: seed() },
    );
  });
});

describe("Chinese display", () => {
  it.each([
    [12_345_678, "123,456.78 元"], // not a whole 百元: exact yuan
    [12_350_000, "12.35万"], // 123,500 yuan
    [50_000_000, "50万"],
    [8_000_000, "8万"],
    [1_000_000, "1万"],
    [123_450, "1,234.50 元"],
    [999_900, "9,999 元"], // under 1万 stays in yuan
    [5, "0.05 元"],
    [0, "0 元"],
    [-50_000_000, "-50万"],
  ])("formatFenZh(%d) = %s", (fen, text) => {
    expect(formatFenZh(fen)).toBe(text);
  });

  it("never rounds: the display reads back to the same fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => {
        const shown = formatFenZh(fen).replace(/ 元$/, "元");
        expect(value(parseAmount(shown))).toBe(fen);
      }),
      { numRuns: runs(3000), seed: seed() },
    );
  });
});

describe("sumFen", () => {
  it("sums exactly and refuses to leave the range", () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([MAX_FEN, 1])).toBeNull();
    expect(sumFen([MAX_FEN, 1, -1])).toBe(MAX_FEN);
  });
});
