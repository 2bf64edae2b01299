// Skipping opportunity stages through the signed webhook: a reason, every gate on the way,
// then an approval request to the rep's manager (who is told); admins skip directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
const codes: Record<string, number> = {};
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" } });
  h.fake.users = { rep_a: "王芳", rep_b: "李强", boss: "赵总" };
  for (const [rep, name, phone, company] of [
    ["rep_a", "张伟", "13811112222", "华为技术有限公司"],
    ["rep_b", "刘洋", "13822223333", "小米科技"],
    ["it_admin", "陈静", "13833334444", "字节跳动"],
  ] as const) {
    await say(rep, `新建线索 ${name} ${phone} ${company} 展会`);
    await say(rep, `转化 ${name}`);
    codes[rep] = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { owner: { wecomUserId: rep } } })).code;
  }
  await say("boss", "帮助");
  await say("it_admin", "团队 主管 rep_a boss");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

describe("stage skip", () => {
  it("asks first for every gate on the way, not only the target's", async () => {
    const c = codes.rep_a!;
    expect(await say("rep_a", `推进 #${c} 报价谈判 理由:客户老板已拍板`)).toBe(
      `进入「报价谈判」前需要填写：需求分析、预算。\n例如：商机 #${c} 需求:需要私有化部署和单点登录 预算:50万`,
    );
    expect(await h.tdb.db.prisma.approvalRequest.count()).toBe(0);
  });

  it("creates an approval request for the manager, who is told the stages, the reason and the number", async () => {
    const c = codes.rep_a!;
    await say("rep_a", `商机 #${c} 需求:私有化部署 预算:50万`);
    expect(await say("rep_a", `推进 #${c} 报价谈判 理由:客户老板已拍板，直接报价`)).toMatch(
      new RegExp(`^已提交商机 #${c} 的跳阶段申请（审批 #(\\d+)），等待 赵总 审批，结果会通知你。$`),
    );
    const req = await h.tdb.db.prisma.approvalRequest.findFirstOrThrow({ include: { steps: { include: { tasks: { include: { approver: true } } } } } });
    expect(req).toMatchObject({ kind: "stage_skip", status: "pending", reason: "客户老板已拍板，直接报价" });
    expect(req.payload).toEqual({ fromStage: "初步沟通", toStage: "报价谈判", skipped: ["需求确认", "方案演示"], flows: ["跳阶段"], ccIds: [] });
    expect(req.steps).toHaveLength(1);
    expect(req.steps[0]).toMatchObject({ mode: "any", status: "pending" });
    expect(req.steps[0]!.tasks.map((t) => [t.approver.wecomUserId, t.status])).toEqual([["boss", "pending"]]);
    const card = h.fake.sentMessages().filter((m) => m["touser"] === "boss" && m["msgtype"] === "template_card").at(-1)!["template_card"] as {
      main_title: { title: string };
      horizontal_content_list: Array<{ keyname: string; value: string }>;
      quote_area: { quote_text: string };
    };
    expect(card.main_title.title).toBe(`跳阶段审批 #${req.code}`);
    expect(card.horizontal_content_list.find((f) => f.keyname === "阶段")?.value).toBe("初步沟通 → 报价谈判");
    expect(card.quote_area.quote_text).toBe("客户老板已拍板，直接报价");
    // Nothing moved yet; asking again points at the pending request.
    expect((await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { code: c } })).stage).toBe("初步沟通");
    expect(await say("rep_a", `推进 #${c} 报价谈判 理由:再催一下`)).toBe(`商机 #${c} 已有待审批的跳阶段申请（审批 #${req.code}），请等待结果。`);
    expect(await h.tdb.db.prisma.approvalRequest.count()).toBe(1);
    const audited = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { action: "request_approval" } });
    expect(audited.entityId).toBe(req.id);
  });

  it("a reason on a one-step move just moves", async () => {
    const c = codes.rep_b!;
    expect(await say("rep_b", `推进 #${c} 需求确认 理由:正常推进`)).toBe(`商机 #${c} 已从「初步沟通」推进到「需求确认」（赢率 20%）。`);
  });

  it("a rep without a manager is told how to get one; nothing is requested", async () => {
    const c = codes.rep_b!;
    await say("rep_b", `商机 #${c} 需求:API对接 预算:20万`);
    expect(await say("rep_b", `推进 #${c} 合同签署 理由:加急`)).toBe(
      "找不到审批人：你的主管。请联系管理员设置（团队 主管，或 CRM 配置 approvals.groups）。",
    );
    expect(await h.tdb.db.prisma.approvalRequest.count({ where: { requester: { wecomUserId: "rep_b" } } })).toBe(0);
  });

  it("an admin skips directly; the reason is on the stage history and the audit", async () => {
    const c = codes.it_admin!;
    await say("it_admin", `商机 #${c} 需求:全员CRM 预算:100万`);
    expect(await say("it_admin", `推进 #${c} 报价谈判 理由:集团统一采购`)).toBe(`商机 #${c} 已从「初步沟通」推进到「报价谈判」（赢率 60%）。`);
    const opp = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { code: c }, include: { stageChanges: { orderBy: { id: "asc" } } } });
    expect(opp.stageChanges.at(-1)).toMatchObject({ fromStage: "初步沟通", toStage: "报价谈判", reason: "集团统一采购" });
  });
});
