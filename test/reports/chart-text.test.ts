// resvg draws no text at all when it has no font, without any error: these tests fail when the
// labels of a report picture are missing, and when the font cannot be found.
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it, vi } from "vitest";
import { renderChart, renderChartSvg } from "../../src/render/charts/index.ts";
import type { ChartSpec } from "../../src/render/charts/chart-spec.ts";


const spec: ChartSpec = { type: "bar", title: "本月成交排行", unit: "万元", categories: ["王芳", "李雷"], series: [{ name: "成交额", values: [50, 30] }] };
const WIDTH = 900;

/** RGBA pixels of a PNG (resvg reads PNGs embedded in an SVG). */
function pixels(png: Buffer): { data: Buffer; width: number; height: number } {
  const img = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="560"><image href="data:image/png;base64,${png.toString("base64")}" width="${WIDTH}" height="560"/></svg>`).render();
  return { data: img.pixels, width: img.width, height: img.height };
}

/** Dark pixels (text is #111 on white) inside a rectangle. */
function darkPixels(img: { data: Buffer; width: number }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i]! < 100 && img.data[i + 1]! < 100 && img.data[i + 2]! < 100) n++;
    }
  }
  return n;
}

describe("report pictures carry their text", () => {
  it("draws the title with the CJK font; the same SVG without a font has an empty title area", () => {
    const withFont = pixels(renderChart(spec));
    const svg = renderChartSvg(spec);
    const noFont = new Resvg(svg, { background: "#ffffff", font: { fontFiles: [], loadSystemFonts: false } }).render();
    expect(withFont.width).toBe(WIDTH);
    // The title block: centred, in the top 50 px.
    const titleArea = [300, 8, 600, 50] as const;
    expect(darkPixels(withFont, ...titleArea)).toBeGreaterThan(400);
    expect(darkPixels({ data: noFont.pixels, width: noFont.width }, ...titleArea)).toBe(0);
    expect(Buffer.compare(withFont.data, noFont.pixels)).not.toBe(0);
  });

  it("a different title draws different pixels (the text itself is drawn, not a box)", () => {
    const a = pixels(renderChart(spec));
    const b = pixels(renderChart({ ...spec, title: "本月回款排行" }));
    let differ = 0;
    for (let i = 0; i < a.data.length; i += 4) if (a.data[i] !== b.data[i]) differ++;
    expect(differ).toBeGreaterThan(50);
  });

  it("throws FontFileError when the font cannot be resolved — never a picture without text", async () => {
    vi.resetModules();
    vi.doMock("../../src/render/pdf/fonts.ts", async (importOriginal) => {
      const real = await importOriginal<typeof import("../../src/render/pdf/fonts.ts")>();
      return { ...real, cjkFont: () => real.loadFontFile("@expo-google-fonts/noto-sans-sc/no-such-weight.ttf") };
    });
    const { renderChart: render } = await import("../../src/render/charts/render-chart.ts");
    const { FontFileError: MockedError } = await import("../../src/render/pdf/fonts.ts");
    expect(() => render(spec)).toThrow(MockedError);
    expect(() => render(spec)).toThrow(/Font file not found/);
    vi.doUnmock("../../src/render/pdf/fonts.ts");
    vi.resetModules();
  });
});
