// Report pictures: a ChartSpec drawn as a PNG and sent as an image reply.
import { image, type Reply } from "../reply.ts";
import type { ChartSpec } from "./chart-spec.ts";
import { renderChart } from "./render-chart.ts";

export { chartSpecSchema, type ChartSpec } from "./chart-spec.ts";
export { renderChart, renderChartSvg } from "./render-chart.ts";

/** An image reply of the chart; `name` is its file name (…png). */
export function chartImage(spec: ChartSpec, name: string): Reply {
  return image(name, renderChart(spec));
}
