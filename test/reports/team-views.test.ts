// 团队商机 / 团队客户 / 团队线索 / 团队待办 through the signed webhook: grouped by owner, one
// stage or one person, capped with 「…还有N条」, and scoped — a manager of another team sees
// none of it, a rep may not use them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor } from "../receivables/fixtures.ts";
import { dealOf, days, one, say, twoTeams } from "./funnel-fixtures.ts";

let h: Harness;
let a = 0;
let b = 0;
let c = 0;
let contract = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "fa_admin" } });
  await twoTeams(h);
  a = await dealOf(h, "f_rep", "张一", "甲公司");
  b = await dealOf(h, "f_rep", "张二", "乙公司");
  await say(h, "f_rep", `商机 #${a} 金额:30万`);
  await say(h, "f_rep", `商机 #${b} 预算:10万`);
  await say(h, "f_rep", `推进 #${a} 需求确认`);
  expect(await one(h, "f_rep", "提醒 明天上午10点 给甲公司打电话")).toContain("提醒");
  for (let i = 1; i <= 33; i++) await say(h, "f_rep", `新建线索 客户${i} ${13700000000 + i} 公司${i}号 展会`);
  c = await dealOf(h, "g_rep", "李一", "己公司");
  await say(h, "g_rep", `商机 #${c} 金额:50万`);
  await say(h, "g_rep", `推进 #${c} 需求确认`);
  const customer = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "己公司" } });
  contract = (await contractFor(h, "g_rep", customer.id, 10_000_000)).number;
  expect((await say(h, "g_rep", `回款计划 ${contract} 2026-11-25 5万，2026-12-31 5万`)).join("\n")).toContain(contract);
  days(h, 6);
}, 120_000);
afterAll(() => h.dispose());

describe("团队商机", () => {
  it("a manager sees the team's open deals grouped by rep, latest stage first, with days in stage", async () => {
    expect(await one(h, "f_mgr", "团队商机")).toBe(
      ["团队进行中的商机（2 个，合计 40万）：", "【王芳】2", `#${a} 甲公司｜需求确认｜30万｜6天`, `#${b} 乙公司｜初步沟通｜10万｜6天`].join("\n"),
    );
    expect(await one(h, "g_mgr", "团队商机")).toBe(["团队进行中的商机（1 个，合计 50万）：", "【李雷】1", `#${c} 己公司｜需求确认｜50万｜6天`].join("\n"));
  });

  it("one stage: the admin sees every team's, a manager only his own", async () => {
    expect(await one(h, "fa_admin", "团队商机 需求确认")).toBe(
      ["团队「需求确认」阶段进行中的商机（2 个，合计 80万）：", "【王芳】1", `#${a} 甲公司｜需求确认｜30万｜6天`, "【李雷】1", `#${c} 己公司｜需求确认｜50万｜6天`].join("\n"),
    );
    expect(await one(h, "g_mgr", "团队商机 初步沟通")).toBe("团队「初步沟通」阶段没有进行中的商机。");
  });

  it("one person: within the team the list, outside it a refusal; a rep may not use team views", async () => {
    expect(await one(h, "f_mgr", "团队商机 王芳")).toContain(`王芳进行中的商机（2 个，合计 40万）：\n【王芳】2\n#${a} 甲公司`);
    expect(await one(h, "g_mgr", "团队商机 王芳")).toBe("无权查看「王芳」的记录（不在你的团队，或没有这个人）。");
    expect(await one(h, "g_mgr", "团队客户 f_rep")).toBe("无权查看「f_rep」的记录（不在你的团队，或没有这个人）。");
    expect(await one(h, "f_rep", "团队商机")).toBe("你没有权限使用「团队商机」。如需开通请联系管理员。");
    expect(await one(h, "f_rep", "团队待办")).toBe("你没有权限使用「团队待办」。如需开通请联系管理员。");
    const group = (help: string) => /【报表】(.*)/.exec(help)?.[1]?.split("、") ?? [];
    expect(group(await one(h, "f_mgr", "帮助"))).toEqual(expect.arrayContaining(["销售漏斗", "团队商机", "团队客户", "团队线索", "团队待办"]));
    const rep = group(await one(h, "f_rep", "帮助"));
    expect(rep).toContain("销售漏斗");
    expect(rep.filter((c) => c.startsWith("团队"))).toEqual([]);
  });
});

describe("团队客户 / 团队线索", () => {
  it("customers of one person, with their last follow-up", async () => {
    const text = await one(h, "f_mgr", "团队客户 王芳");
    expect(text.split("\n").slice(0, 2)).toEqual(["王芳的客户（2 个）：", "【王芳】2"]);
    expect(text).toMatch(/客户#\d+ 甲公司｜/);
    expect(await one(h, "g_mgr", "团队客户")).not.toContain("甲公司");
  });

  it("a long list stops at 30 lines and says how many more", async () => {
    const parts = await say(h, "f_mgr", "团队线索");
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2000);
    const lines = parts.join("\n").split("\n");
    expect(lines[0]).toBe("团队未转化的线索（33 条）：");
    expect(lines[1]).toBe("【王芳】33");
    expect(lines.filter((l) => l.startsWith("线索#"))).toHaveLength(30);
    expect(lines.at(-1)).toBe("…还有3条");
    expect(lines[2]).toMatch(/^线索#\d+ 客户1（公司1号）｜新线索｜B 级 50 分$/);
    expect(await one(h, "g_mgr", "团队线索")).toBe("团队没有未转化的线索。");
  });
});

describe("团队待办", () => {
  it("per rep: overdue reminders, leads waiting for a first contact, stalled deals — capped", async () => {
    const lines = (await one(h, "f_mgr", "团队待办")).split("\n");
    expect(lines[0]).toBe("团队待办（11月29日）：");
    expect(lines[1]).toBe("【王芳】逾期提醒 1 · 待首次联系 33 · 停滞商机 2");
    expect(lines[2]).toMatch(/^· 提醒：给甲公司打电话（11月24日）$/);
    expect(lines[3]).toMatch(/^· 线索#\d+ 客户1（公司1号） 待首次联系$/);
    expect(lines.slice(-2)).toEqual(["…还有32条", "无待办：陈经理"]);
  });

  it("another team's manager sees his rep's stalled deal and overdue 回款, nothing of the first team", async () => {
    const text = await one(h, "g_mgr", "团队待办");
    expect(text).toBe(
      [
        "团队待办（11月29日）：",
        "【李雷】停滞商机 1 · 逾期回款 1 笔 5万",
        `· 停滞：#${c} 己公司 在「需求确认」6天`,
        `· 回款：${contract} 第1期 5万（2026-11-25到期）`,
        "无待办：赵经理",
      ].join("\n"),
    );
  });
});
