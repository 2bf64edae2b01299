// Tax rates, discounts and quantities: exact parsing and formatting.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDiscount,
  formatPercent,
  formatQuantity,
  formatRate,
  parseDiscount,
  parseDiscountDecimal,
  parseQuantity,
  parseTaxRate,
  parseTaxRateDecimal,
  quantityFromNumber,
  type MoneyResult,
} from "../../src/crm/money/index.ts";
import { runs, seed } from "./property-runs.ts";

const value = <T>(r: MoneyResult<T>): T | string => (r.ok ? r.value : `error:${r.error}`);

describe("discounts: the share the customer pays, in ppm", () => {
  it.each([
    ["85折", 850_000],
    ["8.5折", 850_000], // one digit before 折 counts tenths
    ["85%", 850_000],
    ["0.85", 850_000],
    [".85", 850_000],
    ["打85折", 850_000],
    ["八五折", 850_000],
    ["八点五折", 850_000],
    ["9折", 900_000],
    ["九折", 900_000],
    ["九五折", 950_000],
    ["8.75折", 875_000], // 0.875 exactly
    ["87.5折", 875_000], // two digits count hundredths
    ["87.5%", 875_000],
    ["0.875", 875_000],
    ["0.123456", 123_456],
    ["1折", 100_000],
    ["0.5折", 50_000], // one digit: tenths, 0.05
    ["无折扣", 1_000_000],
    ["不打折", 1_000_000],
    ["100%", 1_000_000],
    ["1", 1_000_000],
    ["1.00", 1_000_000],
    ["85 %", 850_000],
    ["85％", 850_000],
  ])("%s → %d", (input, ppm) => {
    expect(value(parseDiscount(input))).toBe(ppm);
  });

  it.each([
    ["85", "ambiguous"], // 85折 or 85 %? say which
    ["80折", "ambiguous"], // write 8折
    ["10折", "ambiguous"],
    ["0.85折", "ambiguous"], // 0.085 as written, 0.85 as probably meant
    ["0", "zero"],
    ["0折", "zero"],
    ["0%", "zero"],
    ["110%", "too_large"], // a surcharge is not a discount
    ["1.1", "ambiguous"],
    ["0.1234567", "too_precise"],
    ["-0.85", "negative"],
    ["100折", "format"],
    ["十折", "format"],
    ["abc", "format"],
    ["", "format"],
  ])("%s is refused (%s)", (input, error) => {
    expect(value(parseDiscount(input))).toBe(`error:${error}`);
  });

  it.each([
    [850_000, "85折"],
    [900_000, "9折"],
    [875_000, "87.5折"],
    [1_000_000, "无折扣"],
    [123_456, "12.3456折"],
    [50_000, "5%"], // under 1折 as a percentage
    [1, "0.0001%"],
  ])("formatDiscount(%d) = %s and reads back", (ppm, text) => {
    expect(formatDiscount(ppm)).toBe(text);
    expect(value(parseDiscount(text))).toBe(ppm);
  });

  it("API decimals: formatRate reads back through parseDiscountDecimal and parseDiscount", () => {
    expect(formatRate(850_000)).toBe("0.85");
    expect(formatRate(875_000)).toBe("0.875");
    expect(formatRate(1_000_000)).toBe("1.00");
    expect(value(parseDiscountDecimal("85折"))).toBe("error:format");
    expect(value(parseDiscountDecimal("1.5"))).toBe("error:too_large");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (ppm) => {
        expect(value(parseDiscountDecimal(formatRate(ppm)))).toBe(ppm);
        expect(value(parseDiscount(formatRate(ppm)))).toBe(ppm);
        expect(value(parseDiscount(formatDiscount(ppm)))).toBe(ppm);
      }),
      { numRuns: runs(3000), seed: seed() },
    );
  });
});

describe("tax rates", () => {
  it.each([
    ["13%", 130_000],
    ["13", 130_000],
    ["0.13", 130_000],
    ["9%", 90_000],
    ["0.06", 60_000],
    ["3", 30_000],
    ["0", 0],
    ["0%", 0],
    ["免税", 0],
  ])("%s → %d", (input, ppm) => {
    expect(value(parseTaxRate(input))).toBe(ppm);
  });

  it.each([
    ["5%", "not_allowed"],
    ["0.17", "not_allowed"],
    ["13.5%", "not_allowed"],
    ["-13%", "negative"],
    ["十三", "format"],
  ])("%s is refused (%s)", (input, error) => {
    expect(value(parseTaxRate(input))).toBe(`error:${error}`);
  });

  it("API decimals are strict", () => {
    expect(value(parseTaxRateDecimal("0.13"))).toBe(130_000);
    expect(value(parseTaxRateDecimal("0"))).toBe(0);
    expect(value(parseTaxRateDecimal("13"))).toBe("error:not_allowed"); // a share, not a percentage
    expect(value(parseTaxRateDecimal("0.05"))).toBe("error:not_allowed");
    expect(formatRate(130_000)).toBe("0.13");
    expect(formatRate(0)).toBe("0.00");
    expect(formatPercent(130_000)).toBe("13%");
    expect(formatPercent(875_000)).toBe("87.5%");
  });
});

describe("quantities in hundredths", () => {
  it.each([
    ["10", 1_000],
    ["2.5", 250],
    ["0.01", 1],
    ["0.75", 75],
    ["１０", 1_000],
    ["999999999.99", 99_999_999_999],
  ])("%s → %d", (input, h) => {
    expect(value(parseQuantity(input))).toBe(h);
  });

  it.each([
    ["0", "zero"],
    ["0.00", "zero"],
    ["-1", "negative"],
    ["1.234", "too_precise"],
    ["1000000000", "too_large"],
    ["十", "format"],
    ["1e3", "format"],
  ])("%s is refused (%s)", (input, error) => {
    expect(value(parseQuantity(input))).toBe(`error:${error}`);
  });

  it("JSON numbers follow the same rules", () => {
    expect(value(quantityFromNumber(10))).toBe(1_000);
    expect(value(quantityFromNumber(2.5))).toBe(250);
    expect(value(quantityFromNumber(0.1 + 0.2))).toBe("error:too_precise"); // 0.30000000000000004
    expect(value(quantityFromNumber(1e-7))).toBe("error:too_precise");
    expect(value(quantityFromNumber(Number.NaN))).toBe("error:format");
    expect(formatQuantity(250)).toBe("2.5");
    expect(formatQuantity(1_000)).toBe("10");
    expect(formatQuantity(75)).toBe("0.75");
  });
});
