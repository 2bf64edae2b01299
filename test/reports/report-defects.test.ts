// Small defects of the managers' reports (issue 16), each through the signed webhook as typed:
// refusals in Chinese with the usage (never zod's English), period words that are no name,
// a team's 业绩 / 销售漏斗 / 渠道分析 for an admin and its manager only, sane campaign spend,
// and no forecast category on a closed deal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { customerOf } from "../receivables/fixtures.ts";
import { looksLikePeriod, parsePeriod } from "../../src/crm/reports/period.ts";
import { say, startOrg, winDeal } from "./targets-fixtures.ts";
import { checkParams } from "../../src/bot/conversation/plan-check.ts";
import { opportunityUpdateAction } from "../../src/crm/opportunities/index.ts";
import { performanceAction } from "../../src/crm/reports/performance-actions.ts";

let h: Harness;
let won = 0;
let open = 0;
beforeAll(async () => {
  h = await startOrg();
  const hw = await winDeal(h, "tg_wang", "华为技术有限公司", "13811112201", "48万");
  won = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customerId: hw } })).code;
  await winDeal(h, "tg_zhao", "字节跳动有限公司", "13811112204", "100万");
  const xm = await customerOf(h, "tg_li", "小米科技有限公司", "13811112202");
  open = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customerId: xm } })).code;
});
afterAll(() => h.dispose());

const one = async (who: string, line: string) => (await say(h, who, line)).join("\n");
const ENGLISH = /[A-Za-z]{4,}/;
const OPP_USAGE = "用法：商机 <#编号> [需求:…] [预算:…] [金额:…] [预计成交:…] [决策人:…] [预测:承诺|可能|乐观]";

describe("parameters refused in Chinese, with the usage", () => {
  it("an empty named value names the field instead of zod's English", async () => {
    expect(await one("tg_li", `商机 #${open} 预测:`)).toBe(`预测不能为空\n${OPP_USAGE}\n例如：商机 #5 预算:50万 需求:私有化部署`);
    const dm = await one("tg_li", `商机 #${open} 决策人:`);
    expect(dm).toMatch(/^决策人不能为空\n用法：商机 /);
    expect(dm).not.toMatch(ENGLISH);
  });

  it("too long a value says how long it may be", async () => {
    const r = await one("tg_li", `商机 #${open} 决策人:${"张".repeat(40)}`);
    expect(r).toMatch(/^决策人太长（最多 32 个字）\n用法：商机 /);
  });

  it("a free-text plan's step is checked with the same words", () => {
    expect(checkParams(opportunityUpdateAction, { ref: "#1", forecastCategory: "非常非常非常有可能成交" })).toEqual({ kind: "bad", problem: "预测太长（最多 8 个字）" });
    expect(checkParams(performanceAction, { who: 12 })).toEqual({ kind: "bad", problem: "销售格式不对" });
  });
});

describe("period words", () => {
  it("上上月 / 上上季度 / 前年 are read; future ones stop at 下月", () => {
    const now = new Date("2026-11-15T04:00:00Z");
    expect(parsePeriod("上上月", now, "Asia/Shanghai")?.key).toBe("2026-09");
    expect(parsePeriod("上上个季度", now, "Asia/Shanghai")?.key).toBe("2026-Q2");
    expect(parsePeriod("前年", now, "Asia/Shanghai")?.key).toBe("2024");
    expect(parsePeriod("下下月", now, "Asia/Shanghai")).toBeNull();
    for (const w of ["下下月", "上上周", "前两个月", "近三个月", "本周", "2026-13", "13月", "Q5", "今天"]) expect(looksLikePeriod(w), w).toBe(true);
    for (const w of ["王芳", "周明", "上官月", "华东一组", "明哥"]) expect(looksLikePeriod(w), w).toBe(false);
  });

  it("业绩 上上月 is September's; a period-like word it cannot read is the period usage, not a missing person", async () => {
    expect(await one("tg_boss", "业绩 上上月")).toMatch(/^2026年9月业绩（3 人）：/);
    for (const w of ["下下月", "上上周", "前两个月"]) {
      expect(await one("tg_boss", `业绩 ${w}`)).toBe(`期间「${w}」不对，写 2026-12、本月、上月、本季、2026-Q4 或 2026。\n用法：业绩 [本月|上月|本季|2026-11|2026-Q4|2026] [销售]\n例如：业绩 2026-11 王芳`);
    }
    expect(await one("tg_boss", "业绩 王芳 下下月")).toMatch(/^期间「下下月」不对/);
    expect(await one("tg_boss", "排行 上上周 回款")).toMatch(/^期间「上上周」不对.*\n用法：排行 /);
  });

  it("the funnel, 渠道分析 and 预测 read period words the same way", async () => {
    expect(await one("tg_boss", "销售漏斗 下下月")).toMatch(/^期间「下下月」不对.*\n用法：销售漏斗 /);
    expect(await one("tg_boss", "销售漏斗 上上月")).toBe("团队销售漏斗：2026年9月没有新建的商机。");
    expect(await one("tg_boss", "渠道分析 前两个月")).toBe("看不懂期间「前两个月」，可以写 本月、上月、本季、2026-11、2026年。\n用法：渠道分析 [期间] [销售]\n例如：渠道分析 上月");
    expect(await one("tg_boss", "预测 上上周")).toMatch(/^「上上周」不是期间.*\n用法：预测 /);
  });
});

describe("a team by its name", () => {
  it("an admin gets the team's 业绩: its members and the total", async () => {
    const r = await one("tg_admin", "业绩 华东一组");
    expect(r).toMatch(/^2026年11月业绩（3 人）：/);
    expect(r).toContain("王芳：成交 48万（1 单）");
    expect(r).toContain("合计：成交 48万（1 单）");
    expect(r).not.toContain("赵六");
    expect(await one("tg_admin", "业绩 华南组")).toMatch(/^赵六 2026年11月业绩：\n赵六：成交 100万（1 单）/);
  });

  it("the team's own manager too; another team's manager and a rep are refused", async () => {
    expect(await one("tg_boss", "业绩 华东一组")).toMatch(/^2026年11月业绩（3 人）：/);
    expect(await one("tg_boss", "业绩 华南组")).toBe("看不到团队「华南组」的业绩：只有管理员和该团队的主管可以查看。");
    expect(await one("tg_wang", "业绩 华东一组")).toBe("看不到团队「华东一组」的业绩：只有管理员和该团队的主管可以查看。");
    expect(await one("tg_boss", "业绩 赵六")).toBe("看不到「赵六」的业绩：只能查看你自己或你团队成员的业绩。");
  });

  it("销售漏斗 and 渠道分析 take a team the same way", async () => {
    expect(await one("tg_admin", "销售漏斗 华东一组")).toMatch(/^华东一组的销售漏斗（11月\d+日）：进行中 1 个商机/);
    expect(await one("tg_admin", "销售漏斗 华南组")).toBe("华南组的销售漏斗：目前没有进行中的商机。");
    expect(await one("tg_boss", "销售漏斗 华南组")).toBe("无权查看团队「华南组」的漏斗：只有管理员和该团队的主管可以查看。");
    expect(await one("tg_admin", "渠道分析 华南组")).toContain("线索来源分析 · 2026年11月 · 华南组");
    expect(await one("tg_boss", "渠道分析 华南组")).toBe("看不到团队「华南组」的数据：只有管理员和该团队的主管可以查看。");
  });
});

describe("活动 <名称> 成本", () => {
  it("accepts 2万, 20000 and 2.5万元", async () => {
    expect(await one("tg_admin", "活动 春季展 成本 2万")).toBe("已记录活动「春季展」成本 2万。");
    expect(await one("tg_admin", "活动 春季展 成本 20000")).toBe("已更新活动「春季展」成本：2万 → 2万（以最新一次为准）。");
    expect(await one("tg_admin", "活动 春季展 成本 2.5万元")).toBe("已更新活动「春季展」成本：2万 → 2.5万（以最新一次为准）。");
  });

  it("refuses 0, negative, over 1亿 and nothing, and keeps the figure", async () => {
    expect(await one("tg_admin", "活动 春季展 成本 0")).toBe("成本「0」不对：不能为 0。例：活动 双11直播 成本 2万");
    expect(await one("tg_admin", "活动 春季展 成本 -5000")).toBe("成本「-5000」不对：不能为负数。例：活动 双11直播 成本 2万");
    expect(await one("tg_admin", "活动 春季展 成本 2亿")).toBe("成本「2亿」太大：一个活动最多记 1亿元，请检查金额和单位。例：活动 双11直播 成本 2万");
    expect(await one("tg_admin", "活动 春季展 成本")).toBe("成本后面要写金额。例：活动 双11直播 成本 2万");
    const c = await h.tdb.db.prisma.campaign.findUniqueOrThrow({ where: { name: "春季展" } });
    expect(Number(c.costFen)).toBe(2_500_000);
    expect(await one("tg_admin", "活动 春季展 成本 1亿")).toBe("已更新活动「春季展」成本：2.5万 → 10,000万（以最新一次为准）。");
  });
});

describe("商机 #N 预测:… on a closed deal", () => {
  it("is refused (the forecast counts open deals); an open deal takes it; clearing is fine", async () => {
    expect(await one("tg_wang", `商机 #${won} 预测:承诺`)).toBe(`商机 #${won} 已经结束（赢单），预测分类只用于进行中的商机。`);
    expect((await h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { code: won } })).forecastCategory).toBeNull();
    expect(await one("tg_wang", `商机 #${won} 预测:无`)).toBe(`已更新商机 #${won}：预测分类 未分类。`);
    expect(await one("tg_li", `商机 #${open} 预测:承诺`)).toBe(`已更新商机 #${open}：预测分类 承诺。`);
  });
});
