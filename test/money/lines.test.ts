// Quote line and quote arithmetic, exactly as issue 14 states it: worked examples (each
// expected value computed by hand in its comment) and properties against a BigInt reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_FEN,
  TAX_RATES,
  compareDiscountRate,
  computeLine,
  computeQuote,
  discountBelow,
  discountRatePpm,
  discountRateString,
  divRoundHalfUp,
  type LineInput,
  type MoneyResult,
} from "../../src/crm/money/index.ts";
import { runs, seed } from "./property-runs.ts";

const unwrap = <T>(r: MoneyResult<T>): T => {
  if (!r.ok) throw new Error(`refused: ${r.error}`);
  return r.value;
};

/** Reference rounding, written differently from the kernel: quotient and remainder. */
function refRound(a: bigint, b: bigint): bigint {
  const q = a / b; // truncates toward zero
  const r = a % b;
  if (a >= 0n) return 2n * r >= b ? q + 1n : q;
  return 2n * -r >= b ? q - 1n : q;
}

describe("divRoundHalfUp", () => {
  it.each([
    [1n, 2n, 1n], // 0.5 → 1
    [3n, 2n, 2n], // 1.5 → 2
    [5n, 2n, 3n], // 2.5 → 3 (half up, not banker's 2)
    [5n, 4n, 1n], // 1.25 → 1
    [7n, 4n, 2n], // 1.75 → 2
    [-1n, 2n, -1n], // −0.5 → −1 (mirrors 0.5)
    [-5n, 4n, -1n],
    [1n, -2n, -1n],
    [0n, 7n, 0n],
  ])("%d / %d → %d", (a, b, q) => {
    expect(divRoundHalfUp(a, b)).toBe(q);
  });

  it("matches the reference on any bigints, and the result is within half of a/b", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (a, b) => {
        const q = divRoundHalfUp(a, b);
        expect(q).toBe(refRound(a, b));
        const twiceError = 2n * (q * b - a); // 2·(q − a/b)·b
        expect(twiceError <= b && twiceError >= -b).toBe(true);
      }),
      { numRuns: runs(5000), seed: seed() },
    );
  });
});

describe("a quote line", () => {
  it("CRM标准版 ¥10,000 × 10 套 at 85折, 13 %", () => {
    // amount = 1,000,000 fen × 10 × 0.85 = 8,500,000 fen (¥85,000.00)
    // tax = 8,500,000 × 0.13 / 1.13 = 8,500,000 × 13 / 113 = 977,876.106… → 977,876 (¥9,778.76)
    // net = 8,500,000 − 977,876 = 7,522,124; list = 1,000,000 × 10 = 10,000,000
    const line = unwrap(computeLine({ unitPrice: 1_000_000, quantity: 1_000, discount: 850_000, taxRate: 130_000 }));
    expect(line).toEqual({ amount: 8_500_000, tax: 977_876, net: 7_522_124, listAmount: 10_000_000 });
  });

  it("¥99.99 × 3 at 8.75折, 6 %", () => {
    // amount = 9,999 × 3 × 0.875 = 29,997 × 0.875 = 26,247.375 → 26,247
    // tax = 26,247 × 6 / 106 = 157,482 / 106 = 1,485.679… → 1,486; net = 24,761
    // list = 9,999 × 3 = 29,997
    const line = unwrap(computeLine({ unitPrice: 9_999, quantity: 300, discount: 875_000, taxRate: 60_000 }));
    expect(line).toEqual({ amount: 26_247, tax: 1_486, net: 24_761, listAmount: 29_997 });
  });

  it("half a fen rounds up, once, at the end", () => {
    // 1 fen × 0.5 = 0.5 → 1 (amount and list); tax = 1 × 13/113 = 0.115 → 0; net = 1
    expect(unwrap(computeLine({ unitPrice: 1, quantity: 50 }))).toEqual({ amount: 1, tax: 0, net: 1, listAmount: 1 });
    // 1 fen × 1.5 × 0.9 = 1.35 → 1 (not round(1.5)=2 then × 0.9 = 1.8 → 2)
    expect(unwrap(computeLine({ unitPrice: 1, quantity: 150, discount: 900_000 })).amount).toBe(1);
    // ¥0.15 × 0.1 × 0.1 = 0.15 fen → 0; ¥0.15 × 0.5 × 0.7 = 5.25 → 5; × 0.5 × 0.5 = 3.75 → 4
    expect(unwrap(computeLine({ unitPrice: 15, quantity: 10, discount: 100_000 })).amount).toBe(0);
    expect(unwrap(computeLine({ unitPrice: 15, quantity: 50, discount: 700_000 })).amount).toBe(5);
    expect(unwrap(computeLine({ unitPrice: 15, quantity: 50, discount: 500_000 })).amount).toBe(4);
  });

  it("defaults: no discount, 13 %, list price = unit price; 0 % tax has no tax", () => {
    // ¥113 × 1: tax = 11,300 × 13/113 = 1,300 exactly; net 10,000
    expect(unwrap(computeLine({ unitPrice: 11_300, quantity: 100 }))).toEqual({ amount: 11_300, tax: 1_300, net: 10_000, listAmount: 11_300 });
    expect(unwrap(computeLine({ unitPrice: 11_300, quantity: 100, taxRate: 0 })).tax).toBe(0);
    // ¥103 at 3 %: tax = 10,300 × 3/103 = 300; ¥109 at 9 %: 10,900 × 9/109 = 900
    expect(unwrap(computeLine({ unitPrice: 10_300, quantity: 100, taxRate: 30_000 })).tax).toBe(300);
    expect(unwrap(computeLine({ unitPrice: 10_900, quantity: 100, taxRate: 90_000 })).tax).toBe(900);
  });

  it("a price above the list price (list total is the catalogue's)", () => {
    // amount = 12,000 × 2 = 24,000; list = 10,000 × 2 = 20,000
    expect(unwrap(computeLine({ unitPrice: 12_000, quantity: 200, listUnitPrice: 10_000 })).listAmount).toBe(20_000);
  });

  it("large figures stay exact where floats would not", () => {
    // ¥99,999,999.99 × 99,999.99: 9,999,999,999 fen × 99,999.99 = 999,999,899,900,000.01 → 999,999,899,900,000
    // (the float product 9,999,999,999 × 9,999,999 hundredths is past 2^53)
    // tax = 999,999,899,900,000 × 13/113 = 115,044,236,271,681.4… → 115,044,236,271,681
    const line = unwrap(computeLine({ unitPrice: 9_999_999_999, quantity: 9_999_999 }));
    expect(line.amount).toBe(999_999_899_900_000);
    expect(line.tax).toBe(115_044_236_271_681);
    expect(line.net).toBe(884_955_663_628_319);
  });

  it.each<[string, LineInput, string]>([
    ["amount over the limit", { unitPrice: MAX_FEN, quantity: 200 }, "too_large"],
    ["quantity 0", { unitPrice: 100, quantity: 0 }, "zero"],
    ["fractional quantity hundredths", { unitPrice: 100, quantity: 1.5 }, "format"],
    ["negative price", { unitPrice: -1, quantity: 100 }, "negative"],
    ["fractional fen", { unitPrice: 1.5, quantity: 100 }, "format"],
    ["discount above 1", { unitPrice: 100, quantity: 100, discount: 1_000_001 }, "not_allowed"],
    ["discount 0", { unitPrice: 100, quantity: 100, discount: 0 }, "not_allowed"],
    ["tax rate 5 %", { unitPrice: 100, quantity: 100, taxRate: 50_000 }, "not_allowed"],
  ])("refused: %s", (_, input, error) => {
    expect(computeLine(input)).toEqual({ ok: false, error });
  });
});

describe("a quote", () => {
  const lines: LineInput[] = [
    { unitPrice: 1_000_000, quantity: 1_000, discount: 850_000, taxRate: 130_000 },
    { unitPrice: 9_999, quantity: 300, discount: 875_000, taxRate: 60_000 },
  ];

  it("totals are the sums of the lines; the discount rate is total ÷ list total", () => {
    // total = 8,500,000 + 26,247 = 8,526,247; tax = 977,876 + 1,486 = 979,362
    // net = 7,522,124 + 24,761 = 7,546,885; list = 10,000,000 + 29,997 = 10,029,997
    // rate = 8,526,247 / 10,029,997 = 0.850074730… → "0.8501", 850,075 ppm
    const q = unwrap(computeQuote(lines));
    expect([q.total, q.tax, q.net, q.listTotal]).toEqual([8_526_247, 979_362, 7_546_885, 10_029_997]);
    expect(discountRateString(q.total, q.listTotal)).toBe("0.8501");
    expect(discountRatePpm(q.total, q.listTotal)).toBe(850_075);
    expect(discountBelow(q.total, q.listTotal, 900_000)).toBe(true); // below 9折: director
    expect(discountBelow(q.total, q.listTotal, 800_000)).toBe(false); // not below 8折: no VP
  });

  it("threshold comparisons are exact, not on the rounded rate", () => {
    // 89,999 / 100,000 = 0.89999 shows as "0.9000" but is below 0.9
    expect(discountRateString(89_999, 100_000)).toBe("0.9000");
    expect(compareDiscountRate(89_999, 100_000, 900_000)).toBe(-1);
    expect(compareDiscountRate(90_000, 100_000, 900_000)).toBe(0);
    expect(discountBelow(90_000, 100_000, 900_000)).toBe(false); // exactly 9折 is not below 9折
    // 2/3 → 0.66666… → "0.6667"; 1/8 → "0.1250"; half at the 5th place: 12,345 / 100,000 … 0.12345 → "0.1235"
    expect(discountRateString(2, 3)).toBe("0.6667");
    expect(discountRateString(1, 8)).toBe("0.1250");
    expect(discountRateString(12_345, 100_000)).toBe("0.1235");
    expect(discountRateString(120, 100)).toBe("1.2000"); // above list
    expect(discountRateString(0, 0)).toBeNull();
  });

  it("an empty quote is all zeros; a line refused refuses the quote", () => {
    expect(unwrap(computeQuote([]))).toEqual({ total: 0, tax: 0, net: 0, listTotal: 0, lines: [] });
    expect(computeQuote([...lines, { unitPrice: 1, quantity: 0 }])).toEqual({ ok: false, error: "zero" });
    expect(computeQuote([{ unitPrice: 500_000_000_000_000, quantity: 100 }, { unitPrice: 500_000_000_000_000, quantity: 100 }])).toEqual({ ok: false, error: "too_large" });
  });
});

const lineArb: fc.Arbitrary<LineInput> = fc.record({
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
  quantity: fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 10_000_000 })),
  discount: fc.integer({ min: 1, max: 1_000_000 }),
  taxRate: fc.constantFrom(...TAX_RATES),
  listUnitPrice: fc.integer({ min: 0, max: 10_000_000_000 }),
});

describe("line and quote properties", () => {
  it("amount = round(price × qty × discount), tax = round(amount × r/(1+r)), amount = tax + net, 0 ≤ tax ≤ amount", () => {
    fc.assert(
      fc.property(lineArb, (input) => {
        const r = computeLine(input);
        const exact = BigInt(input.unitPrice) * BigInt(input.quantity) * BigInt(input.discount!);
        const amount = refRound(exact, 100_000_000n);
        if (amount > BigInt(MAX_FEN)) {
          expect(r).toEqual({ ok: false, error: "too_large" });
          return;
        }
        const line = unwrap(r);
        expect(BigInt(line.amount)).toBe(amount);
        expect(BigInt(line.tax)).toBe(refRound(amount * BigInt(input.taxRate!), 1_000_000n + BigInt(input.taxRate!)));
        expect(line.tax + line.net).toBe(line.amount);
        expect(line.tax).toBeGreaterThanOrEqual(0);
        expect(line.tax).toBeLessThanOrEqual(line.amount);
        // the tax share never exceeds rate/(1+rate) by more than the half fen of rounding
        expect(2n * BigInt(line.tax) * (1_000_000n + BigInt(input.taxRate!)) <= 2n * amount * BigInt(input.taxRate!) + 1_000_000n + BigInt(input.taxRate!)).toBe(true);
        expect(BigInt(line.listAmount)).toBe(refRound(BigInt(input.listUnitPrice!) * BigInt(input.quantity), 100n));
      }),
      { numRuns: runs(5000), seed: seed() },
    );
  });

  it("quote figures are the sums of the line figures and the rate comparison agrees with the rational", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), fc.integer({ min: 1, max: 1_000_000 }), (inputs, threshold) => {
        const r = computeQuote(inputs);
        if (!r.ok) {
          expect(r.error).toBe("too_large");
          return;
        }
        const q = r.value;
        const sum = (k: "amount" | "tax" | "net" | "listAmount"): number => q.lines.reduce((s, l) => s + l[k], 0);
        expect([q.total, q.tax, q.net, q.listTotal]).toEqual([sum("amount"), sum("tax"), sum("net"), sum("listAmount")]);
        expect(q.total).toBe(q.tax + q.net);
        if (q.listTotal > 0) {
          const c = compareDiscountRate(q.total, q.listTotal, threshold);
          const diff = BigInt(q.total) * 1_000_000n - BigInt(threshold) * BigInt(q.listTotal);
          expect(c).toBe(diff < 0n ? -1 : diff > 0n ? 1 : 0);
        }
      }),
      { numRuns: runs(2000), seed: seed() },
    );
  });
});
