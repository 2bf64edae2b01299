// 回款 helpers: even split with the remainder on the last, oldest-first allocation of a
// payment, and the derived instalment status.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FEN, applyPayment, instalmentStatus, isLocalDate, outstanding, splitEvenly, type MoneyResult, type OpenInstalment } from "../../src/crm/money/index.ts";
import { runs, seed } from "./property-runs.ts";

const unwrap = <T>(r: MoneyResult<T>): T => {
  if (!r.ok) throw new Error(`refused: ${r.error}`);
  return r.value;
};

describe("splitEvenly", () => {
  it.each([
    [10_000, 3, [3_333, 3_333, 3_334]], // ¥100.00 in 3: 10,000 = 3 × 3,333 + 1 → the last takes 3,334
    [10_000, 1, [10_000]],
    [10_000, 4, [2_500, 2_500, 2_500, 2_500]],
    [2, 3, [0, 0, 2]], // 2 fen in 3: floor 0, the last takes both
    [100_000_000_001, 2, [50_000_000_000, 50_000_000_001]],
  ])("%d fen in %d → %j", (total, n, parts) => {
    expect(unwrap(splitEvenly(total, n))).toEqual(parts);
  });

  it("refuses a bad count or amount", () => {
    expect(splitEvenly(100, 0)).toEqual({ ok: false, error: "zero" });
    expect(splitEvenly(100, 1.5)).toEqual({ ok: false, error: "format" });
    expect(splitEvenly(100, 121)).toEqual({ ok: false, error: "too_large" });
    expect(splitEvenly(-100, 2)).toEqual({ ok: false, error: "negative" });
  });

  it("Σ instalments = total; all but the last are equal; the last differs by less than the count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.integer({ min: 1, max: 120 }), (total, n) => {
        const parts = unwrap(splitEvenly(total, n));
        expect(parts).toHaveLength(n);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        const first = parts[0]!;
        expect(parts.slice(0, -1).every((p) => p === first)).toBe(true);
        const diff = parts[n - 1]! - first;
        expect(diff >= 0 && diff < n).toBe(true);
      }),
      { numRuns: runs(3000), seed: seed() },
    );
  });
});

describe("applyPayment", () => {
  const plan: OpenInstalment[] = [
    { amount: 3_333, paid: 0, dueDate: "2026-03-01" },
    { amount: 3_333, paid: 0, dueDate: "2026-01-01" },
    { amount: 3_334, paid: 0, dueDate: "2026-02-01" },
  ];

  it("fills the oldest due first, whatever the order given", () => {
    // 5,000: Jan takes 3,333, Feb the remaining 1,667, Mar nothing
    expect(unwrap(applyPayment(plan, 5_000))).toEqual({ allocations: [0, 3_333, 1_667], excess: 0 });
  });

  it("skips settled and voided instalments, starts with what is left on a partial one", () => {
    const partial: OpenInstalment[] = [
      { amount: 1_000, paid: 1_000, dueDate: "2026-01-01" },
      { amount: 1_000, paid: 0, dueDate: "2026-01-15", voided: true },
      { amount: 1_000, paid: 400, dueDate: "2026-02-01" },
      { amount: 1_000, paid: 0, dueDate: "2026-03-01" },
    ];
    // 800: Feb owes 600 → 600, Mar → 200
    expect(unwrap(applyPayment(partial, 800))).toEqual({ allocations: [0, 0, 600, 200], excess: 0 });
  });

  it("returns what no instalment could take; ties keep the caller's order", () => {
    // owed 10,000 in all; 12,000 leaves 2,000
    expect(unwrap(applyPayment(plan, 12_000))).toEqual({ allocations: [3_333, 3_333, 3_334], excess: 2_000 });
    const same: OpenInstalment[] = [
      { amount: 100, paid: 0, dueDate: "2026-01-01" },
      { amount: 100, paid: 0, dueDate: "2026-01-01" },
    ];
    expect(unwrap(applyPayment(same, 150))).toEqual({ allocations: [100, 50], excess: 0 });
    expect(unwrap(applyPayment([], 150))).toEqual({ allocations: [], excess: 150 });
  });

  it("refuses bad input", () => {
    expect(applyPayment(plan, -1)).toEqual({ ok: false, error: "negative" });
    expect(applyPayment([{ amount: 1, paid: 0, dueDate: "2026-02-30" }], 1)).toEqual({ ok: false, error: "format" });
  });

  const instalment: fc.Arbitrary<OpenInstalment> = fc
    .record({
      amount: fc.integer({ min: 0, max: 10_000_000 }),
      paidShare: fc.integer({ min: 0, max: 120 }),
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      voided: fc.boolean(),
    })
    .map(({ amount, paidShare, day, month, voided }) => ({
      amount,
      paid: Math.floor((amount * paidShare) / 100),
      dueDate: `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      voided,
    }));

  it("Σ allocations + excess = payment; nothing exceeds what is owed; a later one gets money only when every earlier one is full", () => {
    fc.assert(
      fc.property(fc.array(instalment, { maxLength: 12 }), fc.integer({ min: 0, max: 50_000_000 }), (list, payment) => {
        const { allocations, excess } = unwrap(applyPayment(list, payment));
        expect(allocations.reduce((s, a) => s + a, 0) + excess).toBe(payment);
        list.forEach((i, k) => expect(allocations[k]!).toBeLessThanOrEqual(outstanding(i)));
        const owed = list.reduce((s, i) => s + outstanding(i), 0);
        expect(excess).toBe(Math.max(0, payment - owed));
        list.forEach((later, b) => {
          if (allocations[b]! === 0) return;
          list.forEach((earlier, a) => {
            const before = earlier.dueDate < later.dueDate || (earlier.dueDate === later.dueDate && a < b);
            if (before) expect(allocations[a]!).toBe(outstanding(earlier));
          });
        });
      }),
      { numRuns: runs(2000), seed: seed() },
    );
  });
});

describe("instalmentStatus", () => {
  const base = { amount: 10_000, dueDate: "2026-12-01" };
  it.each([
    [{ ...base, paid: 0, today: "2026-11-30" }, "待回款"],
    [{ ...base, paid: 0, today: "2026-12-01" }, "待回款"], // due today: not overdue yet
    [{ ...base, paid: 0, today: "2026-12-02" }, "逾期"], // the day after
    [{ ...base, paid: 4_000, today: "2026-11-30" }, "部分回款"],
    [{ ...base, paid: 4_000, today: "2027-01-01" }, "逾期"], // partly paid and past due: 逾期
    [{ ...base, paid: 10_000, today: "2027-01-01" }, "已回款"],
    [{ ...base, paid: 12_000, today: "2026-11-01" }, "已回款"],
    [{ ...base, paid: 0, today: "2027-01-01", voided: true }, "作废"],
    [{ ...base, paid: 10_000, today: "2027-01-01", voided: true }, "作废"],
  ])("%j → %s", (input, status) => {
    expect(instalmentStatus(input)).toBe(status);
  });

  it("throws on a malformed date (a caller bug)", () => {
    expect(() => instalmentStatus({ ...base, paid: 0, today: "2026-12-2" })).toThrow(RangeError);
  });

  it.each([
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2100-02-29", false],
    ["2000-02-29", true],
    ["2026-04-31", false],
    ["2026-12-31", true],
    ["2026-13-01", false],
    ["2026-1-01", false],
  ])("isLocalDate(%s) = %s", (d, v) => {
    expect(isLocalDate(d)).toBe(v);
  });
});
