// A ChartSpec as an ECharts option: one look for every report picture (white background,
// the CJK font, values printed on the bars so the picture carries the figures).
import type { ChartSpec } from "./chart-spec.ts";

export const CHART_FONT_FAMILY = "Noto Sans SC";
const PALETTE = ["#2f6fed", "#19a974", "#f59e0b", "#8b5cf6"];

type Option = Record<string, unknown>;

const heading = (spec: ChartSpec): Option => ({
  text: spec.title,
  subtext: spec.subtitle ?? "",
  left: "center",
  top: 12,
  textStyle: { fontSize: 22, fontWeight: "bold", color: "#111" },
  subtextStyle: { fontSize: 14, color: "#555" },
});

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
/** A value as printed on the picture: grouped digits (1,250.5) and the unit. */
const withUnit = (spec: ChartSpec, v: number) => `${NUMBER.format(v)}${spec.unit ?? ""}`;

/** Where the title block ends, and where a legend and the plot start below it. */
const headerBottom = (spec: ChartSpec) => (spec.subtitle ? 74 : 52);
const legendAt = (spec: ChartSpec): Option => ({ top: headerBottom(spec) + 4, textStyle: { fontSize: 13 } });
const plotTop = (spec: ChartSpec, legend: boolean) => headerBottom(spec) + (legend ? 48 : 24);

function barOption(spec: Extract<ChartSpec, { type: "bar" }>): Option {
  const valueAxis = { type: "value", axisLabel: { fontSize: 12 }, name: spec.unit ?? "", splitLine: { lineStyle: { color: "#eee" } } };
  const categoryAxis = { type: "category", data: spec.categories, axisLabel: { fontSize: 13, interval: 0, rotate: !spec.horizontal && spec.categories.length > 8 ? 40 : 0 },
    inverse: spec.horizontal === true,
  };
  return {
    legend: spec.series.length > 1 ? legendAt(spec) : undefined,
    grid: { left: 24, right: spec.horizontal ? 90 : 40, top: plotTop(spec, spec.series.length > 1), bottom: 32, containLabel: true },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      type: "bar",
      name: s.name,
      data: s.values,
      barMaxWidth: 48,
      label: {
        show: true,
        position: spec.horizontal ? "right" : "top",
        fontSize: 12,
        formatter: (p: { dataIndex: number; value: number }) => s.valueLabels?.[p.dataIndex] ?? withUnit(spec, p.value),
      },
    })),
  };
}

function funnelOption(spec: Extract<ChartSpec, { type: "funnel" }>): Option {
  const max = Math.max(1, ...spec.stages.map((s) => s.value));
  return {
    series: [
      {
        type: "funnel",
        sort: "none",
        left: 40,
        width: 520,
        top: plotTop(spec, false),
        bottom: 24,
        min: 0,
        max,
        // Wide enough for the label of an empty stage (white text outside a segment vanishes).
        minSize: "40%",
        gap: 2,
        data: spec.stages.map((s) => ({ name: s.name, value: s.value })),
        label: {
          show: true,
          // Beside the funnel, not inside: the narrow stages would cut the label.
          position: "right",
          fontSize: 14,
          color: "#222",
          formatter: (p: { dataIndex: number; name: string; value: number }) => `${p.name}  ${spec.stages[p.dataIndex]?.valueLabel ?? withUnit(spec, p.value)}`,
        },
        labelLine: { show: true, length: 16, lineStyle: { color: "#999" } },
      },
    ],
  };
}

function progressOption(spec: Extract<ChartSpec, { type: "progress" }>): Option {
  const names = spec.rows.map((r) => r.name);
  return {
    legend: legendAt(spec),
    grid: { left: 24, right: 90, top: plotTop(spec, true), bottom: 32, containLabel: true },
    xAxis: { type: "value", name: spec.unit ?? "", splitLine: { lineStyle: { color: "#eee" } } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { fontSize: 13 } },
    series: [
      { type: "bar", name: "目标", data: spec.rows.map((r) => r.target), barGap: "-100%", barMaxWidth: 28, itemStyle: { color: "#dde3ee" }, label: { show: false } },
      {
        type: "bar",
        name: "完成",
        data: spec.rows.map((r) => r.actual),
        barMaxWidth: 28,
        label: {
          show: true,
          position: "right",
          fontSize: 12,
          formatter: (p: { dataIndex: number }) => {
            const r = spec.rows[p.dataIndex]!;
            return r.valueLabel ?? (r.target > 0 ? `${Math.round((r.actual / r.target) * 100)}%` : withUnit(spec, r.actual));
          },
        },
      },
    ],
  };
}

function lineOption(spec: Extract<ChartSpec, { type: "line" }>): Option {
  return {
    legend: spec.series.length > 1 ? legendAt(spec) : undefined,
    grid: { left: 24, right: 40, top: plotTop(spec, spec.series.length > 1), bottom: 32, containLabel: true },
    xAxis: { type: "category", data: spec.categories, axisLabel: { fontSize: 13, interval: 0 } },
    yAxis: { type: "value", name: spec.unit ?? "", splitLine: { lineStyle: { color: "#eee" } } },
    // Every other series prints below its points, so two close lines keep their labels apart.
    series: spec.series.map((s, i) => ({ type: "line", name: s.name, data: s.values, label: { show: true, position: i % 2 ? "bottom" : "top", fontSize: 12, formatter: (p: { value: number }) => withUnit(spec, p.value) } })),
  };
}

export function echartsOption(spec: ChartSpec): Option {
  const body = spec.type === "bar" ? barOption(spec) : spec.type === "funnel" ? funnelOption(spec) : spec.type === "progress" ? progressOption(spec) : lineOption(spec);
  return { animation: false, backgroundColor: "#ffffff", color: PALETTE, textStyle: { fontFamily: CHART_FONT_FAMILY }, title: heading(spec), ...body };
}

/** Height that fits the rows of a ranking or progress chart. */
export function chartSize(spec: ChartSpec): { width: number; height: number } {
  const rows = spec.type === "progress" ? spec.rows.length : spec.type === "bar" && spec.horizontal ? spec.categories.length : 0;
  return { width: 900, height: rows > 8 ? 140 + rows * 40 : 560 };
}
