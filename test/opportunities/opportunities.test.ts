// Opportunities through the signed webhook: gates, history, won/lost, scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAmountYuan } from "../../src/crm/money/amount.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let code = 0;
beforeAll(async () => {
  h = await startHarness();
  await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会 产品:CRM");
  await say("rep_a", "转化 张伟");
  code = (await h.tdb.db.prisma.opportunity.findFirstOrThrow()).code;
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

describe("opportunities", () => {
  it("我的商机 lists the open ones", async () => {
    expect(await say("rep_a", "我的商机")).toBe(`你的进行中商机（1 个）：\n#${code} 华为技术有限公司 · CRM｜初步沟通`);
  });

  it("moves one stage at a time; skipping asks for a reason (the approval is stage-skip.test's)", async () => {
    expect(await say("rep_a", `推进 #${code} 报价谈判`)).toBe(
      `商机 #${code} 要跳过「需求确认、方案演示」需要主管审批。请写明理由，例如：推进 #${code} 报价谈判 理由:客户已确认需求，直接进入报价谈判`,
    );
    expect(await say("rep_a", `推进 #${code} 需求确认`)).toBe(`商机 #${code} 已从「初步沟通」推进到「需求确认」（赢率 20%）。`);
    expect(await say("rep_a", `推进 #${code} 需求确认`)).toBe(`商机 #${code} 已经在「需求确认」阶段。`);
    expect(await say("rep_a", `推进 #${code} 签约`)).toContain("没有「签约」这个阶段。阶段有：初步沟通 → 需求确认");
  });

  it("a gate says exactly what is missing and how to fill it; filled, the move passes", async () => {
    expect(await say("rep_a", `推进 #${code} 方案演示`)).toBe(
      `进入「方案演示」前需要填写：需求分析。\n例如：商机 #${code} 需求:需要私有化部署和单点登录`,
    );
    expect(await say("rep_a", `商机 #${code} 需求:私有化部署 单点登录 预计成交:月底`)).toBe(
      `已更新商机 #${code}：预计成交日期 11月30日，需求分析 私有化部署 单点登录。`,
    );
    expect(await say("rep_a", `推进 #${code} 方案演示`)).toContain("推进到「方案演示」（赢率 40%）");
    expect(await say("rep_a", `推进 #${code} 报价谈判`)).toContain("需要填写：预算");
    expect(await say("rep_a", `商机 #${code} 预算:五十万`)).toBe("「五十万」不是金额，可以写 500000、50万、1.5万");
    expect(await say("rep_a", `商机 #${code} 预算:50万`)).toBe(`已更新商机 #${code}：预算 50万。`);
    expect(await say("rep_a", `推进 #${code} 报价谈判`)).toContain("推进到「报价谈判」");
  });

  it("another rep cannot see or move it", async () => {
    expect(await say("rep_b", `推进 #${code} 合同签署`)).toBe(`找不到商机「#${code}」。发送「我的商机」查看你的商机。`);
  });

  it("赢单 closes it with the amount; the whole history is kept", async () => {
    expect(await say("rep_a", `赢单 #${code} 48万`)).toBe(`恭喜！商机 #${code} 赢单，金额 48万。`);
    expect(await say("rep_a", `推进 #${code} 合同签署`)).toBe(`商机 #${code} 已经结束（赢单），不能再推进。`);
    const opp = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ include: { stageChanges: { orderBy: { id: "asc" } } } });
    expect(Number(opp.amount)).toBe(480000);
    expect(opp.closedAt).not.toBeNull();
    expect(opp.stageChanges.map((s) => s.toStage)).toEqual(["初步沟通", "需求确认", "方案演示", "报价谈判", "赢单"]);
    expect(await say("rep_a", "我的商机")).toContain("你还没有进行中的商机");
  });

  it("输单 needs a reason", async () => {
    await say("rep_a", "新建线索 李雷 13811113333 网易 官网表单");
    await say("rep_a", "转化 李雷");
    const c2 = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { closedAt: null } })).code;
    expect(await say("rep_a", `输单 #${c2}`)).toContain("缺少输单原因");
    expect(await say("rep_a", `输单 #${c2} 预算被砍 明年再议`)).toBe(`商机 #${c2} 已记为输单，原因：预算被砍 明年再议。`);
  });
});

describe("parseAmountYuan", () => {
  it.each([
    ["500000", 500000],
    ["50万", 500000],
    ["1.5万", 15000],
    ["50w", 500000],
    ["¥80,000", 80000],
    ["2亿", 200000000],
    ["五十万", null],
    ["-5", null],
  ])("%s → %s", (input, yuan) => expect(parseAmountYuan(input)).toBe(yuan));
});
