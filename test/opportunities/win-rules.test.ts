// Winning through the signed webhook: a win needs its deal amount, and a win from before the
// last open stages (opportunities.winFromLastStages, default 2) is a stage skip — a reason,
// the gates on the way, then the manager's approval; admins win directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
const codes: Record<string, number> = {};
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "wr_admin" } });
  h.fake.users = { wr_rep: "王芳", wr_boss: "赵总", wr_admin: "管理员" };
  for (const [rep, name, phone, company] of [
    ["wr_rep", "张伟", "13811112222", "华为技术有限公司"],
    ["wr_rep", "刘洋", "13822223333", "小米科技"],
    ["wr_admin", "陈静", "13833334444", "字节跳动"],
  ] as const) {
    await say(rep, `新建线索 ${name} ${phone} ${company} 展会`);
    await say(rep, `转化 ${name}`);
    codes[name] = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
  }
  await say("wr_boss", "帮助");
  await say("wr_admin", "团队 主管 wr_rep wr_boss");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const opp = (code: number) => h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { code } });

describe("winning", () => {
  it("推进 … 赢单 without an amount is refused with the usage, and nothing closes", async () => {
    const c = codes["张伟"]!;
    expect(await say("wr_rep", `推进 #${c} 赢单`)).toBe(`赢单需要写成交金额。\n用法：赢单 <#编号> <金额>\n例如：赢单 #${c} 48万`);
    expect(await say("wr_rep", `赢单 #${c}`)).toContain("缺少成交金额");
    expect((await opp(c)).closedAt).toBeNull();
  });

  it("赢单 from 初步沟通 needs a reason and the manager's approval", async () => {
    const c = codes["张伟"]!;
    expect(await say("wr_rep", `赢单 #${c} 30万`)).toBe(
      `商机 #${c} 还在「初步沟通」，赢单要从「报价谈判」或「合同签署」阶段。要直接赢单，请写理由送审批：赢单 #${c} <金额> 理由:…`,
    );
    expect((await opp(c)).closedAt).toBeNull();
    expect(await say("wr_rep", `赢单 #${c} 30万 理由:客户老板当场拍板`)).toContain("需要填写：需求分析、预算");
    await say("wr_rep", `商机 #${c} 需求:私有化部署 预算:30万`);
    expect(await say("wr_rep", `赢单 #${c} 30万 理由:客户老板当场拍板`)).toMatch(new RegExp(`^已提交商机 #${c} 的跳阶段申请（审批 #(\\d+)），等待 赵总 审批`));
    expect((await opp(c)).closedAt).toBeNull();
    const req = await h.tdb.db.prisma.approvalRequest.findFirstOrThrow({ where: { kind: "stage_skip" } });
    await say("wr_boss", `同意 #${req.code}`);
    const won = await opp(c);
    expect([won.stage, Number(won.amount), won.closedAt !== null]).toEqual(["赢单", 300000, true]);
  });

  it("from one of the last stages it wins at once; an admin wins from anywhere with a reason", async () => {
    const c = codes["刘洋"]!;
    await say("wr_rep", `商机 #${c} 需求:私有化部署 预算:20万`);
    for (const stage of ["需求确认", "方案演示", "报价谈判"]) await say("wr_rep", `推进 #${c} ${stage}`);
    expect(await say("wr_rep", `赢单 #${c} 20万`)).toBe(`恭喜！商机 #${c} 赢单，金额 20万。`);
    const a = codes["陈静"]!;
    await say("wr_admin", `商机 #${a} 需求:SaaS 预算:10万`);
    expect(await say("wr_admin", `赢单 #${a} 10万 理由:框架协议直接下单`)).toBe(`恭喜！商机 #${a} 赢单，金额 10万。`);
  });
});
