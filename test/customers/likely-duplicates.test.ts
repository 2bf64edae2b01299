// Likely duplicate companies, through the signed webhook and the REST API: a name that
// reduces to the same company core (regions, legal forms, generic words, brackets, width
// and case), sounds the same or is one edit away names the customer we have and its owner,
// and goes on only with 仍然新建 (typed, or the card's button) / `force: true`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

type Card = { task_id: string; main_title: { title: string }; horizontal_content_list: Array<{ keyname: string; value: string }>; button_list: Array<{ key: string; text: string }> };

let h: Harness;
let token = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "ld_admin" } });
  h.fake.users = { ld_a: "王芳", ld_b: "李强", ld_admin: "赵磊" };
  await say("ld_a", "新建客户 上海嘉禾信息科技有限公司");
  await say("ld_a", "新建客户 华为");
  await say("ld_a", "新建客户 腾讯科技（深圳）有限公司");
  token = /wcrm_[A-Za-z0-9_-]+/.exec(await say("ld_admin", "令牌 新建 官网"))![0];
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const lastCard = (who: string) => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").at(-1)!["template_card"] as Card;
const customers = () => h.tdb.db.prisma.customer.count();

describe("新建客户", () => {
  it("another way of writing a company we have names it and its owner; nothing is created", async () => {
    const before = await customers();
    for (const name of ["上海嘉禾信息", "嘉禾信息科技", "嘉禾（上海）信息技术有限公司", "华为（中国）技术"]) {
      expect(await say("ld_b", `新建客户 ${name}`)).toBe(`[card] 「${name}」可能是已有客户`);
      const fields = lastCard("ld_b").horizontal_content_list.map((f) => `${f.keyname}:${f.value}`);
      expect(fields[1]).toBe("负责人:王芳");
    }
    expect(lastCard("ld_b").button_list.map((b) => b.text)).toEqual(["仍然新建", "取消"]);
    expect(await customers()).toBe(before);
  });

  it("仍然新建 (typed, or the card's button) creates it", async () => {
    expect(await say("ld_a", "新建客户 华为技术有限公司 仍然新建")).not.toContain("可能是已有客户");
    await say("ld_b", "新建客户 嘉禾信息科技");
    const card = lastCard("ld_b");
    await h.clickCard("ld_b", card.button_list[0]!.key, card.task_id, "rc-force");
    await h.drain();
    expect(await h.tdb.db.prisma.customer.count({ where: { name: "嘉禾信息科技", owner: { wecomUserId: "ld_b" } } })).toBe(1);
  });

  it("different companies sharing a word are not duplicates", async () => {
    for (const name of ["腾讯音乐娱乐", "华夏银行", "上海银行", "美的集团"]) expect(await say("ld_b", `新建客户 ${name}`)).toMatch(/^已创建客户/);
  });

  it("numbered units one character apart are different companies", async () => {
    for (const name of ["星河数码一部", "星河数码二部", "远景科技分公司1", "远景科技分公司2"]) expect(await say("ld_b", `新建客户 ${name}`)).toMatch(/^已创建客户/);
  });
});

describe("新建线索 with a company", () => {
  it("someone else's customer under another name asks first; 仍然新建 goes on", async () => {
    expect(await say("ld_b", "新建线索 张伟 13811112222 嘉禾信息")).toBe("[card] 「嘉禾信息」可能是已有客户");
    expect(await h.tdb.db.prisma.lead.count()).toBe(0);
    expect(await say("ld_b", "新建线索 张伟 13811112222 嘉禾信息 仍然新建")).toMatch(/^\[card\] 已创建线索/);
  });
});

describe("POST /api/v1/leads", () => {
  const post = (body: object) => h.request.post("/api/v1/leads").set("authorization", `Bearer ${token}`).send(body);
  it("answers 409 with the match; force: true creates", async () => {
    const res = await post({ name: "刘洋", phone: "13822223333", company: "深圳市腾讯计算机系统有限公司" });
    expect(res.status).toBe(409);
    expect(res.body.match).toMatchObject({ name: "腾讯科技（深圳）有限公司", owner: "ld_a" });
    expect((await post({ name: "刘洋", phone: "13822223333", company: "深圳市腾讯计算机系统有限公司", force: true })).status).toBe(201);
  });
});
