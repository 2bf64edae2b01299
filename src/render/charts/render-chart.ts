// ChartSpec → PNG without a browser: ECharts renders SVG on the server, resvg draws it with the
// CJK font from npm. resvg draws no text at all when a font is missing (no error), so the font
// is resolved and checked once and a missing one throws FontFileError (src/render/pdf/fonts.ts);
// there is no fallback font. Each picture gets the font cut to its own characters (see
// font-subset.ts: resvg re-reads its font file for every run of text).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import { chartSpecSchema, type ChartSpec } from "./chart-spec.ts";
import { CHART_FONT_FAMILY, chartSize, echartsOption } from "./echarts-option.ts";
import { FontSubsetter } from "./font-subset.ts";
import { cjkFont } from "../pdf/fonts.ts";

let subsetter: FontSubsetter | undefined;
let workDir: string | undefined;
let seq = 0;

/** The chart font, loaded once per process (throws FontFileError when it is missing). */
function chartFont(): FontSubsetter {
  subsetter ??= new FontSubsetter(cjkFont("regular"));
  return subsetter;
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

/** An SVG drawn as a PNG with these font files only (no system fonts). */
export function rasterize(svg: string, fontFiles: string[]): Buffer {
  const resvg = new Resvg(svg, { background: "#ffffff", font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY } });
  return resvg.render().asPng();
}

/** The chart as a PNG. */
export function renderChart(spec: ChartSpec): Buffer {
  const svg = renderChartSvg(spec);
  const font = chartFont().subset(svg);
  workDir ??= mkdtempSync(path.join(tmpdir(), "wecrm-chart-font-"));
  const file = path.join(workDir, `${process.pid}-${++seq}.ttf`);
  writeFileSync(file, font);
  try {
    return rasterize(svg, [file]);
  } finally {
    rmSync(file, { force: true });
  }
}
