// The chat face of the conversion figures: a few lines of text (within WeCom's 2,048 bytes)
// and a bar picture of the same counts.
import { chartImage, type ChartSpec } from "../../render/charts/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { CampaignRow, ConversionReport, SourceRow } from "./campaign-figures.ts";
import { zhCampaigns } from "./messages-campaigns.ts";

/** Room for the text, under WeCom's 2,048-byte limit. */
const TEXT_BUDGET = 1900;
/** Bars in a picture. */
const MAX_BARS = 12;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function lines(head: string[], rows: string[], tail: string[]): string {
  const out = [...head];
  const size = (xs: string[]) => Buffer.byteLength(xs.join("\n"));
  let shown = 0;
  for (const r of rows) {
    if (size([...out, r, zhCampaigns.more(rows.length), ...tail]) > TEXT_BUDGET) break;
    out.push(r);
    shown++;
  }
  if (shown < rows.length) out.push(zhCampaigns.more(rows.length - shown));
  return [...out, ...tail].join("\n");
}

function chart(title: string, names: string[], rows: SourceRow[] | CampaignRow[]): ChartSpec {
  const top = rows.slice(0, MAX_BARS);
  const series = (name: string, pick: (r: SourceRow | CampaignRow) => number) => ({ name, values: top.map(pick) });
  return {
    type: "bar",
    title: clip(title, 40),
    unit: "条",
    categories: names.slice(0, MAX_BARS).map((n) => clip(n, 24)),
    series: [
      series(zhCampaigns.seriesLeads, (r) => r.leads),
      series(zhCampaigns.seriesMql, (r) => r.mql),
      series(zhCampaigns.seriesConverted, (r) => r.converted),
      series(zhCampaigns.seriesWon, (r) => r.won),
    ],
  };
}

export function sourcesReply(report: ConversionReport, title: string, periodLabel: string, file: string): Reply[] {
  if (report.total.leads === 0) return [text(zhCampaigns.noLeads(periodLabel))];
  const rows = report.sources.map((s) => zhCampaigns.row(s.source, s));
  const body = lines([title, zhCampaigns.legend(report.mqlScore)], rows, [zhCampaigns.total(report.total)]);
  const names = report.sources.map((s) => s.source);
  return [text(body), chartImage(chart(zhCampaigns.chartSources(periodLabel), names, report.sources), file)];
}

export function campaignsReply(report: ConversionReport, title: string, periodLabel: string, file: string): Reply[] {
  if (report.campaigns.length === 0) return [text(zhCampaigns.noCampaigns(periodLabel))];
  const rows = report.campaigns.map((c) => zhCampaigns.row(c.campaign, c) + (c.costFen === null && !report.roiShown ? "" : zhCampaigns.spend(c.costFen, c.costPerLeadFen, c.roi)));
  const priced = report.campaigns.some((c) => c.costFen !== null);
  const tail = priced && !report.roiShown ? [zhCampaigns.roiAdminOnly] : [];
  const body = lines([title, zhCampaigns.legend(report.mqlScore)], rows, tail);
  const names = report.campaigns.map((c) => c.campaign);
  return [text(body), chartImage(chart(zhCampaigns.chartCampaigns(periodLabel), names, report.campaigns), file)];
}
