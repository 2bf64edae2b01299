// 新建客户, 客户, 联系人 and 我的客户 through the signed webhook: dedupe, levels, tags,
// custom fields from the config, birthdays, the 360° card, scopes and audit entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { sayer } from "../support/pool-fixtures.ts";

const CONFIG = `
customers:
  levels: [重点, 普通, 潜在]
  customFields:
    - { key: decisionRole, label: 决策角色, appliesTo: contact, type: enum, options: [决策者, 影响者, 使用者, 守门人] }
    - { key: annualSpend, label: 年采购额, appliesTo: customer, type: number }
    - { key: signedOn, label: 签约日期, appliesTo: customer, type: date }
    - { key: channel, label: 合作方式, appliesTo: customer, type: enum, options: [直签, 渠道] }
    - { key: hobby, label: 爱好, appliesTo: contact, type: text }
`;

let h: Harness;
const say = sayer(() => h);
const huawei = () => h.tdb.db.prisma.customer.findFirstOrThrow({ where: { nameKey: "华为技术" }, include: { contacts: { orderBy: { createdAt: "asc" } } } });
const auditsOf = (entity: string, entityId: string) => h.tdb.db.prisma.auditEntry.findMany({ where: { entity, entityId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  h = await startHarness({ crmYaml: CONFIG, env: { CRM_ADMINS: "it_admin" }, dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 } });
  h.fake.users = { rep_a: "王芳", rep_b: "李强", boss: "陈经理" };
  for (const line of ["团队 新建 华东一组", "团队 加入 华东一组 rep_a", "团队 加入 华东一组 boss", "团队 角色 boss 主管", "团队 主管 rep_a boss"]) {
    await say("it_admin", line);
  }
});
afterAll(() => h.dispose());

describe("新建客户", () => {
  it("creates a customer owned by the creator, with its level, industry, region and tags", async () => {
    const reply = await say("rep_a", "新建客户 华为技术有限公司 级别:重点 行业:通信 地区:深圳 标签:年底采购,老客户 备注:对私有化部署 感兴趣");
    const c = await huawei();
    expect(reply).toBe(`已创建客户 #${c.code} 华为技术有限公司（重点 · 通信 · 深圳 · 标签 年底采购、老客户），负责人是你。\n添加联系人：联系人 #${c.code} 张伟 13800138000 职务:采购经理`);
    const rep = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "rep_a" } });
    expect(c).toMatchObject({ initials: "hwjsyxgs", level: "重点", industry: "通信", region: "深圳", tags: ["年底采购", "老客户"], note: "对私有化部署 感兴趣", ownerId: rep.id });
    expect(c.ownedSince?.toISOString()).toBe(h.clock.now().toISOString());
    const [created] = await auditsOf("customer", c.id);
    expect(created).toMatchObject({ action: "create", actorId: rep.id, detail: { after: { name: "华为技术有限公司", level: "重点", tags: ["年底采购", "老客户"] } } });
  });

  it("a company typed another way is the same customer: the owner is named, details only to who may see them", async () => {
    const c = await huawei();
    expect(await say("rep_a", "新建客户 华为技术")).toBe(`客户已存在：#${c.code} 华为技术有限公司（你负责）。发送「客户 #${c.code}」查看。`);
    expect(await say("boss", "新建客户 华为技术（有限公司）")).toBe(`客户已存在：#${c.code} 华为技术有限公司，负责人 王芳。`);
    expect(await say("rep_b", "新建客户 华为技术股份有限公司")).toBe("这家客户已存在，负责人是 王芳。请联系 王芳 或你的主管。");
    expect(await h.tdb.db.prisma.customer.count()).toBe(1);
  });

  it("explains a wrong level or custom field with the usage", async () => {
    const bad = await say("rep_a", "新建客户 腾讯 级别:VIP 合作方式:代理");
    expect(bad).toBe(
      "级别只能是：重点、普通、潜在\n「合作方式」只能是：直签、渠道\n" +
        "用法：新建客户 <名称> [级别:重点] [行业:…] [地区:…] [标签:a,b] [备注:…] [<自定义字段>:…] [仍然新建]\n例如：新建客户 华为技术有限公司 级别:重点 行业:通信 地区:深圳 标签:年底采购",
    );
    expect(await h.tdb.db.prisma.customer.count()).toBe(1);
  });
});

describe("客户", () => {
  it("changes level, tags (add and remove) and custom fields, audited before → after", async () => {
    const c = await huawei();
    const reply = await say("rep_a", "客户 华为 级别:普通 标签:+重点客户,-老客户 年采购额:50万 签约日期:2026/12/1 合作方式:直签");
    expect(reply).toBe(`已更新客户 #${c.code} 华为技术有限公司：级别 普通，标签 年底采购、重点客户，年采购额 500000，签约日期 2026-12-01，合作方式 直签。`);
    const after = await huawei();
    expect(after).toMatchObject({ level: "普通", tags: ["年底采购", "重点客户"], customFields: { annualSpend: 500000, signedOn: "2026-12-01", channel: "直签" } });
    const update = (await auditsOf("customer", c.id)).at(-1)!;
    expect(update).toMatchObject({
      action: "update",
      detail: { before: { level: "重点", tags: ["年底采购", "老客户"], customFields: {} }, after: { level: "普通", customFields: { annualSpend: 500000 } } },
    });
    expect(await say("rep_a", "客户 华为 级别:普通")).toBe(`客户 #${c.code} 华为技术有限公司 没有变化。`);
    expect(await say("rep_a", `客户 #${c.code} 标签:重点客户 合作方式:`)).toBe(`已更新客户 #${c.code} 华为技术有限公司：标签 重点客户，合作方式 （已清空）。`);
    expect(await say("rep_a", `客户 #${c.code} 备注:下周 10:00 拜访，联系人:张总 带方案 年采购额:60万`)).toBe(
      `已更新客户 #${c.code} 华为技术有限公司：备注 下周 10:00 拜访，联系人:张总 带方案，年采购额 600000。`,
    );
    await say("rep_a", `客户 #${c.code} 备注:对私有化部署 感兴趣 年采购额:50万`);
  });

  it("names the options of a wrong value, and the items there are for an unknown one", async () => {
    expect(await say("rep_a", "客户 华为 级别:VIP")).toMatch(/^级别只能是：重点、普通、潜在\n用法：客户 <客户\|#编号>/);
    expect(await say("rep_a", "客户 华为 年采购额:很多 签约日期:明年")).toMatch(/^「年采购额」应为数字，例如 500、1.5、50万\n「签约日期」应为日期，例如 2026-12-01\n用法：/);
    expect(await say("rep_a", "客户 华为 规模:500人")).toMatch(/^没有「规模」这一项。可以写：级别、行业、地区、标签、备注、年采购额、签约日期、合作方式\n用法：/);
    expect(await say("rep_a", "客户 华为 重点")).toMatch(/^多余的内容：「重点」\n用法：/);
    expect(await say("rep_a", "客户 华为 级别:重点 很重要")).toMatch(/^看不懂「很重要」，请写成「项目:内容」，例如 级别:重点\n用法：/);
  });

  it("another rep can neither see nor change it: not found, audited", async () => {
    expect(await say("rep_b", "客户 华为 级别:潜在")).toBe("找不到客户「华为」。发送「我的客户」看你的客户，或用「查 华为」查找。");
    expect(await say("rep_b", "客户 华为")).toBe("找不到客户「华为」。发送「我的客户」看你的客户，或用「查 华为」查找。");
    const denied = await h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "customer", action: { endsWith: "_denied" } } });
    expect(denied.map((d) => [d.action, d.detail])).toEqual([
      ["write_denied", { ref: "华为" }],
      ["read_denied", { ref: "华为" }],
    ]);
    expect((await huawei()).level).toBe("普通");
  });
});

describe("联系人", () => {
  it("adds a contact with a year-less birthday and a decision role", async () => {
    const c = await huawei();
    expect(await say("rep_a", "联系人 华为 张伟 13811112222 职务:采购总监 生日:03-08 决策角色:决策者")).toBe(
      "已为 华为技术有限公司 添加联系人 张伟（采购总监 · 13811112222 · 决策者 · 生日 3月8日）。",
    );
    const [zhang] = (await huawei()).contacts;
    expect(zhang).toMatchObject({ name: "张伟", initials: "zw", phone: "13811112222", title: "采购总监", customFields: { decisionRole: "决策者" } });
    expect(zhang!.birthday?.toISOString()).toBe("1904-03-08T00:00:00.000Z");
    expect((await auditsOf("contact", zhang!.id))[0]).toMatchObject({ action: "create", detail: { customerId: c.id, after: { birthday: "1904-03-08", phone: "13811112222" } } });
  });

  it("the same name updates that contact; a birthday with its year is kept whole", async () => {
    expect(await say("rep_a", "联系人 华为技术 张伟 生日:1985年5月1日 邮箱:zhangwei@huawei.com 爱好:钓鱼 决策角色:影响者")).toBe(
      "已更新 华为技术有限公司 的联系人 张伟：邮箱 zhangwei@huawei.com，生日 1985年5月1日，决策角色 影响者，爱好 钓鱼。",
    );
    const contacts = (await huawei()).contacts;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.birthday?.toISOString()).toBe("1985-05-01T00:00:00.000Z");
    expect(await say("rep_a", "联系人 华为 张伟 决策角色:影响者")).toBe("华为技术有限公司 的联系人 张伟 没有变化。");
    expect(await say("rep_a", "联系人 华为 刘洋 13811113333 决策角色:使用者 生日:02-29")).toBe("已为 华为技术有限公司 添加联系人 刘洋（13811113333 · 使用者 · 生日 2月29日）。");
  });

  it("explains a wrong phone, birthday, email or role", async () => {
    expect(await say("rep_a", "联系人 华为 王五 1381111")).toMatch(/^手机号「1381111」格式不对，应为 11 位中国大陆手机号\n用法：联系人 <客户> <姓名> \[手机\]/);
    expect(await say("rep_a", "联系人 华为 王五 生日:13-45 邮箱:wang@")).toMatch(/^生日「13-45」看不懂，可以写 03-08 或 1990-03-08\n邮箱「wang@」格式不对\n用法：/);
    expect(await say("rep_a", "联系人 华为 王五 决策角色:老板")).toMatch(/^「决策角色」只能是：决策者、影响者、使用者、守门人\n用法：.*\n例如：联系人 华为 张伟 13811112222 职务:采购总监 生日:03-08 决策角色:决策者$/);
    expect(await say("rep_a", "联系人 华为")).toMatch(/^缺少联系人姓名\n用法：/);
    expect((await huawei()).contacts.map((c) => c.name)).toEqual(["张伟", "刘洋"]);
  });

  it("cannot add one to someone else's customer", async () => {
    expect(await say("rep_b", "联系人 华为 赵六 13811115555")).toBe("找不到客户「华为」。发送「我的客户」看你的客户，或用「查 华为」查找。");
    expect((await huawei()).contacts).toHaveLength(2);
  });
});

describe("the 360° card and 我的客户", () => {
  it("客户 <客户> shows contacts, last follow-ups, open opportunities, owner, tags, custom fields, next reminder", async () => {
    await say("rep_a", "新建线索 马丽 13811116666 华为技术 展会 产品:CRM");
    await say("rep_a", "转化 马丽");
    const { code } = await h.tdb.db.prisma.opportunity.findFirstOrThrow();
    await say("rep_a", `商机 #${code} 金额:48万`);
    for (const [i, text] of ["初次电话", "发了方案", "聊了报价", "约了演示 下次 明天下午3点"].entries()) {
      h.clock.advance(60_000);
      await say("rep_a", `跟进 华为 ${text}${i === 1 ? " 方式:微信" : ""}`);
    }
    const c = await huawei();
    const opp = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customerId: c.id } });
    expect(await say("rep_a", "客户 华为")).toBe(
      [
        `客户 #${c.code} 华为技术有限公司`,
        "普通 · 通信 · 深圳 · 负责人 王芳",
        "标签：重点客户",
        "年采购额：500000 · 签约日期：2026-12-01",
        "备注：对私有化部署 感兴趣",
        "联系人（3）：",
        "• 张伟｜采购总监｜13811112222｜影响者｜爱好：钓鱼｜生日 1985年5月1日",
        "• 刘洋｜13811113333｜使用者｜生日 2月29日",
        "• 马丽｜13811116666",
        "最近跟进：",
        "• 11月23日 10:04 王芳（企业微信）：约了演示",
        "• 11月23日 10:03 王芳（企业微信）：聊了报价",
        "• 11月23日 10:02 王芳（微信）：发了方案",
        "进行中商机：",
        `• #${opp.code} ${opp.name}｜初步沟通｜48万`,
        "下次提醒：11月24日 15:00 跟进 华为技术有限公司：约了演示",
      ].join("\n"),
    );
  });

  it("我的客户 lists the user's customers with level, tags and last follow-up", async () => {
    await say("rep_a", "新建客户 深圳市腾讯计算机系统有限公司 级别:潜在");
    const [hw, tx] = [await huawei(), await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: { contains: "腾讯" } } })];
    expect(await say("rep_a", "我的客户")).toBe(
      [`你的客户（共 2 个）：`, `#${hw.code} 华为技术有限公司｜普通｜标签 重点客户｜最近跟进 11月23日`, `#${tx.code} 深圳市腾讯计算机系统有限公司｜潜在｜未跟进`].join("\n"),
    );
    expect(await say("rep_b", "我的客户")).toBe("你名下还没有客户。试试：新建客户 华为技术有限公司 级别:重点 行业:通信");
  });
});
