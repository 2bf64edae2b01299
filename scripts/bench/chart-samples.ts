// Report pictures as the reports draw them, one per chart kind at a realistic size: what the
// chart benchmark times and the look tests render (long names, many rows, 万 amounts, zeros).
import type { ChartSpec } from "../../src/render/charts/chart-spec.ts";

const REPS = ["王芳", "李雷", "韩梅梅", "欧阳娜娜", "诸葛孔明明", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄蕾", "周杰"];

export const CHART_SAMPLES: Record<ChartSpec["type"], ChartSpec> = {
  bar: {
    type: "bar",
    title: "本月成交排行",
    subtitle: "2026年12月 · 华东销售一部",
    unit: "万元",
    horizontal: true,
    categories: REPS,
    series: [{ name: "成交额", values: REPS.map((_, i) => Math.round((1250.5 - i * 97.3) * 10) / 10) }],
  },
  funnel: {
    type: "funnel",
    title: "销售漏斗（当前）",
    subtitle: "未结束商机 · 按阶段",
    unit: "个",
    stages: [
      { name: "初步沟通", value: 128, valueLabel: "128个 · 3,560.0万" },
      { name: "需求确认", value: 76, valueLabel: "76个 · 2,210.5万" },
      { name: "方案演示", value: 41, valueLabel: "41个 · 1,380.0万" },
      { name: "商务谈判", value: 17, valueLabel: "17个 · 860.2万" },
      { name: "合同签订", value: 6, valueLabel: "6个 · 310.0万" },
    ],
  },
  progress: {
    type: "progress",
    title: "12月目标完成",
    subtitle: "成交额 · 实际 / 目标",
    unit: "万元",
    rows: Array.from({ length: 30 }, (_, i) => ({
      name: `${REPS[i % REPS.length]}${i >= REPS.length ? Math.floor(i / REPS.length) + 1 : ""}`,
      actual: (i * 37) % 120,
      target: i % 7 === 6 ? 0 : 100,
    })),
  },
  line: {
    type: "line",
    title: "回款预测（未来3个月）",
    subtitle: "按回款计划",
    unit: "万元",
    categories: ["2026-12", "2027-01", "2027-02"],
    series: [
      { name: "计划回款", values: [420.5, 380, 515.25] },
      { name: "加权预测", values: [390, 300.5, 410] },
    ],
  },
};
