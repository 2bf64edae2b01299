// A release can be stopped and undone, through the signed webhook: 释放 asks first (card with
// 确认释放 / 取消, or typed) when open opportunities would go along, and a manager (or admin)
// gives a customer back with 分配 客户 <客户> <销售> — from the pool too — its open deals with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, type Harness } from "../support/harness.ts";
import { sayer, setUpTeam, startPoolHarness } from "../support/pool-fixtures.ts";

type Card = { task_id: string; main_title: { title: string }; horizontal_content_list: Array<{ keyname: string; value: string }>; button_list: Array<{ key: string; text: string }> };

let h: Harness;
const say = sayer(() => h);
const jiahe = () => h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "上海嘉禾信息科技有限公司" }, include: { opportunities: { include: { owner: true } }, owner: true } });
const lastCard = (who: string) => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").at(-1)!["template_card"] as Card;

beforeAll(async () => {
  h = await startPoolHarness("{}", { CRM_ADMINS: "it_admin" });
  await setUpTeam(h, { ru_a: "王芳", ru_b: "李强", ru_boss: "周静", ru_other: "陈杰" }, "华东", ["ru_a", "ru_b", "ru_boss"], "ru_boss");
  await say("ru_a", "新建线索 张伟 13811112222 上海嘉禾信息科技有限公司 展会");
  await say("ru_a", "转化 张伟");
  const { code } = (await jiahe()).opportunities[0]!;
  await say("ru_a", `商机 #${code} 金额:56万`);
  await say("ru_a", "新建客户 杭州清风茶业");
});
afterAll(() => h.dispose());

describe("释放 with open opportunities asks first", () => {
  it("shows what would go along; 取消 keeps it", async () => {
    const c = await jiahe();
    expect(await say("ru_a", "释放 嘉禾")).toBe(`[card] 释放客户 #${c.code} 上海嘉禾信息科技有限公司？`);
    const card = lastCard("ru_a");
    expect(card.horizontal_content_list.map((f) => f.value)).toContain(`#${c.opportunities[0]!.code} 初步沟通｜56万`);
    expect(card.button_list.map((b) => b.text)).toEqual(["确认释放", "取消"]);
    expect(await say("ru_a", "取消")).not.toMatch(/释放到公海/);
    expect((await jiahe()).owner?.wecomUserId).toBe("ru_a");
  });

  it("the card's 确认释放 releases it, with its deal", async () => {
    await say("ru_a", "释放 嘉禾 客户暂无预算");
    const card = lastCard("ru_a");
    await h.clickCard("ru_a", card.button_list[0]!.key, card.task_id, "rc-release");
    await h.drain();
    const c = await jiahe();
    expect([c.ownerId, c.opportunities[0]!.ownerId]).toEqual([null, null]);
    expect(await h.tdb.db.prisma.poolEvent.findFirstOrThrow({ where: { customerId: c.id }, orderBy: { id: "desc" } })).toMatchObject({ kind: "released", reason: "客户暂无预算" });
  });

  it("a customer with no open deal is released at once", async () => {
    expect(await say("ru_a", "释放 清风茶业")).toMatch(/^已把客户 #\d+ 杭州清风茶业 释放到公海/);
  });
});

describe("分配 客户", () => {
  it("a manager gives a released customer back, its open deal too; audited, the rep told", async () => {
    expect(await say("ru_a", "领取 嘉禾")).toMatch(/刚从你名下回到公海/);
    const c0 = await jiahe();
    expect(await say("ru_boss", "分配 客户 嘉禾 ru_a")).toBe(`已把客户 #${c0.code} 上海嘉禾信息科技有限公司从公海分配给 王芳，1 个进行中的商机一并转交。`);
    const c = await jiahe();
    expect([c.owner?.wecomUserId, c.opportunities[0]!.owner?.wecomUserId]).toEqual(["ru_a", "ru_a"]);
    expect(sentTexts(h.fake, "ru_a").at(-1)).toContain(`周静 把客户 #${c.code} 上海嘉禾信息科技有限公司 分配给了你`);
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { action: "assign", entity: "customer", entityId: c.id } })).toBe(1);
  });

  it("between reps of the team; a rep may not; someone outside the scope is not found; an admin may", async () => {
    const c0 = await jiahe();
    expect(await say("ru_boss", `分配 客户#${c0.code} 李强`)).toMatch(/分配给 李强/);
    expect(sentTexts(h.fake, "ru_a").at(-1)).toBe(`周静 把你的客户 #${c0.code} 上海嘉禾信息科技有限公司 转给了 李强。`);
    expect((await jiahe()).opportunities[0]!.owner?.wecomUserId).toBe("ru_b");
    expect(await say("ru_b", "分配 客户 嘉禾 ru_a")).toContain("你没有权限");
    expect(await say("ru_boss", "分配 客户 嘉禾 ru_other")).toContain("找不到同事「ru_other」");
    expect(await say("it_admin", "分配 客户 嘉禾 ru_other")).toMatch(/分配给 陈杰/);
    expect((await jiahe()).opportunities[0]!.owner?.wecomUserId).toBe("ru_other");
  });

  it("分配 of a lead still works", async () => {
    await say("ru_a", "新建线索 刘洋 13822223333 小米 展会");
    expect(await say("ru_boss", "分配 刘洋 李强")).toMatch(/^已把线索 #\d+ 刘洋 分配给 李强。$/);
  });
});
