import { describe, expect, it } from "vitest";
import { parsePeriod, periodAt, periodFromQuery } from "../../src/crm/reports/period.ts";

const TZ = "Asia/Shanghai";
const now = new Date("2026-12-02T03:00:00Z"); // 2026-12-02 11:00 local

describe("report periods", () => {
  it("reads months, quarters and years as people say them", () => {
    expect(parsePeriod("本月", now, TZ)?.key).toBe("2026-12");
    expect(parsePeriod("上个月", now, TZ)?.key).toBe("2026-11");
    expect(parsePeriod("下月", now, TZ)?.key).toBe("2027-01");
    expect(parsePeriod("2026-11", now, TZ)?.key).toBe("2026-11");
    expect(parsePeriod("2025年3月", now, TZ)?.key).toBe("2025-03");
    expect(parsePeriod("3月", now, TZ)?.key).toBe("2026-03");
    expect(parsePeriod("本季", now, TZ)?.months).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(parsePeriod("上季度", now, TZ)?.key).toBe("2026-Q3");
    expect(parsePeriod("2027-Q1", now, TZ)?.label).toBe("2027年第1季度");
    expect(parsePeriod("第二季度", now, TZ)?.key).toBe("2026-Q2");
    expect(parsePeriod("今年", now, TZ)?.months).toHaveLength(12);
    expect(parsePeriod("2025", now, TZ)?.key).toBe("2025");
    for (const bad of ["", "13月", "2026-13", "明天", "王芳"]) expect(parsePeriod(bad, now, TZ)).toBeNull();
  });

  it("bounds periods at local midnight, the end exclusive", () => {
    const m = parsePeriod("2026-02", now, TZ)!;
    expect(m.from.toISOString()).toBe("2026-01-31T16:00:00.000Z");
    expect(m.to.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect([m.firstDay, m.lastDay]).toEqual(["2026-02-01", "2026-02-28"]);
    const q = periodAt("quarter", now, TZ, 1);
    expect([q.key, q.firstDay, q.lastDay]).toEqual(["2027-Q1", "2027-01-01", "2027-03-31"]);
    expect(periodAt("month", new Date("2026-01-15T00:00:00Z"), TZ, -1).key).toBe("2025-12");
  });

  it("takes REST values strictly, the current month when absent", () => {
    expect(periodFromQuery(undefined, now, TZ)?.key).toBe("2026-12");
    expect(periodFromQuery("2026-Q4", now, TZ)?.key).toBe("2026-Q4");
    expect(periodFromQuery("本月", now, TZ)).toBeNull();
    expect(periodFromQuery("2026-1", now, TZ)).toBeNull();
  });
});
