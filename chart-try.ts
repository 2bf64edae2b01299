import * as echarts from "echarts";
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const font = require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");
const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 800, height: 500 });
chart.setOption({ animation: false, textStyle: { fontFamily: "Noto Sans SC" }, title: { text: "销售漏斗 2026年12月" }, xAxis: { type: "category", data: ["初步沟通", "需求确认", "方案演示"] }, yAxis: { type: "value" }, series: [{ type: "bar", data: [5, 3, 2], label: { show: true } }] });
let t = Date.now();
const svg = chart.renderToSVGString();
console.log("svg ms", Date.now() - t, svg.length);
for (let i = 0; i < 3; i++) {
  t = Date.now();
  const png = new Resvg(svg, { font: { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: "Noto Sans SC" }, background: "#fff" }).render().asPng();
  console.log("png ms", Date.now() - t, png.length);
}
