import { describe, expect, it } from "vitest";
import { renderChart, type ChartSpec } from "../../src/render/charts/index.ts";

describe("report pictures", () => {
  it("draws each kind of chart as a PNG", () => {
    const specs: ChartSpec[] = [
      { type: "bar", title: "成交排行", categories: ["王芳", "李雷"], series: [{ name: "成交额", values: [50, 30] }], unit: "万", horizontal: true },
      { type: "funnel", title: "销售漏斗", stages: [{ name: "初步沟通", value: 10 }, { name: "需求确认", value: 6 }] },
      { type: "progress", title: "目标完成", rows: [{ name: "王芳", actual: 30, target: 50 }] },
      { type: "line", title: "回款预测", categories: ["12月", "1月"], series: [{ name: "计划回款", values: [3, 4] }] },
    ];
    for (const spec of specs) {
      const png = renderChart(spec);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.length).toBeGreaterThan(2000);
    }
  });
});
