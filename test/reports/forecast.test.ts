// 预测 through the signed webhook and GET /api/v1/reports/forecast: deals with expected close
// dates and forecast categories, 回款 plans, pictures, scopes, bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { ADMIN, BOSS, LI, OUT, WANG, ask, contractWithPlan, dealOf, startForecastHarness } from "./forecast-fixtures.ts";

let h: Harness;
const deals: Record<string, number> = {};
beforeAll(async () => {
  h = await startForecastHarness();
  // 王芳: December 100万 需求确认 (20 %) 承诺, December 50万 初步沟通 (10 %) 可能, one without a date, one in November
  deals["hw"] = await dealOf(h, WANG, "华为技术有限公司", "13811112201", "金额:100万 预计成交:2026-12-10", "需求确认");
  deals["tx"] = await dealOf(h, WANG, "腾讯科技有限公司", "13811112202", "金额:50万 预计成交:2026-12-20 预测:可能");
  deals["ali"] = await dealOf(h, WANG, "阿里巴巴有限公司", "13811112203", "金额:30万");
  deals["jd"] = await dealOf(h, WANG, "京东科技有限公司", "13811112204", "金额:20万 预计成交:2026-11-28 预测:乐观");
  // 李雷: December 40万 初步沟通, no category; 赵强 (no team): December 10万
  deals["mi"] = await dealOf(h, LI, "小米科技有限公司", "13811112205", "金额:40万 预计成交:2026-12-05");
  deals["out"] = await dealOf(h, OUT, "网易有限公司", "13811112206", "金额:10万 预计成交:2026-12-01");
  // 回款: 王芳 30万 in three instalments from December, 4万 of the first already paid
  const c = await contractWithPlan(h, WANG, "百度在线有限公司", "13811112207", 30_000_000, "2026-12-15 10万，2027-01-15 10万，2027-02-15 10万");
  await ask(h, WANG, `回款 ${c.number} 4万 11月20日`);
}, 60_000);
afterAll(() => h.dispose());

describe("商机 #N 预测:…", () => {
  it("sets the rep's forecast category, shows it on the deal, audits it; a wrong word says the choices", async () => {
    expect((await ask(h, WANG, `商机 #${deals["hw"]} 预测:承诺`)).text).toBe(`已更新商机 #${deals["hw"]}：预测分类 承诺。`);
    expect((await ask(h, WANG, `商机 #${deals["hw"]}`)).text).toContain("\n预测分类：承诺\n");
    expect((await ask(h, WANG, `商机 #${deals["hw"]} 预测:肯定`)).text).toBe("「肯定」不是预测分类，可以写 承诺、可能、乐观（写「无」清除）");
    const opp = await h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { code: deals["hw"]! } });
    expect(opp.forecastCategory).toBe("commit");
    const audit = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { entity: "opportunity", entityId: opp.id, action: "update" }, orderBy: { at: "desc" } });
    expect(audit.detail).toEqual({ before: { forecastCategory: null }, after: { forecastCategory: "commit" } });
    expect((await ask(h, BOSS, `审计 商机#${deals["hw"]}`)).text).toContain("预测分类 （空） → 承诺");
  });
});

const HINT = "设置分类：商机 #编号 预测:承诺|可能|乐观";

describe("预测", () => {
  it("a rep sees their own month: weighted, per category, won, the deals without a date, the cash plan, two pictures", async () => {
    const uploads = h.fake.uploads.length;
    const r = await ask(h, WANG, "预测 2026-12");
    expect(r.text).toBe(
      [
        "销售预测 2026年12月",
        "加权预测：25万（预计本期成交的进行中商机 2 个，金额 × 阶段赢率）",
        "按预测分类：承诺 100万｜可能 50万｜乐观 0 元｜未分类 0 元",
        "本期已赢单：0 元（0 个）",
        // 阿里 and the deal of the contract's customer have no expected close date
        "另有 2 个进行中商机没填预计成交日期，未计入（商机 #编号 预计成交:…）",
        "回款预测（计划未收）：12月 6万｜1月 10万｜2月 10万",
        HINT,
      ].join("\n"),
    );
    expect(r.images).toBe(2);
    expect(h.fake.uploads.slice(uploads).map((u) => [u.type, u.filename])).toEqual([
      ["image", "forecast-2026-12.png"],
      ["image", "forecast-cash-2026-12.png"],
    ]);
    expect(h.fake.uploads.at(-1)!.content.subarray(1, 4).toString()).toBe("PNG");
  });

  it("预测 alone is this month; 本季 adds the quarter's months, and its cash starts this month", async () => {
    const month = (await ask(h, WANG, "预测")).text;
    expect(month).toContain("销售预测 2026年11月\n加权预测：2万（预计本期成交的进行中商机 1 个");
    expect(month).toContain("按预测分类：承诺 0 元｜可能 0 元｜乐观 20万｜未分类 0 元");
    const quarter = (await ask(h, WANG, "预测 本季")).text;
    expect(quarter).toContain("销售预测 2026年第4季度\n加权预测：27万（预计本期成交的进行中商机 3 个");
    expect(quarter).toContain("回款预测（计划未收）：11月 0 元｜12月 6万｜1月 10万");
  });

  it("a manager sees the team per rep and in total; nobody outside it", async () => {
    const r = await ask(h, BOSS, "预测 2026-12");
    expect(r.text).toBe(
      [
        "销售预测 2026年12月",
        "加权预测：29万（预计本期成交的进行中商机 3 个，金额 × 阶段赢率）",
        "按预测分类：承诺 100万｜可能 50万｜乐观 0 元｜未分类 40万",
        "本期已赢单：0 元（0 个）",
        "另有 2 个进行中商机没填预计成交日期，未计入（商机 #编号 预计成交:…）",
        "按销售：",
        "• 陈经理：加权 0 元｜承诺 0 元｜已赢 0 元",
        "• 王芳：加权 25万｜承诺 100万｜已赢 0 元",
        "• 李雷：加权 4万｜承诺 0 元｜已赢 0 元",
        "回款预测（计划未收）：12月 6万｜1月 10万｜2月 10万",
        HINT,
      ].join("\n"),
    );
    expect((await ask(h, BOSS, "预测 2026-12 李雷")).text).toContain("销售预测 2026年12月（李雷）\n加权预测：4万");
  });

  it("an admin sees everyone", async () => {
    const r = (await ask(h, ADMIN, "预测 2026-12")).text;
    expect(r).toContain("加权预测：30万（预计本期成交的进行中商机 4 个");
    expect(r).toContain("• 赵强：加权 1万｜承诺 0 元｜已赢 0 元");
  });

  it("a rep asking for a colleague is refused, in Chinese, with no numbers", async () => {
    const r = await ask(h, WANG, "预测 2026-12 李雷");
    expect(r).toEqual({ text: "找不到你能查看的销售「李雷」。销售只能看自己的预测，主管看本团队的。", images: 0 });
    expect((await ask(h, BOSS, "预测 赵强")).text).toBe("找不到你能查看的销售「赵强」。销售只能看自己的预测，主管看本团队的。");
  });

  it("bad input gets the usage", async () => {
    const usage = "用法：预测 [本月|本季|2026-12] [销售]；预测 准确度 [上月|2026-11|本季] [销售]\n例如：预测 本季";
    expect((await ask(h, WANG, "预测 下下月")).text).toBe(`「下下月」不是期间，可以写 本月、本季、上月、2026-12、2026-Q4\n${usage}`);
    expect((await ask(h, WANG, "预测 2026-13")).text).toContain(usage);
    expect((await ask(h, BOSS, "预测 本月 王芳 李雷")).text).toBe(`多余的内容：「李雷」\n${usage}`);
    expect((await ask(h, BOSS, "预测 本月 12月")).text).toBe(`多余的内容：「12月」\n${usage}`);
  });
});

describe("GET /api/v1/reports/forecast", () => {
  let token = "";
  const get = (q: string) => h.request.get(`/api/v1/reports/forecast${q}`).set("authorization", `Bearer ${token}`);
  beforeAll(async () => {
    token = /wcrm_[A-Za-z0-9_-]+/.exec((await ask(h, ADMIN, "令牌 新建 报表")).text)![0];
  });

  it("the same numbers as the chat, amounts as yuan strings", async () => {
    const res = await get("?period=2026-12&rep=王芳");
    expect(res.status).toBe(200);
    const categories = { commit: "1000000.00", probable: "500000.00", upside: "0.00", uncategorized: "0.00" };
    expect(res.body).toEqual({
      period: "2026-12",
      from: "2026-12-01",
      to: "2026-12-31",
      weighted: "250000.00",
      byCategory: categories,
      won: "0.00",
      deals: 2,
      wonDeals: 0,
      undated: 2,
      reps: [{ rep: WANG, name: "王芳", weighted: "250000.00", byCategory: categories, won: "0.00", deals: 2, wonDeals: 0 }],
      cash: [
        { month: "2026-12", due: "60000.00" },
        { month: "2027-01", due: "100000.00" },
        { month: "2027-02", due: "100000.00" },
      ],
      cashOverdue: "0.00",
    });
    const all = await get("?period=2026-12");
    expect(all.body.weighted).toBe("300000.00");
    expect(all.body.reps.map((r: { rep: string }) => r.rep)).toEqual([BOSS, WANG, LI, OUT, ADMIN]);
  });

  it("a later month: what earlier instalments still owe is cashOverdue", async () => {
    const res = await get("?period=2027-01");
    expect(res.body.cash).toEqual([
      { month: "2027-01", due: "100000.00" },
      { month: "2027-02", due: "100000.00" },
      { month: "2027-03", due: "0.00" },
    ]);
    expect(res.body.cashOverdue).toBe("60000.00");
  });

  it("400 for a bad period or view, 404 for a rep outside the scope, 401 without a token", async () => {
    expect((await get("?period=2026-13")).body).toEqual({ error: "invalid query", fields: { period: "use YYYY-MM, YYYY-Qn or YYYY" } });
    expect((await get("?view=table")).body.fields).toHaveProperty("view");
    expect((await get("?rep=nobody")).status).toBe(404);
    expect((await h.request.get("/api/v1/reports/forecast")).status).toBe(401);
  });
});
