// Customer health through the signed webhook and REST: a customer with an old follow-up, an
// overdue instalment, an open P1 ticket and a low survey scores exactly 100 − each deduction,
// with each reason; a customer whose contact deleted the rep on WeCom, one whose orders fell;
// 客户健康度 alone lists the lowest in scope with a picture; scopes (a rep asking for a
// colleague's customer is refused, a manager sees the team, not outsiders).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerAdds, postExternalEvent } from "../support/external-contact-events.ts";
import type { Harness } from "../support/harness.ts";
import { contractFor, customerOf, imagesTo, say, startHealthHarness, surveyAnswered, tokenOf } from "./health-fixtures.ts";

let h: Harness;
let huawei = { id: "", code: 0 };
let xiaomi = { id: "", code: 0 };
let tencent = { id: "", code: 0 };
let jd = { id: "", code: 0 };
let token = "";

beforeAll(async () => {
  h = await startHealthHarness();
  huawei = await customerOf(h, "hx_rep", "华为技术");
  await say(h, "hx_rep", "跟进 华为技术 电话沟通了需求");
  const c = await contractFor(h, "hx_rep", huawei.id, 10_000_000, "2026-10-14");
  await say(h, "hx_rep", `回款计划 ${c.number} 2026-11-01 5万，2026-12-31 5万`);
  await say(h, "hx_rep", "工单 华为技术 设备无法开机 类型:报修 P1");
  await say(h, "hx_rep", "工单 华为技术 咨询一下售后政策 P3");
  await say(h, "hx_rep", "解决 #2 已电话答复");
  await surveyAnswered(h, 2, 2);

  xiaomi = await customerOf(h, "hx_rep2", "小米科技");
  await contractFor(h, "hx_rep2", xiaomi.id, 10_000_000, "2025-06-01");
  await contractFor(h, "hx_rep2", xiaomi.id, 5_000_000, "2026-06-01");
  await customerAdds(h, "hx_rep", "wm_lisi", { name: "李四", corp: "腾讯", corpFull: "腾讯科技有限公司" });
  tencent = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "腾讯科技有限公司" } });
  jd = await customerOf(h, "hx_out", "京东物流");

  h.clock.set(new Date("2026-11-20T02:00:00Z"));
  await say(h, "hx_rep2", "跟进 小米科技 上门拜访");
  await say(h, "hx_rep", "跟进 腾讯科技有限公司 微信聊了新需求");
  await say(h, "hx_out", "跟进 京东物流 电话");
  await postExternalEvent(h, { changeType: "del_follow_user", userId: "hx_rep", externalUserId: "wm_lisi" });
  token = await tokenOf(h, "it_admin");
  h.clock.set(new Date("2026-11-23T03:00:00Z")); // Mon 11:00: 40 days after 华为技术's follow-up
}, 180_000);
afterAll(() => h.dispose());

const get = (path: string) => h.request.get(`/api/v1/reports/${path}`).set("authorization", `Bearer ${token}`);

describe("客户健康度 <客户>", () => {
  it("starts at 100 and subtracts each factor with its reason: 40 days idle, an overdue instalment, an open P1, a survey of 2", async () => {
    expect(await say(h, "hx_rep", "客户健康度 华为技术")).toEqual([
      [
        `客户#${huawei.code} 华为技术 健康度 34 分（风险）`,
        "· 40 天未跟进（-26）",
        "· 1 期回款逾期，未收 5万（-15）",
        "· 未完成的紧急工单 #1（P1）（-10）",
        "· 最近一次满意度 2 分（工单 #2）（-15）",
      ].join("\n"),
    ]);
  });

  it("a contact who deleted the rep on WeCom costs 20 (80: still 健康); orders down 50 % on the year before cost 15", async () => {
    expect((await say(h, "hx_boss", `健康度 #${tencent.code}`))[0]).toBe(
      `客户#${tencent.code} 腾讯科技有限公司 健康度 80 分（健康）\n· 联系人 李四 在企业微信删除了销售（-20）`,
    );
    expect((await say(h, "hx_rep2", "客户健康度 小米科技"))[0]).toBe(
      `客户#${xiaomi.code} 小米科技 健康度 85 分（健康）\n· 近12个月成交 5万，之前12个月 10万，下降 50%（-15）`,
    );
  });

  it("a customer added back after the deletion is no longer marked down for it", async () => {
    await customerAdds(h, "hx_rep", "wm_lisi", { name: "李四", corp: "腾讯", corpFull: "腾讯科技有限公司" });
    expect((await say(h, "hx_rep", `客户健康度 #${tencent.code}`))[0]).toBe(`客户#${tencent.code} 腾讯科技有限公司 健康度 100 分（健康）\n各项正常，没有扣分。`);
    await postExternalEvent(h, { changeType: "del_follow_user", userId: "hx_rep", externalUserId: "wm_lisi" });
  });

  it("a rep asking for a colleague's customer is refused in Chinese, with no numbers", async () => {
    const reply = await say(h, "hx_rep2", "客户健康度 华为技术");
    expect(reply).toEqual(["找不到客户「华为技术」，或不在你能查看的范围内。"]);
    expect(await say(h, "hx_boss", "客户健康度 京东物流")).toEqual(["找不到客户「京东物流」，或不在你能查看的范围内。"]);
  });
});

describe("客户健康度 alone", () => {
  it("a manager gets the team's customers, lowest first, and a bar chart", async () => {
    const before = imagesTo(h, "hx_boss").length;
    const [list] = await say(h, "hx_boss", "客户健康度");
    expect(list).toBe(
      [
        "健康度最低的 3 个客户（共 3 个）：",
        `1. 华为技术（#${huawei.code}）34 分 风险 · 王芳`,
        `2. 腾讯科技有限公司（#${tencent.code}）80 分 健康 · 王芳`,
        `3. 小米科技（#${xiaomi.code}）85 分 健康 · 李强`,
        "发送「客户健康度 <客户>」看扣分原因。",
      ].join("\n"),
    );
    expect(imagesTo(h, "hx_boss")).toHaveLength(before + 1);
  });

  it("a rep sees only their own", async () => {
    const [list] = await say(h, "hx_rep2", "健康度");
    expect(list).toContain("（共 1 个）");
    expect(list).toContain("小米科技");
    expect(list).not.toContain("华为");
  });
});

describe("GET /api/v1/reports/health", () => {
  it("?customer=<code>: the score, the band and each reason as {factor, points, detail}", async () => {
    const res = await get(`health?customer=${huawei.code}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      customer: "华为技术",
      code: huawei.code,
      owner: "王芳",
      score: 34,
      band: "risk",
      bandText: "风险",
      reasons: [
        { factor: "followUp", points: 26, detail: "40 天未跟进" },
        { factor: "overdue", points: 15, detail: "1 期回款逾期，未收 5万" },
        { factor: "tickets", points: 10, detail: "未完成的紧急工单 #1（P1）" },
        { factor: "survey", points: 15, detail: "最近一次满意度 2 分（工单 #2）" },
      ],
    });
  });

  it("without customer: every owned customer in the token owner's scope (an admin's: all), lowest first; a bad code is a 400, an unknown one a 404", async () => {
    const res = await get("health");
    expect(res.body).toMatchObject({ scope: "all", total: 4 });
    expect(res.body.customers.map((c: { code: number; score: number }) => [c.code, c.score])).toEqual([
      [huawei.code, 34],
      [tencent.code, 80],
      [xiaomi.code, 85],
      [jd.code, 100],
    ]);
    expect((await get(`health?customer=${jd.code}`)).body).toMatchObject({ customer: "京东物流", score: 100, reasons: [] });
    expect((await get("health?customer=99999")).status).toBe(404);
    expect((await get("health?customer=abc")).body.fields).toHaveProperty("customer");
  });
});
