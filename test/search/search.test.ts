// 查 through the signed webhook: by name (or part of it), phone, pinyin initials, with a
// typo; one hit opens the 360° card, several make a list; scopes and their audit entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";
import { sayer } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const code = async (name: string) => (await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name } })).code;
const audits = (action: string) => h.tdb.db.prisma.auditEntry.findMany({ where: { action }, include: { actor: true }, orderBy: { id: "asc" } });

beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" }, dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 } });
  h.fake.users = { rep_a: "王芳", rep_b: "李强", boss: "陈经理" };
  for (const line of ["团队 新建 华东一组", "团队 加入 华东一组 rep_a", "团队 加入 华东一组 boss", "团队 角色 boss 主管", "团队 主管 rep_a boss"]) {
    await say("it_admin", line);
  }
  await say("rep_a", "新建客户 华为技术有限公司 级别:重点 行业:通信 地区:深圳");
  await say("rep_a", "新建客户 华为云计算技术有限公司");
  await say("rep_a", "新建客户 深圳市腾讯计算机系统有限公司 标签:年底采购");
  await say("rep_a", "联系人 华为技术 张伟 13811112222 职务:采购总监 生日:03-08 决策角色:决策者");
  await say("rep_a", "新建线索 赵敏 13822223333 阿里巴巴 展会");
  await say("rep_b", "新建客户 北京字节跳动科技有限公司");
  await say("rep_b", "联系人 字节跳动 刘洋 13933334444");
});
afterAll(() => h.dispose());

describe("查 finds", () => {
  it("a customer by a part of its name, even in the middle, and shows its card", async () => {
    const card = await say("rep_a", "查 腾讯");
    expect(card.split("\n").slice(0, 3)).toEqual([`客户 #${await code("深圳市腾讯计算机系统有限公司")} 深圳市腾讯计算机系统有限公司`, "负责人 王芳", "标签：年底采购"]);
    expect(await say("rep_a", "查腾讯")).toBe(card); // glued to the command, as people type it
  });

  it("several hits as a numbered list that says how to open one", async () => {
    const [a, b] = [await code("华为技术有限公司"), await code("华为云计算技术有限公司")];
    expect(await say("rep_a", "查 华为")).toBe(
      [`找到 2 条与「华为」相关的记录：`, `1. 客户#${a} 华为技术有限公司 · 王芳`, `2. 客户#${b} 华为云计算技术有限公司 · 王芳`, `回复序号打开一条，或发送「查 客户#${a}」。`].join("\n"),
    );
    expect((await say("rep_a", `查 客户#${b}`)).split("\n")[0]).toBe(`客户 #${b} 华为云计算技术有限公司`);
  });

  it("a number opens that entry of the list last shown, not an older card's button", async () => {
    const [a, b] = [await code("华为技术有限公司"), await code("华为云计算技术有限公司")];
    // An older card with numbered choices is still open…
    expect(await say("rep_a", "今天跟华为打了电话，聊了报价")).toMatch(/^\[card\] 「华为」指的是哪一个？|「华为」指的是哪一个？/);
    // …then a search list is the last thing shown: its numbers win.
    await say("rep_a", "查 华为");
    expect((await say("rep_a", "2")).split("\n")[0]).toBe(`客户 #${b} 华为云计算技术有限公司`);
    // The card shown since is no list: a number no longer opens anything from it.
    expect(await say("rep_a", "1")).not.toMatch(/^客户 #/);
    await say("rep_a", "查 华为");
    expect((await say("rep_a", "1")).split("\n")[0]).toBe(`客户 #${a} 华为技术有限公司`);
    expect(await h.tdb.db.prisma.followUp.count()).toBe(0);
    await say("rep_a", "取消");
  });

  it("the full name (however the company is typed) opens the card directly", async () => {
    const card = await say("rep_a", "查 华为技术（有限公司）");
    expect(card.split("\n")[0]).toBe(`客户 #${await code("华为技术有限公司")} 华为技术有限公司`);
  });

  it("a contact's mobile, whole or its last four digits, and the contact's name open the customer", async () => {
    const title = `客户 #${await code("华为技术有限公司")} 华为技术有限公司`;
    for (const q of ["13811112222", "138-1111-2222", "2222", "张伟"]) expect((await say("rep_a", `查 ${q}`)).split("\n")[0]).toBe(title);
  });

  it("pinyin initials: from the start of the name, or inside it", async () => {
    expect(await say("rep_a", "查 hw")).toMatch(/^找到 2 条与「hw」相关的记录：\n1\. 客户#\d+ 华为技术有限公司/);
    expect((await say("rep_a", "查 txjsj")).split("\n")[0]).toMatch(/^客户 #\d+ 深圳市腾讯计算机系统有限公司$/);
  });

  it("forgives a homophone typed by the input method, and one wrong or missing character", async () => {
    expect(await say("rep_a", "查 腾迅")).toMatch(/^没有完全匹配「腾迅」的记录，最接近的是：\n客户 #\d+ 深圳市腾讯计算机系统有限公司\n/);
    expect(await say("rep_a", "查 张玮")).toMatch(/^没有完全匹配「张玮」的记录，最接近的是：\n客户 #\d+ 华为技术有限公司\n/);
    expect(await say("rep_a", "查 华为技木")).toMatch(/^没有完全匹配「华为技木」的记录，最接近的是：\n客户 #\d+ 华为技术有限公司\n/);
    expect(await say("rep_a", "查 腾讯计机")).toMatch(/^没有完全匹配「腾讯计机」的记录，最接近的是：\n客户 #\d+ 深圳市腾讯/);
  });

  it("a lead, with its card", async () => {
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "赵敏" } });
    const card = await say("rep_a", "查 赵敏");
    expect(card).toBe([`线索 #${lead.code} 赵敏（阿里巴巴）`, "手机 13822223333 · 来源 展会 · 新线索", "50 分 · B 级 · 负责人 王芳", "最近跟进：暂无"].join("\n"));
    expect(await say("rep_a", `查 线索#${lead.code}`)).toBe(card);
    expect((await say("rep_a", "查 阿里巴巴")).split("\n")[0]).toBe(`线索 #${lead.code} 赵敏（阿里巴巴）`);
    expect((await say("rep_a", "查 zm")).split("\n")[0]).toBe(`线索 #${lead.code} 赵敏（阿里巴巴）`);
    expect((await say("rep_a", "查一下阿里巴巴")).split("\n")[0]).toBe(`线索 #${lead.code} 赵敏（阿里巴巴）`);
  });

  it("answers a miss, and a query too short to search, with a hint", async () => {
    expect(await say("rep_a", "查 小米科技")).toBe("没有找到「小米科技」。可以按客户名称、联系人或线索姓名、手机号（或后 4 位）、拼音首字母（如 hw）查找。");
    expect(await say("rep_a", "查 华")).toBe("请至少写 2 个字，或手机号后 4 位。例如：查 华为、查 hw、查 2222");
    expect(await say("rep_a", "查")).toContain("缺少要查的内容\n用法：查 <名称|手机|拼音首字母|客户#编号|线索#编号>");
  });
});

describe("查 and scopes", () => {
  it("another rep cannot find it: the answer is the same as a miss, and the attempt is audited", async () => {
    const before = (await audits("read_denied")).length;
    expect(await say("rep_b", "查 腾讯")).toBe("没有找到「腾讯」。可以按客户名称、联系人或线索姓名、手机号（或后 4 位）、拼音首字母（如 hw）查找。");
    expect(await say("rep_b", "查 13811112222")).toMatch(/^没有找到「13811112222」/);
    const denied = (await audits("read_denied")).slice(before);
    const tencent = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: { contains: "腾讯" } } });
    const huawei = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "华为技术有限公司" } });
    expect(denied.map((d) => [d.actor?.wecomUserId, d.entity, d.entityId, d.detail])).toEqual([
      ["rep_b", "customer", tencent.id, { query: "腾讯" }],
      ["rep_b", "customer", huawei.id, { query: "13811112222" }],
    ]);
    expect((await say("rep_b", "查 字节")).split("\n")[0]).toMatch(/^客户 #\d+ 北京字节跳动科技有限公司$/);
  });

  it("a plain miss is not audited", async () => {
    const before = (await audits("read_denied")).length;
    await say("rep_b", "查 小米科技");
    expect((await audits("read_denied")).length).toBe(before);
  });

  it("a manager finds the team's customers; seeing a rep's phone numbers is audited", async () => {
    const before = (await audits("read_sensitive")).length;
    await say("rep_a", "查 华为技术有限公司"); // the owner's own look is not sensitive
    expect((await audits("read_sensitive")).length).toBe(before);
    const card = await say("boss", "查 华为技术有限公司");
    expect(card).toContain("• 张伟｜采购总监｜13811112222｜决策者｜生日 3月8日");
    const [entry] = (await audits("read_sensitive")).slice(before);
    const huawei = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "华为技术有限公司" }, include: { contacts: true } });
    expect(entry).toMatchObject({ entity: "customer", entityId: huawei.id, detail: { shown: "phone", contacts: [{ id: huawei.contacts[0]!.id, name: "张伟" }] } });
    expect(entry!.actor?.wecomUserId).toBe("boss");
    expect(await say("boss", "查 字节")).toMatch(/^没有找到「字节」/); // rep_b is not in the team
    expect(await say("boss", "查 赵敏")).toMatch(/^线索 #\d+ 赵敏/);
  });

  it("an admin finds everyone's", async () => {
    expect((await say("it_admin", "查 字节")).split("\n")[0]).toMatch(/^客户 #\d+ 北京字节跳动科技有限公司$/);
    expect(await say("it_admin", "查 刘洋")).toMatch(/^客户 #\d+ 北京字节跳动科技有限公司\n负责人 李强\n/);
  });
});

describe("帮助", () => {
  it("lists 查 and the customer commands, and shows 查's usage", async () => {
    const before = sentTexts(h.fake, "rep_a").length;
    await say("rep_a", "帮助");
    const help = sentTexts(h.fake, "rep_a").slice(before).join("\n"); // long help comes in parts
    expect(help).toContain("【客户】查、新建客户、客户、我的客户、联系人");
    expect(help).toContain("• 查 华为");
    expect(await say("rep_a", "帮助 查")).toBe(
      "查：在你能看到的线索、客户、联系人里找：名称、手机（或后 4 位）、拼音首字母，写错一个字也行\n用法：查 <名称|手机|拼音首字母|客户#编号|线索#编号>\n例如：查 华为",
    );
  });
});
