// reports.campaigns.mqlScore decides which leads count as MQL (default 60); a converted lead
// counts whatever its score. A follow from an Official Account QR code is a lead of its scene's
// campaign.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crmSettingsSchema } from "../../src/config/crm/crm-settings.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { say } from "../receivables/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mp: true, env: { CRM_ADMINS: "cc_admin" }, crmYaml: "reports:\n  campaigns:\n    mqlScore: 70\n" });
  await say(h, "cc_admin", "团队 新建 华东");
  await say(h, "cc_admin", "团队 加入 华东 cc_rep");
  await say(h, "cc_rep", "新建线索 张一 13900000011 甲公司 官网表单"); // 60
  await say(h, "cc_rep", "新建线索 张二 13900000012 乙公司 转介绍"); // 80
  await say(h, "cc_rep", "新建线索 张三 13900000013 丙公司 展会"); // 50, converted
  await say(h, "cc_rep", "转化 张三");
});
afterAll(() => h.dispose());

const ct = () => Math.floor(h.clock.now().getTime() / 1000);
const follow = (openid: string, scene: string) =>
  `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${ct()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_${scene}]]></EventKey></xml>`;

describe("reports.campaigns.mqlScore", () => {
  it("defaults to 60 and refuses a score over 100", () => {
    expect(loadCrmSettings(undefined).reports.campaigns.mqlScore).toBe(60);
    expect(crmSettingsSchema.safeParse({ reports: { campaigns: { mqlScore: 101 } } }).success).toBe(false);
  });

  it("counts MQL from the configured score; a converted lead is MQL", async () => {
    const [text] = await say(h, "cc_rep", "渠道分析");
    expect(text).toBe(
      [
        "线索来源分析 · 2026年11月 · 你本人",
        "MQL：评分≥70或已转化；赢单、成交额、回款统计到今天。",
        "官网表单：线索 1，MQL 0（0%），转化 0（0%），赢单 0，成交 0 元，回款 0 元",
        "展会：线索 1，MQL 1（100%），转化 1（100%），赢单 0，成交 0 元，回款 0 元",
        "转介绍：线索 1，MQL 1（100%），转化 0（0%），赢单 0，成交 0 元，回款 0 元",
        "合计：线索 3，MQL 2（67%），转化 1（33%），赢单 0，成交 0 元，回款 0 元",
      ].join("\n"),
    );
  });

  it("a follow from a QR code counts under its scene as a campaign, for the rep it was given to", async () => {
    expect((await h.postMp(follow("o-cc-1", "expo2026"))).status).toBe(200);
    await h.drain();
    const [text] = await say(h, "cc_rep", "活动分析");
    expect(text).toContain("expo2026：线索 1，MQL 0（0%），转化 0（0%），赢单 0，成交 0 元，回款 0 元");
    expect((await say(h, "cc_rep", "渠道分析"))[0]).toContain("公众号：线索 1，MQL 0（0%）");
  });
});
