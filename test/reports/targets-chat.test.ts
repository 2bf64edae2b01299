// 目标 and 业绩 through the signed webhook: a manager sets targets for the reps of their team
// and for the team, figures roll up over a quarter, 业绩 counts deals won, 回款, new customers
// and follow-ups in exact fen against them, and every number keeps to the asker's scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { imagesTo, novemberBusiness, say, startOrg } from "./targets-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await startOrg();
  await novemberBusiness(h);
});
afterAll(() => h.dispose());

const one = async (who: string, line: string) => (await say(h, who, line))[0]!;

describe("目标", () => {
  it("a manager sets a rep's month; a figure left out keeps its value; each change is audited", async () => {
    expect(await one("tg_boss", "目标 王芳 2026-11 成交50万 回款40万")).toBe("已设置 王芳 2026年11月 的目标：成交 50万，回款 40万。");
    expect(await one("tg_boss", "目标 李雷 2026-11 回款10万")).toBe("已设置 李雷 2026年11月 的目标：成交 未设，回款 10万。");
    expect(await one("tg_boss", "目标 王芳 2026-12 成交30万")).toBe("已设置 王芳 2026年12月 的目标：成交 30万，回款 未设。");
    expect(await one("tg_boss", "目标 王芳 2026-12 回款20万")).toBe("已设置 王芳 2026年12月 的目标：成交 30万，回款 20万。");
    const rows = await h.tdb.db.prisma.salesTarget.findMany({ where: { month: "2026-12" } });
    expect(rows.map((r) => [r.wonFen, r.receiptsFen])).toEqual([[30_000_000n, 20_000_000n]]);
    const audits = await h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "sales_target" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["create", "create", "create", "update"]);
    expect(audits[3]!.detail).toMatchObject({ user: "王芳", month: "2026-12", before: { won: "300000.00", receipts: null }, after: { won: "300000.00", receipts: "200000.00" } });
  });

  it("a team's month: its own figure when set, else the sum of its members'; a quarter sums its months", async () => {
    expect(await one("tg_boss", "目标 华东一组 2026-11")).toBe("华东一组 2026年11月目标：成交 50万，回款 50万");
    expect(await one("tg_boss", "目标 华东一组 2026-12 回款100万")).toBe("已设置 华东一组 2026年12月 的目标：成交 未设，回款 100万。");
    // Dec: 成交 from the members (30万), 回款 the team's own (100万); plus Nov
    expect(await one("tg_boss", "目标 华东一组 2026-Q4")).toBe("华东一组 2026年第4季度目标：成交 80万，回款 150万");
    expect(await one("tg_boss", "目标 王芳 本季")).toBe("王芳 2026年第4季度目标：成交 80万，回款 60万");
    expect(await one("tg_boss", "目标 2026-11")).toBe("2026年11月的目标：\n团队 华东一组：成交 50万，回款 50万\n王芳：成交 50万，回款 40万\n李雷：成交 未设，回款 10万");
  });

  it("refuses what is not theirs to set, in Chinese", async () => {
    expect(await one("tg_wang", "目标 李雷 2026-11 成交1万")).toBe("只有主管（给本组销售和本组）和管理员可以设置目标。");
    expect(await one("tg_wang", "目标 李雷 2026-11")).toBe("找不到销售或团队「李雷」，或不在你的范围内。");
    expect(await one("tg_boss", "目标 赵六 2026-11 成交10万")).toBe("找不到销售或团队「赵六」，或不在你的范围内。");
    expect(await one("tg_boss", "目标 华南组 2026-11 成交10万")).toBe("找不到销售或团队「华南组」，或不在你的范围内。");
    expect(await one("tg_boss", "目标 王芳 2026-Q4 成交10万")).toContain("目标按月设置");
    expect(await one("tg_admin", "目标 赵六 2026-11 成交10万")).toBe("已设置 赵六 2026年11月 的目标：成交 10万，回款 未设。");
    expect(await one("tg_wang", "目标 本月")).toBe("2026年11月的目标：\n王芳：成交 50万，回款 40万");
  });

  it("bad input gets the usage in Chinese and writes nothing", async () => {
    const before = await h.tdb.db.prisma.salesTarget.count();
    for (const [line, problem] of [
      ["目标 王芳 2026-13", "期间「2026-13」不对"],
      ["目标 王芳 2026-11 成交abc", "目标金额「成交abc」不对"],
      ["目标 王芳 2026-11 成交-5万", "目标金额「成交-5万」不对"],
      ["目标 王芳 2026-11 50万", "看不懂「50万」"],
    ] as const) {
      const said = await one("tg_boss", line);
      expect(said).toContain(problem);
      expect(said).toContain("用法：目标 <销售|团队> <月份>");
    }
    expect(await h.tdb.db.prisma.salesTarget.count()).toBe(before);
  });
});

describe("业绩", () => {
  it("a manager sees the team per person and the total against targets, exact to the fen, with a picture", async () => {
    const images = imagesTo(h, "tg_boss");
    const said = await say(h, "tg_boss", "业绩 2026-11");
    expect(said[0]).toBe(
      [
        "2026年11月业绩（3 人）：",
        "陈经理：成交 0 元（0 单） · 回款 0 元 · 新客户 0 · 跟进 0",
        // 492,345.67 / 500,000 = 98.47 % → 98 %; 3万 / 40万 = 7.5 % → 8 % (half up)
        "王芳：成交 492,345.67 元／目标 50万（98%）（2 单） · 回款 3万／目标 40万（8%） · 新客户 2 · 跟进 0",
        "李雷：成交 0 元（0 单） · 回款 5万／目标 10万（50%） · 新客户 1 · 跟进 2",
        "合计：成交 492,345.67 元／目标 50万（98%）（2 单） · 回款 8万／目标 50万（16%） · 新客户 3 · 跟进 2",
      ].join("\n"),
    );
    expect(imagesTo(h, "tg_boss")).toBe(images + 1);
    expect(said).not.toContain("赵六");
  });

  it("本月业绩 and 我的业绩 give a rep their own; a colleague's is refused", async () => {
    expect(await one("tg_wang", "本月业绩")).toBe("王芳 2026年11月业绩：\n王芳：成交 492,345.67 元／目标 50万（98%）（2 单） · 回款 3万／目标 40万（8%） · 新客户 2 · 跟进 0");
    expect(await one("tg_li", "我的业绩")).toContain("李雷 2026年11月业绩：");
    expect(await one("tg_wang", "业绩 李雷")).toBe("看不到「李雷」的业绩：只能查看你自己或你团队成员的业绩。");
    expect(await one("tg_boss", "业绩 赵六")).toBe("看不到「赵六」的业绩：只能查看你自己或你团队成员的业绩。");
    expect(await one("tg_boss", "业绩 李雷 上月")).toBe("李雷 2026年10月业绩：\n李雷：成交 0 元（0 单） · 回款 0 元 · 新客户 0 · 跟进 0");
  });

  it("an admin sees everyone; a quarter sums the months' targets", async () => {
    const said = await one("tg_admin", "业绩 本季");
    expect(said).toContain("赵六：成交 100万／目标 10万（1000%）（1 单）");
    expect(said).toContain("王芳：成交 492,345.67 元／目标 80万（62%）（2 单） · 回款 3万／目标 60万（5%）");
    expect(said).toContain("合计：成交 1,492,345.67 元／目标 90万（166%）（3 单） · 回款 8万／目标 70万（11%）");
  });

  it("a manager's total over a quarter is measured against the team's target: its own months, else its members'", async () => {
    // 成交: Nov 50万 + Dec 30万 (members); 回款: Nov 50万 (members) + Dec 100万 (the team's own)
    expect((await one("tg_boss", "业绩 本季")).split("\n").at(-1)).toBe("合计：成交 492,345.67 元／目标 80万（62%）（2 单） · 回款 8万／目标 150万（5%） · 新客户 3 · 跟进 2");
  });

  it("a bad period is the usage, in Chinese", async () => {
    expect(await one("tg_boss", "业绩 2026-13")).toBe(`期间「2026-13」不对，写 2026-12、本月、上月、本季、2026-Q4 或 2026。\n用法：业绩 [本月|上月|本季|2026-11|2026-Q4|2026] [销售]\n例如：业绩 2026-11 王芳`);
  });
});
