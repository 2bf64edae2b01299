// Every kind of report picture at 900 px: labels whole (no "…"), values printed, long names,
// 30 progress rows, zeros, a single category, amounts in 万. Samples are written under
// $TMPDIR/wecrm-charts for a look by eye.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderChart, renderChartSvg } from "../../src/render/charts/index.ts";
import type { ChartSpec } from "../../src/render/charts/chart-spec.ts";
import { CHART_SAMPLES } from "../../scripts/bench/chart-samples.ts";

const OUT = path.join(tmpdir(), "wecrm-charts");
const LONG = "上海浦东新区张江高科技园区分公司华东大区"; // 20 characters

const EDGE: Record<string, ChartSpec> = {
  "bar-long-names": { type: "bar", title: "客户成交排行", unit: "万元", horizontal: true, categories: [LONG, "王芳", `${LONG}二部`], series: [{ name: "成交额", values: [12345.67, 0, 980.5] }] },
  "bar-one-category": { type: "bar", title: "本月回款", categories: ["王芳"], series: [{ name: "回款", values: [0] }] },
  "bar-vertical-many": {
    type: "bar",
    title: "各来源线索数",
    unit: "条",
    categories: Array.from({ length: 16 }, (_, i) => `渠道${i + 1}号展会`),
    series: [
      { name: "线索", values: Array.from({ length: 16 }, (_, i) => i * 13) },
      { name: "转化", values: Array.from({ length: 16 }, (_, i) => i * 3) },
    ],
  },
  "funnel-zeros": { type: "funnel", title: "销售漏斗", stages: [{ name: "初步沟通", value: 0 }, { name: "需求确认", value: 0 }, { name: "赢单", value: 0 }] },
  "progress-zero-target": { type: "progress", title: "目标完成", rows: [{ name: LONG.slice(0, 12), actual: 0, target: 0 }, { name: "李雷", actual: 80, target: 50 }] },
  "line-one-month": { type: "line", title: "预测准确度", unit: "%", categories: ["2026-12"], series: [{ name: "误差", values: [-12.5] }] },
};

const labelsOf = (spec: ChartSpec): string[] =>
  spec.type === "bar" || spec.type === "line" ? spec.categories : spec.type === "funnel" ? spec.stages.map((s) => s.name) : spec.rows.map((r) => r.name);

describe("report picture looks", () => {
  mkdirSync(OUT, { recursive: true });
  const all = { ...Object.fromEntries(Object.entries(CHART_SAMPLES).map(([k, v]) => [`sample-${k}`, v])), ...EDGE };
  for (const [name, spec] of Object.entries(all)) {
    it(`${name}: 900 px wide, every label whole, values printed`, () => {
      const svg = renderChartSvg(spec);
      expect(svg).toMatch(/^<svg[^>]* width="900"/);
      expect(svg).not.toContain("…");
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
      for (const label of labelsOf(spec)) expect(texts.some((t) => t.includes(label)), label).toBe(true);
      expect(texts).toContain(spec.title);
      const png = renderChart(spec);
      expect(png.readUInt32BE(16)).toBe(900);
      writeFileSync(path.join(OUT, `${name}.png`), png);
    });
  }

  it("prints amounts with grouped digits and the unit", () => {
    const svg = renderChartSvg(EDGE["bar-long-names"]!);
    expect(svg).toContain("12,345.67万元");
    expect(svg).toContain("0万元");
  });

  it("a ranking of 30 rows grows tall enough to keep every row", () => {
    const png = renderChart(CHART_SAMPLES.progress);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(30 * 36);
  });
});
