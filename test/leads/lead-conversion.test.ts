// 转化 through the signed webhook: customer + contact + opportunity, history carried over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialsOf } from "../../src/util/pinyin.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.users = { rep_a: "王芳", rep_b: "李强" };
});
afterAll(() => h.dispose());

const say = async (who: string, text: string) => {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
};

describe("转化", () => {
  it("makes a customer, a contact and an opportunity at the first stage", async () => {
    await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会 产品:CRM");
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { phone: "13811112222" } });
    // A follow-up recorded on the lead must follow it to the customer.
    const rep = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "rep_a" } });
    await h.tdb.db.prisma.followUp.create({ data: { leadId: lead.id, authorId: rep.id, channel: "电话", content: "初次沟通", at: h.clock.now() } });

    const reply = await say("rep_a", `转化 #${lead.code}`);
    expect(reply).toMatch(new RegExp(`^已转化线索 #${lead.code} 张伟：客户 #\\d+ 华为技术有限公司，联系人 张伟，商机 #\\d+（初步沟通）。$`));
    const customer = await h.tdb.db.prisma.customer.findFirstOrThrow({
      include: { contacts: true, opportunities: { include: { stageChanges: true } }, followUps: true },
    });
    expect(customer).toMatchObject({ name: "华为技术有限公司", initials: "hwjsyxgs", ownerId: rep.id, fromLeadId: lead.id });
    expect(customer.contacts.map((c) => [c.name, c.phone])).toEqual([["张伟", "13811112222"]]);
    expect(customer.opportunities.map((o) => [o.name, o.stage, o.ownerId])).toEqual([["华为技术有限公司 · CRM", "初步沟通", rep.id]]);
    expect(customer.opportunities[0]!.stageChanges.map((s) => [s.fromStage, s.toStage])).toEqual([[null, "初步沟通"]]);
    expect(customer.followUps.map((f) => f.content)).toEqual(["初次沟通"]);
    expect((await h.tdb.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("converted");
    expect(await say("rep_a", `转化 #${lead.code}`)).toBe(`线索 #${lead.code} 已经转化过了，客户是 华为技术有限公司。`);
  });

  it("a second contact at the same company joins the existing customer", async () => {
    await say("rep_a", "新建线索 刘洋 13811113333 华为技术");
    expect(await say("rep_a", "转化 刘洋")).toMatch(/^已转化线索 #\d+ 刘洋：并入已有客户 #\d+ 华为技术有限公司，联系人 刘洋/);
    expect(await h.tdb.db.prisma.customer.count()).toBe(1);
    expect(await h.tdb.db.prisma.contact.count()).toBe(2);
  });

  it("someone else's customer is not touched: the owner is named", async () => {
    // A lead at someone else's customer asks for 仍然新建 first (issue 12: likely duplicate companies).
    await say("rep_b", "新建线索 马丽 13811114444 华为技术股份有限公司 仍然新建");
    expect(await say("rep_b", "转化 马丽")).toBe("这家客户已存在，负责人是 王芳。请联系 王芳 或你的主管。");
    expect(await h.tdb.db.prisma.contact.count()).toBe(2);
    expect((await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "马丽" } })).status).toBe("new");
  });

  it("another rep's lead cannot be converted", async () => {
    expect(await say("rep_b", "转化 刘洋")).toBe("找不到线索「刘洋」。发送「我的线索」查看你的线索。");
  });

  it("carries the lead's region and note to the customer, and its identities to the contact", async () => {
    await say("rep_a", "新建线索 周八 13811115555 杭州某某网络 转介绍 地区:杭州 备注:想要私有化部署");
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "周八" } });
    const identity = await h.tdb.db.prisma.channelIdentity.create({ data: { channel: "mp", externalId: "openid-zhou8", leadId: lead.id } });
    expect(await say("rep_a", "转化周八")).toMatch(/^已转化线索 #\d+ 周八：客户 #\d+ 杭州某某网络/);
    const customer = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "杭州某某网络" }, include: { contacts: true } });
    expect(customer).toMatchObject({ region: "杭州", note: "想要私有化部署" });
    expect((await h.tdb.db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: identity.id } })).contactId).toBe(customer.contacts[0]!.id);
    // A second lead at the same company fills what the customer lacks and overwrites nothing.
    await h.tdb.db.prisma.customer.update({ where: { id: customer.id }, data: { region: null } });
    await say("rep_a", "新建线索 吴九 13811116666 杭州某某网络 地区:浙江 备注:别的备注");
    await say("rep_a", "转化 吴九");
    expect(await h.tdb.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ region: "浙江", note: "想要私有化部署" });
  });
});

describe("pinyin initials", () => {
  it("takes the first letter of each character, keeping letters and digits", () => {
    expect(initialsOf("华为技术")).toBe("hwjs");
    expect(initialsOf("张伟")).toBe("zw");
    expect(initialsOf("ABC科技 2号")).toBe("abckj2h");
  });
});
