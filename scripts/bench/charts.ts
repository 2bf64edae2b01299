// Report picture rendering time per chart kind: the first picture of the process (which
// loads the CJK font into hb-subset), then the steady state over --runs renders each, split
// into ECharts SVG and the rest (font subset + resvg PNG). Prints ms per kind (p50/p99/max),
// the PNG size, and resvg alone without a font and with the whole font file.
//
//   tsx scripts/bench/charts.ts -- [--runs 50]
import { createRequire } from "node:module";
import { rasterize, renderChart, renderChartSvg } from "../../src/render/charts/render-chart.ts";
import { CJK_FONT_FILES } from "../../src/render/pdf/fonts.ts";
import type { ChartSpec } from "../../src/render/charts/chart-spec.ts";
import { CHART_SAMPLES } from "./chart-samples.ts";
import { benchArgs, intOption } from "./options.ts";
import { runMain } from "./run-main.ts";
import { summarize } from "./shared.ts";

const USAGE = `usage: tsx scripts/bench/charts.ts -- [--runs 50]
  --runs  measured renders per chart kind (after one warm-up render each)`;

const f1 = (n: number) => n.toFixed(1).padStart(7);

function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

async function main(): Promise<number> {
  const values = benchArgs({ runs: { type: "string" } }, USAGE);
  const runs = intOption("runs", values.runs, 50, 1, 10_000);
  const kinds = Object.keys(CHART_SAMPLES) as Array<ChartSpec["type"]>;

  const [, firstMs] = timed(() => renderChart(CHART_SAMPLES.bar));
  process.stdout.write(`first picture of the process (bar, incl. loading the font and warming up): ${firstMs.toFixed(1)} ms\n\n`);
  process.stdout.write(`kind      runs   total p50  total p99  total max    svg p50  rest p50   png KB\n`);
  for (const kind of kinds) {
    const spec = CHART_SAMPLES[kind];
    renderChart(spec);
    const total: number[] = [];
    const svgMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const [png, ms] = timed(() => renderChart(spec));
      total.push(ms);
      bytes = png.length;
      svgMs.push(timed(() => renderChartSvg(spec))[1]);
    }
    const t = summarize(total);
    const s = summarize(svgMs);
    process.stdout.write(`${kind.padEnd(8)} ${String(runs).padStart(5)}  ${f1(t.p50)}    ${f1(t.p99)}    ${f1(t.max)}   ${f1(s.p50)}   ${f1(t.p50 - s.p50)}   ${(bytes / 1024).toFixed(0).padStart(6)}\n`);
  }

  // For comparison, the same SVG drawn without any font (no text at all) and with the whole
  // 10.5 MB font file, which resvg re-reads for every run of text (what subsetting avoids).
  const svg = renderChartSvg(CHART_SAMPLES.bar);
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) bare.push(timed(() => rasterize(svg, []))[1]);
  const whole: number[] = [];
  const fullFont = createRequire(import.meta.url).resolve(CJK_FONT_FILES.regular);
  for (let i = 0; i < Math.min(runs, 5); i++) whole.push(timed(() => rasterize(svg, [fullFont]))[1]);
  process.stdout.write(`\nbar, resvg only: no font (text dropped) p50 ${summarize(bare).p50.toFixed(1)} ms; whole font file p50 ${summarize(whole).p50.toFixed(1)} ms (${whole.length} runs)\n`);
  return 0;
}

runMain(main, USAGE);
