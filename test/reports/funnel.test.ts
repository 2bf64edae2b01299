// 销售漏斗 through the signed webhook and GET /api/v1/reports/funnel: the snapshot (open deals
// by stage, amount else budget, weighted by the stage probability) and the cohort (reached
// incl. skipped stages, lost kept out, median days of completed stays), per scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { dealOf, days, one, say, twoTeams } from "./funnel-fixtures.ts";

let h: Harness;
let token = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "fa_admin" } });
  await twoTeams(h);
  // 王芳's five deals, created on 11月23日.
  const a = await dealOf(h, "f_rep", "张一", "甲公司");
  const b = await dealOf(h, "f_rep", "张二", "乙公司");
  await dealOf(h, "f_rep", "张三", "丙公司");
  const d = await dealOf(h, "f_rep", "张四", "丁公司");
  const e = await dealOf(h, "f_rep", "张五", "戊公司");
  await say(h, "f_rep", `商机 #${a} 金额:30万 需求:私有化`);
  await say(h, "f_rep", `商机 #${b} 预算:10万`);
  await say(h, "f_rep", `商机 #${e} 需求:集团部署 预算:60万`);
  days(h, 1);
  await say(h, "f_rep", `推进 #${b} 需求确认`);
  days(h, 1);
  await say(h, "f_rep", `推进 #${a} 需求确认`);
  await say(h, "f_rep", `推进 #${e} 需求确认`);
  days(h, 1);
  await say(h, "f_rep", `推进 #${d} 需求确认`);
  days(h, 1);
  await say(h, "f_rep", `输单 #${d} 预算取消`);
  await say(h, "f_rep", `推进 #${e} 方案演示`);
  await say(h, "f_rep", `推进 #${e} 报价谈判`);
  expect(await one(h, "f_rep", `赢单 #${e} 48万`)).toContain("赢单");
  days(h, 2);
  expect(await one(h, "f_rep", `推进 #${a} 方案演示`)).toContain("推进到「方案演示」");
  // 李雷's one deal (the other team).
  const f = await dealOf(h, "g_rep", "李一", "己公司");
  await say(h, "g_rep", `商机 #${f} 金额:50万`);
  await say(h, "g_rep", `推进 #${f} 需求确认`);
  token = /wcrm_[A-Za-z0-9_-]+/.exec(await one(h, "fa_admin", "令牌 新建 报表"))![0];
});
afterAll(() => h.dispose());

const api = (query: string) => h.request.get(`/api/v1/reports/funnel${query}`).set("authorization", `Bearer ${token}`);
const images = () => h.fake.sentMessages().filter((m) => m["msgtype"] === "image");

describe("销售漏斗: the snapshot", () => {
  it("a rep sees her own open deals by stage, every open stage listed, amount else budget, weighted", async () => {
    const before = { uploads: h.fake.uploads.length, images: images().length };
    const [body] = await say(h, "f_rep", "销售漏斗");
    expect(body!.split("\n").slice(0, 6)).toEqual([
      "你的销售漏斗（11月29日）：进行中 3 个商机，金额 40万，加权 14万",
      "初步沟通（10%）：1 个｜0 元｜加权 0 元",
      "需求确认（20%）：1 个｜10万｜加权 2万",
      "方案演示（40%）：1 个｜30万｜加权 12万",
      "报价谈判（60%）：0 个｜0 元｜加权 0 元",
      "合同签署（80%）：0 个｜0 元｜加权 0 元",
    ]);
    const uploads = h.fake.uploads.slice(before.uploads);
    expect(uploads.map((u) => [u.type, u.filename])).toEqual([["image", "funnel-2026-11-29.png"]]);
    expect(uploads[0]!.content.subarray(1, 4).toString()).toBe("PNG");
    expect(images().slice(before.images).map((m) => m["touser"])).toEqual(["f_rep"]);
  });

  it("a manager sees the team's, another team's manager only his own team's", async () => {
    expect(await one(h, "f_mgr", "漏斗")).toContain("团队销售漏斗（11月29日）：进行中 3 个商机，金额 40万，加权 14万");
    const g = await one(h, "g_mgr", "funnel");
    expect(g).toContain("团队销售漏斗（11月29日）：进行中 1 个商机，金额 50万，加权 10万");
    expect(g).toContain("需求确认（20%）：1 个｜50万｜加权 10万");
  });

  it("one person by name: within scope the numbers, outside it a refusal and no picture", async () => {
    expect(await one(h, "f_mgr", "销售漏斗 王芳")).toContain("王芳的销售漏斗（11月29日）：进行中 3 个商机");
    const before = h.fake.uploads.length;
    expect(await one(h, "g_mgr", "销售漏斗 王芳")).toBe("无权查看「王芳」的漏斗（不在你的团队，或没有这个人）。");
    expect(await one(h, "f_rep", "销售漏斗 李雷")).toBe("无权查看「李雷」的漏斗（不在你的团队，或没有这个人）。");
    expect(h.fake.uploads.length).toBe(before);
  });

  it("REST: every open stage in order, amounts as yuan strings, an admin's token sees all", async () => {
    const res = await api("?view=snapshot");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      stages: [
        { stage: "初步沟通", count: 1, amount: "0.00", weightedAmount: "0.00" },
        { stage: "需求确认", count: 2, amount: "600000.00", weightedAmount: "120000.00" },
        { stage: "方案演示", count: 1, amount: "300000.00", weightedAmount: "120000.00" },
        { stage: "报价谈判", count: 0, amount: "0.00", weightedAmount: "0.00" },
        { stage: "合同签署", count: 0, amount: "0.00", weightedAmount: "0.00" },
      ],
    });
    expect((await api("")).body).toEqual(res.body);
    expect((await api("?rep=g_rep")).body.stages[1]).toEqual({ stage: "需求确认", count: 1, amount: "500000.00", weightedAmount: "100000.00" });
    expect((await api("?rep=nobody")).status).toBe(404);
    expect((await api("?view=pipeline")).body.fields).toHaveProperty("view");
  });
});

describe("销售漏斗 <期间>: the cohort", () => {
  const cohort = [
    { stage: "初步沟通", reached: 5, share: 1, medianDays: 2 },
    { stage: "需求确认", reached: 4, share: 0.8, medianDays: 2 },
    { stage: "方案演示", reached: 2, share: 0.4, medianDays: 0 },
    { stage: "报价谈判", reached: 1, share: 0.2, medianDays: 0 },
    { stage: "合同签署", reached: 1, share: 0.2, medianDays: null },
    { stage: "赢单", reached: 1, share: 0.2, medianDays: null },
  ];

  it("REST: reached counts skipped stages, lost deals stop where they were, medians of completed stays", async () => {
    const res = await api("?view=cohort&from=2026-11-01&to=2026-11-30&rep=f_rep");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: "2026-11-01", to: "2026-11-30", cohort: 5, stages: cohort });
    const all = await api("?view=cohort&from=2026-11-01&to=2026-11-30");
    expect(all.body.cohort).toBe(6);
    expect(all.body.stages[1]).toMatchObject({ stage: "需求确认", reached: 5, share: 0.8333 });
    expect((await api("?view=cohort&from=2026-12-01&to=2026-12-31")).body.stages[0]).toEqual({ stage: "初步沟通", reached: 0, share: 0, medianDays: null });
  });

  it("REST: a cohort needs both days, in order", async () => {
    expect((await api("?view=cohort&from=2026-11-01")).body.fields).toHaveProperty("to");
    expect((await api("?view=cohort&from=2026-11-31&to=2026-12-01")).body.fields).toHaveProperty("from");
    expect((await api("?view=cohort&from=2026-11-30&to=2026-11-01")).status).toBe(400);
  });

  it("chat: the same numbers as text and a bar picture; a period word or two days", async () => {
    const before = h.fake.uploads.length;
    const text = await one(h, "f_rep", "销售漏斗 本月");
    expect(text.split("\n").slice(0, 7)).toEqual([
      "你的销售漏斗 · 2026年11月新建的 5 个商机到达各阶段：",
      "初步沟通：5 个（100%）｜停留中位 2 天",
      "需求确认：4 个（80%）｜停留中位 2 天",
      "方案演示：2 个（40%）｜停留中位 0 天",
      "报价谈判：1 个（20%）｜停留中位 0 天",
      "合同签署：1 个（20%）",
      "赢单：1 个（20%）",
    ]);
    expect(h.fake.uploads.slice(before).map((u) => [u.type, u.filename])).toEqual([["image", "funnel-cohort-2026-11-01-2026-11-30.png"]]);
    expect(await one(h, "f_mgr", "漏斗 2026-11-20 2026-11-23")).toContain("团队销售漏斗 · 2026-11-20 至 2026-11-23新建的 5 个商机");
    expect(await one(h, "g_mgr", "漏斗 2026-11")).toContain("团队销售漏斗 · 2026年11月新建的 1 个商机");
    expect(await one(h, "f_mgr", "漏斗分析 2026-11-01~2026-11-30 王芳")).toContain("王芳的销售漏斗 · 2026-11-01 至 2026-11-30新建的 5 个商机");
    expect(await one(h, "g_mgr", "漏斗分析 本季 王芳")).toBe("无权查看「王芳」的漏斗（不在你的团队，或没有这个人）。");
    expect(await one(h, "f_rep", "销售漏斗 2026-11-31")).toBe("「2026-11-31」不是日期，请写成 2026-11-01 这样。");
    expect(await one(h, "f_rep", "销售漏斗 上季")).toBe("你的销售漏斗：2026年第3季度没有新建的商机。");
    expect(await one(h, "f_rep", "销售漏斗 2026-11-30 2026-11-01")).toBe("开始日期不能晚于结束日期。");
  });
});
