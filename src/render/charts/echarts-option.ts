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

const withUnit = (spec: ChartSpec, v: number | string) => (spec.unit ? `${v}${spec.unit}` : String(v));

function barOption(spec: Extract<ChartSpec, { type: "bar" }>): Option {
  const valueAxis = { type: "value", axisLabel: { fontSize: 12 }, name: spec.unit ?? "", splitLine: { lineStyle: { color: "#eee" } } };
  const categoryAxis = { type: "category", data: spec.categories, axisLabel: { fontSize: 13, interval: 0 }, inverse: spec.horizontal === true };
  return {
    legend: spec.series.length > 1 ? { top: 64, textStyle: { fontSize: 13 } } : undefined,
    grid: { left: spec.horizontal ? 110 : 60, right: 60, top: spec.series.length > 1 ? 100 : 84, bottom: 48, containLabel: true },
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
        left: "12%",
        width: "76%",
        top: 84,
        bottom: 24,
        min: 0,
        max,
        // Wide enough for the label of an empty stage (white text outside a segment vanishes).
        minSize: "40%",
        gap: 2,
        data: spec.stages.map((s) => ({ name: s.name, value: s.value })),
        label: {
          show: true,
          position: "inside",
          fontSize: 14,
          color: "#fff",
          formatter: (p: { dataIndex: number; name: string; value: number }) => `${p.name}  ${spec.stages[p.dataIndex]?.valueLabel ?? withUnit(spec, p.value)}`,
        },
      },
    ],
  };
}

function progressOption(spec: Extract<ChartSpec, { type: "progress" }>): Option {
  const names = spec.rows.map((r) => r.name);
  return {
    legend: { top: 64, textStyle: { fontSize: 13 } },
    grid: { left: 110, right: 90, top: 100, bottom: 32, containLabel: true },
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
    legend: spec.series.length > 1 ? { top: 64, textStyle: { fontSize: 13 } } : undefined,
    grid: { left: 60, right: 40, top: spec.series.length > 1 ? 100 : 84, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: spec.categories },
    yAxis: { type: "value", name: spec.unit ?? "", splitLine: { lineStyle: { color: "#eee" } } },
    series: spec.series.map((s) => ({ type: "line", name: s.name, data: s.values, label: { show: true, fontSize: 11 } })),
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
