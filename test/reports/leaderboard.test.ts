// 排行 through the signed webhook and the REST API: ranked within the asker's scope, ties share
// a rank, zeros last, money exact; /api/v1/reports/leaderboard and /reports/targets with a
// token of each role; POST /api/v1/reports/targets sets many targets at once, all or nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { imagesTo, novemberBusiness, say, startOrg, tokenOf, winDeal } from "./targets-fixtures.ts";

let h: Harness;
let token = "";
beforeAll(async () => {
  h = await startOrg();
  await novemberBusiness(h);
  // 陈经理 wins 12,345.67 元: a tie on new customers (陈经理 1, 李雷 1) shares a rank.
  await winDeal(h, "tg_boss", "腾讯科技有限公司", "13811112205", "12345.67");
  token = await tokenOf(h, "tg_admin");
});
afterAll(() => h.dispose());

const one = async (who: string, line: string) => (await say(h, who, line))[0]!;
// API tokens are the admins' (team/api-token-action): REST answers in an admin's scope.
const get = (path: string) => h.request.get(`/api/v1/reports/${path}`).set("authorization", `Bearer ${token}`);
const post = (body: object) => h.request.post("/api/v1/reports/targets").set("authorization", `Bearer ${token}`).send(body);

describe("排行", () => {
  it("defaults to this month's 成交 in the manager's team, with a bar picture", async () => {
    const images = imagesTo(h, "tg_boss");
    expect(await one("tg_boss", "排行")).toBe("2026年11月成交排行（3 人）：\n1. 王芳 492,345.67 元\n2. 陈经理 12,345.67 元\n3. 李雷 0 元");
    expect(imagesTo(h, "tg_boss")).toBe(images + 1);
  });

  it("ties share a rank and zeros come last; other metrics and periods", async () => {
    expect(await one("tg_boss", "排行 本月 新客户")).toBe("2026年11月新客户排行（3 人）：\n1. 王芳 2 个\n2. 陈经理 1 个\n2. 李雷 1 个");
    expect(await one("tg_boss", "排行 跟进")).toBe("2026年11月跟进排行（3 人）：\n1. 李雷 2 次\n2. 陈经理 0 次\n2. 王芳 0 次");
    expect(await one("tg_boss", "排行 2026-11 回款")).toBe("2026年11月回款排行（3 人）：\n1. 李雷 5万\n2. 王芳 3万\n3. 陈经理 0 元");
    expect(await one("tg_boss", "排行 上月")).toBe("2026年10月成交排行（3 人）：\n1. 陈经理 0 元\n1. 李雷 0 元\n1. 王芳 0 元");
  });

  it("an admin ranks everyone; a rep only sees themselves", async () => {
    expect(await one("tg_admin", "排行")).toBe("2026年11月成交排行（5 人）：\n1. 赵六 100万\n2. 王芳 492,345.67 元\n3. 陈经理 12,345.67 元\n4. 管理员 0 元\n4. 李雷 0 元");
    expect(await one("tg_wang", "排行")).toBe("2026年11月成交排行（1 人）：\n1. 王芳 492,345.67 元");
  });

  it("a word it does not know is the usage, in Chinese", async () => {
    expect(await one("tg_boss", "排行 本月 利润")).toBe(
      "看不懂「利润」，排行可以按：成交、回款、跟进、新客户。\n用法：排行 [本月|上月|本季|2026-11] [成交|回款|跟进|新客户]\n例如：排行 本月 回款",
    );
  });
});

describe("GET /api/v1/reports/leaderboard", () => {
  it("ranks everyone for an admin's token: money as yuan strings, counts as numbers — the chat's numbers", async () => {
    const won = await get("leaderboard?metric=won&period=2026-11");
    expect(won.status).toBe(200);
    expect(won.body).toEqual({
      metric: "won",
      period: "2026-11",
      rows: [
        { rank: 1, user: "tg_zhao", name: "赵六", value: "1000000.00" },
        { rank: 2, user: "tg_wang", name: "王芳", value: "492345.67" },
        { rank: 3, user: "tg_boss", name: "陈经理", value: "12345.67" },
        { rank: 4, user: "tg_admin", name: "管理员", value: "0.00" },
        { rank: 4, user: "tg_li", name: "李雷", value: "0.00" },
      ],
    });
    const follow = await get("leaderboard?metric=followups&period=2026-Q4");
    expect(follow.body.period).toBe("2026-Q4");
    expect(follow.body.rows[0]).toEqual({ rank: 1, user: "tg_li", name: "李雷", value: 2 });
    expect((await get("leaderboard")).body).toMatchObject({ metric: "won", period: "2026-11" });
  });

  it("a bad metric or period is a 400 naming the field; no token is a 401", async () => {
    expect((await get("leaderboard?metric=profit")).body.fields).toHaveProperty("metric");
    const bad = await get("leaderboard?period=2026-13");
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty("period");
    expect((await h.request.get("/api/v1/reports/leaderboard")).status).toBe(401);
  });
});

describe("/api/v1/reports/targets", () => {
  it("POST sets many months at once, people by WeCom id or name, teams by name; one refusal writes nothing", async () => {
    const refused = await post({ targets: [{ user: "tg_wang", month: "2026-11", won: "500000" }, { user: "nobody", month: "2026-11", won: "1" }] });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ index: 1 });
    expect(await h.tdb.db.prisma.salesTarget.count()).toBe(0);
    expect((await post({ targets: [{ user: "tg_wang", month: "2026-13", won: "1" }] })).body.fields).toHaveProperty("targets.0.month");
    expect((await post({ targets: [{ user: "tg_wang", team: "华东一组", month: "2026-11", won: "1" }] })).status).toBe(400);
    const precise = await post({ targets: [{ user: "tg_wang", month: "2026-11", won: "1.005" }] });
    expect(precise.status).toBe(400);
    expect(precise.body.fields).toHaveProperty("won");
    const ok = await post({
      targets: [
        { user: "tg_wang", month: "2026-11", won: "500000", receipts: "400000.00" },
        { user: "李雷", month: "2026-11", receipts: "100000" },
        { team: "华东一组", month: "2026-12", won: "900000.50" },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.targets).toEqual([
      { user: "tg_wang", month: "2026-11", won: "500000.00", receipts: "400000.00" },
      { user: "tg_li", month: "2026-11", won: null, receipts: "100000.00" },
      { team: "华东一组", month: "2026-12", won: "900000.50", receipts: null },
    ]);
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { entity: "sales_target" } })).toBe(3);
    expect(await one("tg_boss", "目标 华东一组 2026-12")).toBe("华东一组 2026年12月目标：成交 900,000.50 元，回款 未设");
  });

  it("GET gives per person target, actual and progress, and the total", async () => {
    const res = await get("targets?period=2026-11");
    expect(res.status).toBe(200);
    expect(res.body.period).toBe("2026-11");
    expect(res.body.rows.map((r: { user: string }) => r.user)).toEqual(["tg_boss", "tg_wang", "tg_li", "tg_zhao", "tg_admin"]);
    expect(res.body.rows[1]).toEqual({
      user: "tg_wang",
      name: "王芳",
      won: { target: "500000.00", actual: "492345.67", progress: 98 },
      receipts: { target: "400000.00", actual: "30000.00", progress: 8 },
      wonDeals: 2,
      newCustomers: 2,
      followUps: 0,
    });
    expect(res.body.rows[2].won).toEqual({ target: null, actual: "0.00", progress: null });
    // an admin's total is the sum of the people's targets
    expect(res.body.total).toEqual({
      won: { target: "500000.00", actual: "1504691.34", progress: 301 },
      receipts: { target: "500000.00", actual: "80000.00", progress: 16 },
      wonDeals: 4,
      newCustomers: 5,
      followUps: 2,
    });
    expect((await get("targets?period=2026")).body.rows[1].won.target).toBe("500000.00");
    expect((await get("targets?period=2026-11-01")).status).toBe(400);
  });
});
