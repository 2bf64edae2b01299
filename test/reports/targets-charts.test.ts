// The 业绩 and 排行 pictures stay within what a chart may hold, whatever the figures.
import { describe, expect, it } from "vitest";
import type { User } from "../../src/auth/users.ts";
import { progressChart, rankChart } from "../../src/crm/reports/performance-charts.ts";
import type { PersonProgress, TargetProgress } from "../../src/crm/reports/performance.ts";
import { monthPeriod } from "../../src/crm/reports/period.ts";
import { renderChart } from "../../src/render/charts/index.ts";
import { MAX_FEN } from "../../src/crm/money/index.ts";

const user = (i: number) => ({ id: `u${i}`, wecomUserId: `rep_${i}`, name: i % 2 ? `一个名字非常非常非常非常非常非常长的销售${i}` : null }) as User;
const big = MAX_FEN;

describe("report pictures of 业绩 and 排行", () => {
  it("huge amounts, long names and many people still draw", () => {
    const rows: PersonProgress[] = Array.from({ length: 20 }, (_, i) => ({
      user: user(i),
      actuals: { wonFen: big, wonCount: 1, receiptsFen: 1, newCustomers: 0, followUps: 0 },
      won: { actualFen: big, targetFen: big - 1, percent: 100 },
      receipts: { actualFen: 1, targetFen: null, percent: null },
    }));
    const p: TargetProgress = { period: monthPeriod(2026, 11, "Asia/Shanghai"), rows, total: { actuals: rows[0]!.actuals, won: rows[0]!.won, receipts: rows[0]!.receipts }, teamId: null };
    const spec = progressChart(p);
    expect(spec.type === "progress" && spec.rows.length).toBe(30);
    expect(spec.type === "progress" && spec.rows[0]!.valueLabel).toBe("9,999,999,999,999.99 元 100%");
    expect(renderChart(spec).subarray(1, 4).toString()).toBe("PNG");
    const ranked = rankChart(Array.from({ length: 50 }, (_, i) => ({ rank: i + 1, user: user(i), value: big })), "won", "2026年11月");
    expect(ranked.type === "bar" && ranked.categories.length).toBe(40);
    expect(renderChart(ranked).subarray(1, 4).toString()).toBe("PNG");
  });
});
