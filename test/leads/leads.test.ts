// Leads through the signed webhook: fields, duplicates, scores and scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.users = { rep_a: "王芳", rep_b: "李强", boss: "陈经理" };
  // A team: rep_a reports to boss; rep_b is in no team.
  const team = await h.tdb.db.prisma.team.create({ data: { name: "华南一组" } });
  const boss = await h.tdb.db.prisma.user.create({ data: { wecomUserId: "boss", name: "陈经理", role: "manager", teamId: team.id } });
  await h.tdb.db.prisma.user.create({ data: { wecomUserId: "rep_a", name: "王芳", teamId: team.id, managerId: boss.id } });
  await h.tdb.db.prisma.user.create({ data: { wecomUserId: "rep_b", name: "李强" } });
  await h.tdb.db.prisma.user.create({ data: { wecomUserId: "rep_c", name: "周敏", teamId: team.id, managerId: boss.id } });
});
afterAll(() => h.dispose());

const say = async (who: string, text: string) => {
  expect((await h.sendText(who, text)).status).toBe(200);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
};
const lastCard = (who: string) => {
  const m = h.fake.sentMessages().filter((x) => x["touser"] === who).at(-1)!;
  return m["template_card"] as { horizontal_content_list: Array<{ keyname: string; value: string }> };
};

describe("leads", () => {
  it("stores the optional fields and scores by source", async () => {
    await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会 微信:zw_2024 地区:深圳 产品:CRM 备注:对私有化部署 很感兴趣");
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { phone: "13811112222" } });
    expect(lead).toMatchObject({
      name: "张伟",
      company: "华为技术有限公司",
      source: "展会",
      wechatId: "zw_2024",
      region: "深圳",
      productLine: "CRM",
      note: "对私有化部署 很感兴趣",
      score: 50,
      grade: "B",
    });
    expect(lastCard("rep_a").horizontal_content_list).toContainEqual({ type: 0, keyname: "评分", value: "50 分 · B 级" });
  });

  it("a duplicate phone from the owner points to the existing lead", async () => {
    const reply = await say("rep_a", "新建线索 张伟 138-1111-2222");
    expect(reply).toMatch(/^这条线索已存在：#\d+ 张伟（你负责）/);
    expect(await h.tdb.db.prisma.lead.count({ where: { phone: "13811112222" } })).toBe(1);
  });

  it("a duplicate company + name from another rep names the owner and shows nothing else", async () => {
    const reply = await say("rep_b", "新建线索 张伟 13999998888 华为技术 转介绍");
    expect(reply).toBe("这条线索已存在，负责人是 王芳。如需跟进，请联系 王芳 或你的主管。");
    expect(reply).not.toContain("138");
    expect(await h.tdb.db.prisma.lead.count({ where: { name: "张伟" } })).toBe(1);
  });

  it("the owner's manager sees which lead it is", async () => {
    const reply = await say("boss", "新建线索 张伟 13811112222");
    expect(reply).toMatch(/^这条线索已存在：#\d+ 张伟，负责人 王芳。$/);
  });

  it("评分 shows the ledger with reasons", async () => {
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { phone: "13811112222" } });
    const reply = await say("rep_a", `评分 #${lead.code}`);
    expect(reply).toContain(`线索 #${lead.code} 张伟：50 分 · B 级`);
    expect(reply).toMatch(/\+50　来源：展会/);
    expect(await say("rep_a", "score 张伟")).toContain("50 分");
    expect(await say("rep_a", "评分张伟")).toContain(`线索 #${lead.code} 张伟：50 分 · B 级`);
  });

  it("another rep asking for it gets 'not found', and the attempt is audited", async () => {
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { phone: "13811112222" } });
    expect(await say("rep_b", `评分 #${lead.code}`)).toBe(`找不到线索「#${lead.code}」。发送「我的线索」查看你的线索。`);
    const denied = await h.tdb.db.prisma.auditEntry.findMany({ where: { action: "read_denied" }, include: { actor: true } });
    expect(denied.map((d) => [d.actor?.wecomUserId, d.detail])).toEqual([["rep_b", { ref: `#${lead.code}` }]]);
    expect(await say("boss", `评分 #${lead.code}`)).toContain("50 分 · B 级");
  });

  it("two reps creating the same lead at the same moment make one lead", async () => {
    await Promise.all([h.sendText("rep_a", "新建线索 赵敏 13700001111 腾讯"), h.sendText("rep_b", "新建线索 赵敏 13700001111 腾讯")]);
    await h.drain();
    expect(await h.tdb.db.prisma.lead.count({ where: { phone: "13700001111" } })).toBe(1);
    const replies = [sentTexts(h.fake, "rep_a").at(-1)!, sentTexts(h.fake, "rep_b").at(-1)!];
    expect(replies.filter((r) => r.startsWith("[card] 已创建线索"))).toHaveLength(1);
    expect(replies.filter((r) => r.startsWith("这条线索已存在"))).toHaveLength(1);
  });

  it("a WeChat id is enough to reach a lead; a company alone is not", async () => {
    expect(await say("rep_b", "新建线索 吴九 小米 微信:wujiu88")).toMatch(/^\[card\] 已创建线索/);
    expect(await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "吴九" } })).toMatchObject({ phone: null, company: "小米", wechatId: "wujiu88" });
    expect(lastCard("rep_b").horizontal_content_list).toContainEqual({ type: 0, keyname: "微信", value: "wujiu88" });
    expect(await say("rep_b", "我的线索")).toMatch(/#\d+ 吴九 微信 wujiu88 · 小米 · 其他 · 新线索/);
    expect(await say("rep_b", "新建线索 郑十 微信:zs10 展会")).toMatch(/^\[card\] 已创建线索/);
    const noWay = await say("rep_b", "新建线索 冯十一 小米");
    expect(noWay).toMatch(/^手机号和微信至少写一个/);
    expect(await say("rep_b", "新建线索 冯十一 1380013")).toMatch(/^手机号「1380013」格式不对/);
    expect(await h.tdb.db.prisma.lead.count({ where: { name: "冯十一" } })).toBe(0);
  });

  it("今日待办 lists the rep's own new leads still waiting for a first contact, until followed up", async () => {
    expect(await say("rep_d", "今日待办")).toBe("今天没有待办：没有提醒、待联系的新线索，也没有停滞的商机。");
    await say("rep_d", "新建线索 卫十二 13655556666 京东 展会");
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "卫十二" } });
    h.clock.set(new Date(h.clock.now().getTime() + 5 * 3_600_000));
    const agenda = await say("rep_d", "今日待办");
    expect(agenda).toContain(`待首次联系的新线索：\n• #${lead.code} 卫十二（京东） · 已等 5 小时`);
    expect(await say("rep_a", "今日待办")).not.toContain("卫十二");
    await say("rep_d", "跟进 卫十二 打过电话了");
    expect(await say("rep_d", "今日待办")).not.toContain("卫十二");
  });

  it("bad optional fields are explained with the usage", async () => {
    const reply = await say("rep_b", `新建线索 周杰 13600001111 地区:${"很长".repeat(20)}`);
    expect(reply).toContain("地区最多 32 个字");
    expect(reply).toContain("用法：新建线索 <姓名> <手机>");
  });

  it("分配: a manager moves a team lead; both reps are told; before/after audited", async () => {
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { phone: "13811112222" } });
    expect(await say("rep_a", `分配 #${lead.code} 周敏`)).toBe("你没有权限使用「分配」。如需开通请联系管理员。");
    expect(await say("boss", `分配 #${lead.code} rep_b`)).toContain("找不到同事「rep_b」");
    expect(await say("boss", `assign #${lead.code} 周敏`)).toBe(`已把线索 #${lead.code} 张伟 分配给 周敏。`);
    expect(sentTexts(h.fake, "rep_c").at(-1)).toBe(
      `陈经理 把线索 #${lead.code} 张伟（华为技术有限公司）分配给你，电话 13811112222。请在 24 小时内首次跟进。`,
    );
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe(`陈经理 把你的线索 #${lead.code} 张伟 转给了 周敏。`);
    const entry = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { action: "assign", entityId: lead.id } });
    const [a, c] = await Promise.all(["rep_a", "rep_c"].map((w) => h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: w } })));
    expect(entry.detail).toEqual({ before: { ownerId: a!.id }, after: { ownerId: c!.id } });
    expect(await say("boss", `分配 #${lead.code} rep_c`)).toBe(`线索 #${lead.code} 的负责人已经是 周敏。`);
  });
});
