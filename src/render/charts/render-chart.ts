// ChartSpec → PNG without a browser: ECharts renders SVG on the server, resvg draws it with the
// CJK font from npm. resvg draws no text at all when a font is missing (no error), so the font
// file is resolved once and a missing one throws (see src/render/pdf/fonts.ts).
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import { chartSpecSchema, type ChartSpec } from "./chart-spec.ts";
import { CHART_FONT_FAMILY, chartSize, echartsOption } from "./echarts-option.ts";
import { CJK_FONT_FILES, loadFontFile } from "../pdf/fonts.ts";

const require = createRequire(import.meta.url);
let fontPath: string | undefined;

function chartFontPath(): string {
  if (fontPath) return fontPath;
  loadFontFile(CJK_FONT_FILES.regular); // throws FontFileError when missing or not a font
  fontPath = require.resolve(CJK_FONT_FILES.regular);
  return fontPath;
}

/** The chart as an SVG string (ECharts server-side rendering). */
export function renderChartSvg(spec: ChartSpec): string {
  const checked = chartSpecSchema.parse(spec);
  const { width, height } = chartSize(checked);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(echartsOption(checked));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG. */
export function renderChart(spec: ChartSpec): Buffer {
  const svg = renderChartSvg(spec);
  const resvg = new Resvg(svg, { background: "#ffffff", font: { fontFiles: [chartFontPath()], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY } });
  return resvg.render().asPng();
}
