// A rep leaves — WeCom's change_contact delete_user through the signed webhook, or 离职 — and
// nothing stays with them: their book moves (as 离职 does), open tickets go to their manager,
// and their WeCom customers are transferred with resigned/transfer_customer to whoever now
// has each customer, by a durable job that survives a WeCom outage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTERNAL_CHANNEL } from "../../src/crm/external-contacts/external-contacts.ts";
import { customerAdds, postMemberDeleted } from "../support/external-contact-events.ts";
import { sentTexts, type Harness } from "../support/harness.ts";
import { sayer, setUpTeam, startPoolHarness, userId } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const prisma = () => h.tdb.db.prisma;
const lastTo = (who: string) => sentTexts(h.fake, who).at(-1);
const TRANSFER = "/cgi-bin/externalcontact/resigned/transfer_customer";

const followers = async (...ids: string[]) =>
  (await prisma().channelIdentity.findMany({ where: { channel: EXTERNAL_CHANNEL, externalId: { in: ids } }, orderBy: { externalId: "asc" } })).map((i) => [i.externalId, i.followUserId]);

async function ticketFor(who: string, status: string) {
  return prisma().ticket.create({
    data: { title: "打印机卡纸", type: "报修", priority: "P2", status, source: "rep", assigneeId: await userId(h, who), dueAt: h.clock.now() },
  });
}

beforeAll(async () => {
  h = await startPoolHarness("{}\n", { CRM_ADMINS: "it_admin" });
  await setUpTeam(h, { rep_a: "王芳", rep_b: "李强", rep_c: "赵磊", boss: "陈经理", it_admin: "赵管理" }, "综合", ["rep_a", "rep_b", "rep_c"], "boss");
  await say("it_admin", "团队 主管 rep_a boss");
  await say("it_admin", "团队 主管 rep_b boss");
});
afterAll(() => h.dispose());

describe("a rep deleted from the WeCom directory", () => {
  it("is handed over like 离职; open tickets go to the manager; the admins hear what happened", async () => {
    await customerAdds(h, "rep_a", "wm_a1", { name: "甲总", corpFull: "甲公司" });
    await customerAdds(h, "rep_a", "wm_a2", { name: "乙先生" });
    // A contact of a colleague's customer who also added rep_a: they go to that colleague.
    await say("rep_b", "新建客户 丙公司");
    await customerAdds(h, "rep_a", "wm_a3", { name: "丙经理", corpFull: "丙公司" });
    await say("rep_a", "新建线索 丁一 13800001001 丁公司");
    const open = await ticketFor("rep_a", "in_progress");
    const resolved = await ticketFor("rep_a", "resolved");

    await postMemberDeleted(h, "rep_a");

    const [repA, boss] = [await userId(h, "rep_a"), await userId(h, "boss")];
    expect((await prisma().user.findUniqueOrThrow({ where: { id: repA } })).active).toBe(false);
    expect(await prisma().customer.count({ where: { ownerId: repA } })).toBe(0);
    expect(await prisma().lead.count({ where: { ownerId: repA } })).toBe(0);
    expect(await prisma().customer.count({ where: { ownerId: boss, name: { in: ["甲公司", "乙先生"] } } })).toBe(2);
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: open.id } })).assigneeId).toBe(boss);
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: resolved.id } })).assigneeId).toBe(repA);
    expect(lastTo("it_admin")).toBe(
      "企业微信通讯录已删除成员 王芳，已自动办理离职。\n" +
        "已为 王芳 办理离职，账号已停用：客户 2 个、线索 1 条、商机 0 个 已交给 陈经理。\n" +
        "进行中的工单 1 个已交给 陈经理。企业微信客户 2 位转给 陈经理，1 位转给 李强（企业微信 24 小时后完成接替）。",
    );
    expect(lastTo("boss")).toBe("王芳 已离职，Ta 的客户 2 个、线索 1 条、商机 0 个 已交给你。发送「我的线索」「我的商机」查看。");
  });

  it("their WeCom customers are transferred with the right ids, after a WeCom outage", async () => {
    h.fake.failNext(TRANSFER, { kind: "http", status: 503 });
    await h.runJobs();
    expect(await prisma().job.count({ where: { kind: "wecom_resigned_transfer", status: "pending", attempts: 1 } })).toBe(1);
    h.clock.advance(31_000);
    await h.runJobs();
    expect(await prisma().job.count({ where: { kind: "wecom_resigned_transfer", status: { not: "done" } } })).toBe(0);
    const bodies = h.fake.accepted(TRANSFER).sort((a, b) => String(a["takeover_userid"]).localeCompare(String(b["takeover_userid"])));
    expect(bodies).toEqual([
      { handover_userid: "rep_a", takeover_userid: "boss", external_userid: ["wm_a1", "wm_a2"] },
      { handover_userid: "rep_a", takeover_userid: "rep_b", external_userid: ["wm_a3"] },
    ]);
    expect(await followers("wm_a1", "wm_a2", "wm_a3")).toEqual([
      ["wm_a1", "boss"],
      ["wm_a2", "boss"],
      ["wm_a3", "rep_b"],
    ]);
    expect(lastTo("boss")).toBe("王芳 的 2 位企业微信客户正在转给你，企业微信将在 24 小时后完成接替。");
    expect(lastTo("rep_b")).toBe("王芳 的 1 位企业微信客户正在转给你，企业微信将在 24 小时后完成接替。");
  });

  it("a repeated delete_user transfers nothing twice", async () => {
    const before = h.fake.sentMessages().length;
    await postMemberDeleted(h, "rep_a");
    await h.runJobs();
    expect(h.fake.accepted(TRANSFER)).toHaveLength(2);
    expect(h.fake.sentMessages()).toHaveLength(before);
  });
});

describe("离职 before the member leaves the WeCom directory", () => {
  it("WeCom refuses while they are still there; their deletion transfers the customers", async () => {
    await customerAdds(h, "rep_b", "wm_b1", { name: "戊总", corpFull: "戊公司" });
    h.fake.stillEmployed.add("rep_b");
    const reply = await say("it_admin", "离职 李强 公海");
    expect(reply).toContain("客户 2 个退回公海");
    expect(reply).toContain("\n企业微信客户 2 位转给 陈经理（企业微信 24 小时后完成接替）。");
    await h.runJobs();
    expect(lastTo("it_admin")).toBe("李强 还没有从企业微信通讯录删除，Ta 的 2 位企业微信客户暂时不能转交；在通讯录删除该成员后会自动再转。");
    expect(await followers("wm_a3", "wm_b1")).toEqual([
      ["wm_a3", "rep_b"],
      ["wm_b1", "rep_b"],
    ]);

    h.fake.stillEmployed.delete("rep_b");
    await postMemberDeleted(h, "rep_b");
    expect(lastTo("it_admin")).toBe("企业微信通讯录已删除成员 李强（此前已办理离职）。企业微信客户 2 位转给 陈经理（企业微信 24 小时后完成接替）。");
    await h.runJobs();
    expect(h.fake.accepted(TRANSFER).at(-1)).toEqual({ handover_userid: "rep_b", takeover_userid: "boss", external_userid: ["wm_a3", "wm_b1"] });
    expect(await followers("wm_a3", "wm_b1")).toEqual([
      ["wm_a3", "boss"],
      ["wm_b1", "boss"],
    ]);
  });
});

describe("nobody to take over", () => {
  it("without a manager, pool customers' WeCom contacts wait in WeCom's list; open tickets are unassigned; the admin is told", async () => {
    await customerAdds(h, "rep_c", "wm_c1", { name: "己女士" });
    const open = await ticketFor("rep_c", "new");
    const jobs = await prisma().job.count({ where: { kind: "wecom_resigned_transfer" } });
    const reply = await say("it_admin", "离职 赵磊");
    expect(reply).toMatch(/^已为 赵磊 办理离职，账号已停用（Ta 没有主管，按公海处理）：客户 1 个退回公海/);
    expect(reply).toContain("\n进行中的工单 1 个已取消指派，请重新分派。1 位企业微信客户无人接替，留在企业微信「待分配离职成员」中，请在管理后台分配。");
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: open.id } })).assigneeId).toBeNull();
    expect(await prisma().job.count({ where: { kind: "wecom_resigned_transfer" } })).toBe(jobs);
  });
});
