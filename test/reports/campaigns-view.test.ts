// Many campaigns still fit one WeCom text (2,048 bytes): the rows that fit, then how many more.
import { describe, expect, it } from "vitest";
import type { CampaignRow, ConversionReport } from "../../src/crm/reports/campaign-figures.ts";
import { campaignsReply } from "../../src/crm/reports/campaign-view.ts";

const row = (i: number): CampaignRow => ({
  campaign: `二〇二六年双十一全渠道直播带货活动第${i}场`,
  leads: 100 - i,
  mql: 50,
  converted: 20,
  won: 5,
  wonFen: 123_456_789,
  receiptsFen: 98_765_432,
  costFen: 5_000_000,
  costPerLeadFen: 50_505,
  roi: 23.6913,
});

describe("活动分析 with many campaigns", () => {
  it("keeps the text under WeCom's limit and says how many rows were left out", () => {
    const campaigns = Array.from({ length: 30 }, (_, i) => row(i + 1));
    const total = { leads: 0, mql: 0, converted: 0, won: 0, wonFen: 0, receiptsFen: 0 };
    const report: ConversionReport = { sources: [], campaigns, total, roiShown: true, mqlScore: 60 };
    const [t, img] = campaignsReply(report, "活动分析 · 2026年12月 · 全公司", "2026年12月", "c.png");
    if (t?.kind !== "text" || img?.kind !== "image") throw new Error("a text and a picture expected");
    expect(Buffer.byteLength(t.text)).toBeLessThanOrEqual(2000);
    const shown = t.text.split("\n").filter((l) => l.includes("：线索 ")).length;
    expect(shown).toBeGreaterThan(0);
    expect(t.text).toContain(`……另有 ${30 - shown} 项，完整数字见 GET /api/v1/reports/campaigns。`);
  });
});
