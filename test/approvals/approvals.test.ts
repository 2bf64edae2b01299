// Approvals through the signed webhook and a fake WeCom: cards to the right approvers,
// sequential steps, 会签 and 或签, refusals, idempotent clicks, card updates with the right
// task_id / response_code, effects applied once, withdraw, trail, reminders and escalation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

const YAML = `approvals:
  groups: { sales_director: [dir], vp: [vp1], finance: [fin], legal: [law1, law2] }
reminders:
  dailyAgenda: { enabled: false }
  weeklyReport: { enabled: false }
opportunities:
  defaultStallDays: 1000
`;
type Card = { task_id: string; main_title: { title: string; desc?: string }; horizontal_content_list: Array<{ keyname: string; value: string }>; button_list: Array<{ key: string; text: string }> };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" }, crmYaml: YAML, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { rep_a: "王芳", rep_b: "李强", boss: "赵总", dir: "周总监", vp1: "吴副总", fin: "钱财务", law1: "孙法务", law2: "郑法务", it_admin: "管理员" };
  for (const u of Object.keys(h.fake.users)) await say(u, "帮助");
  await say("it_admin", "团队 主管 rep_a boss");
  await say("it_admin", "团队 主管 law1 boss");
  for (const [n, phone, company] of [["张伟", "13811112222", "华为"], ["刘洋", "13822223333", "小米"], ["陈静", "13833334444", "美团"], ["赵敏", "13844445555", "京东"]] as const) {
    await say("rep_a", `新建线索 ${n} ${phone} ${company} 展会`);
    await say("rep_a", `转化 ${n}`);
  }
  await say("rep_a", "商机 #1 金额:120万");
  await say("rep_a", "商机 #2 金额:50万");
  await say("rep_a", "商机 #3 金额:30万");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const cardsTo = (who: string) =>
  h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);
const lastCard = (who: string) => cardsTo(who).at(-1)!;
async function click(who: string, card: Card, button: 0 | 1, responseCode: string) {
  await h.clickCard(who, card.button_list[button]!.key, card.task_id, responseCode);
  await h.drain();
}
const opp = (code: number) => h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { code } });

describe("discount approvals", () => {
  it("85折 goes to the director alone, as a card with the request's details", async () => {
    expect(await say("rep_a", "申请折扣 #1 85折 竞品报价更低")).toBe("已提交折扣审批（审批 #1），等待 周总监 审批，结果会通知你。发送「审批 #1」看进度。");
    const card = lastCard("dir");
    const task = await h.tdb.db.prisma.approvalTask.findFirstOrThrow({ where: { approver: { wecomUserId: "dir" } } });
    expect(card.task_id).toMatch(new RegExp(`^apv-1-${task.id}-o\\d+$`)); // unique per sent card
    expect(card.main_title).toEqual({ title: "折扣审批 #1", desc: "王芳 提交，请审批" });
    expect(card.horizontal_content_list.map((f) => `${f.keyname}:${f.value}`)).toEqual(["申请人:王芳", "客户:华为（商机 #1）", "金额:120万", "折扣:85折"]);
    expect(card.button_list.map((b) => [b.text, b.key])).toEqual([["同意", "cmd:同意 #1"], ["驳回", "cmd:驳回 #1"]]);
    expect(cardsTo("vp1")).toHaveLength(0);
  });

  it("someone who is not a pending approver is refused, and audited", async () => {
    await click("rep_b", lastCard("dir"), 0, "rc-intruder");
    expect(sentTexts(h.fake, "rep_b").at(-1)).toBe("审批 #1 不需要你审批。");
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { action: "approve_denied" } })).toBe(1);
    expect(h.fake.cardUpdates()).toHaveLength(0);
  });

  it("the director's click approves: the card is updated, the rep told, the discount set — once", async () => {
    await click("dir", lastCard("dir"), 0, "rc-dir-1");
    expect(h.fake.cardUpdates().at(-1)).toMatchObject({ userids: ["dir"], response_code: "rc-dir-1", button: { replace_name: "已同意" } });
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("你的折扣审批 #1 已通过。商机 #1 的折扣已设为 85折。");
    expect(Number((await opp(1)).discount)).toBe(0.85);
    await click("dir", lastCard("dir"), 0, "rc-dir-1"); // WeCom redelivers the click: nothing
    expect(sentTexts(h.fake, "dir").at(-1)).toBe("[card] 折扣审批 #1");
    await click("dir", lastCard("dir"), 0, "rc-dir-2"); // a second click
    expect(sentTexts(h.fake, "dir").at(-1)).toBe("审批 #1 你已处理过（同意），无需重复操作。");
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { entity: "opportunity", action: "update", detail: { path: ["approval"], equals: 1 } } })).toBe(1);
    expect(h.fake.cardUpdates()).toHaveLength(1);
  });

  it("75折 goes to the director, then the VP; the effect waits for the last step", async () => {
    expect(await say("rep_a", "申请折扣 #2 75折 年度大单")).toContain("审批 #2");
    expect(cardsTo("vp1")).toHaveLength(0);
    // The VP's step has not started: say so, not 「你已处理过（未到）」.
    expect(await say("vp1", "同意 #2")).toBe("审批 #2 还没轮到你：现在等待 周总监 审批，轮到你时会发卡片给你。");
    await say("dir", "同意 #2 可以");
    expect(sentTexts(h.fake, "dir").at(-1)).toBe("已同意审批 #2。");
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("你的折扣审批 #2：周总监 已同意，下一步等待 吴副总 审批。");
    expect((await opp(2)).discount).toBeNull();
    expect(lastCard("vp1").main_title.title).toBe("折扣审批 #2");
    await click("vp1", lastCard("vp1"), 0, "rc-vp-1");
    expect(Number((await opp(2)).discount)).toBe(0.75);
    const trail = await say("rep_a", "审批 #2");
    expect(trail.split("\n")[0]).toBe("折扣审批 #2（已同意）");
    expect(trail).toContain("第 1 步（或签：一人同意即可）：");
    expect(trail).toMatch(/• 周总监：同意 \d+月\d+日 \d\d:\d\d，可以/);
    expect(trail).toContain("第 2 步");
  });

  it("95折 needs no approval and applies at once; a bad discount gets usage", async () => {
    expect(await say("rep_a", "申请折扣 #3 95折 老客户")).toBe("商机 #3 的折扣已设为 95折。不需要审批，已直接生效。");
    expect(await say("rep_a", "申请折扣 #3 大折扣 x")).toContain("「大折扣」不是折扣");
  });
});

describe("contract approvals", () => {
  it("over 1,000,000: finance and the director must both approve (会签)", async () => {
    expect(await say("rep_a", "申请合同审批 #1 标准合同")).toBe("已提交合同审批（审批 #4），等待 钱财务、周总监 审批，结果会通知你。发送「审批 #4」看进度。");
    expect((await opp(1)).contractStatus).toBe("pending");
    expect(await say("fin", "同意 #4")).toBe("已同意审批 #4。等待其他审批人。");
    expect((await opp(1)).contractStatus).toBe("pending");
    expect(await say("dir", "待我审批")).toContain("#4 合同审批 · 王芳");
    await click("dir", lastCard("dir"), 0, "rc-dir-4");
    expect((await opp(1)).contractStatus).toBe("approved");
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("你的合同审批 #4 已通过。商机 #1 的合同已审批通过。");
  });

  it("legal-term changes: any one of legal (或签), the director copied; the other lawyer's card shows who handled it", async () => {
    await say("rep_a", "申请合同审批 #2 法务:有改动 付款改为分三期");
    expect(sentTexts(h.fake, "dir").at(-1)).toBe("抄送：王芳 提交了合同审批 #5（50万，法务条款有改动）。");
    const law2Card = lastCard("law2");
    const law2Sent = h.fake.sentMessages().findIndex((m) => (m["template_card"] as Card | undefined)?.task_id === law2Card.task_id);
    await click("law1", lastCard("law1"), 0, "rc-law1");
    const updates = h.fake.cardUpdates();
    expect(updates.find((u) => (u["userids"] as string[])[0] === "law1")).toMatchObject({ response_code: "rc-law1", button: { replace_name: "已同意" } });
    expect(updates.find((u) => (u["userids"] as string[])[0] === "law2")).toMatchObject({ response_code: expect.stringMatching(/^rc-\d+$/), button: { replace_name: "已由 孙法务 处理" } });
    expect(law2Sent).toBeGreaterThanOrEqual(0);
    expect((await opp(2)).contractStatus).toBe("approved");
    await click("law2", law2Card, 0, "rc-law2");
    expect(sentTexts(h.fake, "law2").at(-1)).toBe("审批 #5 已由 孙法务 处理（同意），你无需再操作。");
  });

  it("驳回 from the card asks for a reason; 驳回 #编号 理由 rejects and tells the rep why", async () => {
    await say("rep_a", "商机 #4 金额:200万");
    await say("rep_a", "申请合同审批 #4 特殊条款");
    await click("fin", lastCard("fin"), 1, "rc-fin-r");
    expect(sentTexts(h.fake, "fin").at(-1)).toBe("请写明驳回理由，发送：驳回 #6 <理由>");
    expect(await say("fin", "驳回 #6 回款周期太长")).toBe("已驳回审批 #6，申请人会收到你的理由。");
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("你的合同审批 #6 被 钱财务 驳回，理由：回款周期太长");
    expect((await opp(4)).contractStatus).toBe("rejected");
    // 会签: the director's card is no longer needed either.
    const updates = h.fake.cardUpdates().slice(-2);
    expect(updates).toContainEqual(expect.objectContaining({ userids: ["dir"], button: { replace_name: "已由 钱财务 处理" } }));
    // The reason was typed, yet the finance approver's own card is closed too (no button left to press).
    expect(updates).toContainEqual(expect.objectContaining({ userids: ["fin"], button: { replace_name: "已驳回" } }));
  });
});

describe("withdraw, stage skips, chasers", () => {
  it("the requester withdraws a pending request; approvers' cards say so", async () => {
    await say("rep_a", "申请合同审批 #4 修改后重新提交");
    expect(await say("rep_b", "撤回审批 #7")).toBe("找不到你提交的审批 #7。");
    expect(await say("rep_a", "撤回审批 #7")).toBe("已撤回审批 #7。");
    expect(h.fake.cardUpdates().filter((u) => (u["button"] as { replace_name: string }).replace_name === "已撤回").length).toBe(2);
    expect(await say("fin", "同意 #7")).toBe("审批 #7 已结束（已撤回）。");
    expect((await opp(4)).contractStatus).toBeNull();
  });

  it("a stage skip goes to the rep's manager as a card; approving moves the stage", async () => {
    await say("rep_a", "商机 #3 需求:私有化 预算:30万");
    expect(await say("rep_a", "推进 #3 报价谈判 理由:客户已定")).toBe("已提交商机 #3 的跳阶段申请（审批 #8），等待 赵总 审批，结果会通知你。");
    expect(lastCard("boss").horizontal_content_list.find((f) => f.keyname === "阶段")?.value).toBe("初步沟通 → 报价谈判");
    await click("boss", lastCard("boss"), 0, "rc-boss");
    expect((await opp(3)).stage).toBe("报价谈判");
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("你的跳阶段审批 #8 已通过。商机 #3 已推进到「报价谈判」。");
  });

  it("pending for 24 h: the approver is reminded; 48 h: the approver's manager is told", async () => {
    await say("rep_a", "申请合同审批 #3 法务:有改动 保密条款按客户模板");
    const start = h.clock.now().getTime();
    h.clock.set(new Date(start + 24 * 3_600_000 + 6 * 60_000));
    await h.runJobs();
    expect(sentTexts(h.fake, "law1").at(-1)).toMatch(/^提醒：王芳 的合同审批 #9 已等待你审批 24 小时/);
    expect(sentTexts(h.fake, "law2").at(-1)).toMatch(/^提醒：王芳 的合同审批 #9 已等待你审批 24 小时/);
    h.clock.set(new Date(start + 48 * 3_600_000 + 6 * 60_000));
    await h.runJobs();
    expect(sentTexts(h.fake, "boss").at(-1)).toBe("【升级】孙法务 已 48 小时未处理 王芳 的合同审批 #9，请督促或代为协调。");
    await h.runJobs();
    expect(sentTexts(h.fake, "boss").filter((t) => t.startsWith("【升级】"))).toHaveLength(1);
  });
});
