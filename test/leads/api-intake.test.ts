// The REST intake: tokens made in chat, leads from a website form, behaviour points.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let token = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" } });
  const p = h.tdb.db.prisma;
  const team = await p.team.create({ data: { name: "华东", regions: ["上海"] } });
  await p.user.create({ data: { wecomUserId: "sh_rep", name: "孙丽", teamId: team.id } });
  // An admin by role only (not in CRM_ADMINS), and a deactivated one who must hear nothing.
  await p.user.create({ data: { wecomUserId: "role_admin", name: "赵磊", role: "admin" } });
  await p.user.create({ data: { wecomUserId: "gone_admin", name: "钱进", role: "admin", active: false } });
});
afterAll(() => h.dispose());

const say = async (who: string, text: string) => {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
};
const api = (method: "get" | "post", path: string, auth: string | null = `Bearer ${token}`) => {
  const r = h.request[method](`/api/v1${path}`);
  return auth ? r.set("authorization", auth) : r;
};

describe("API tokens", () => {
  it("an admin creates one in chat; it is shown once and only its hash is kept", async () => {
    expect(await say("sh_rep", "令牌 新建 官网")).toBe("你没有权限使用「令牌」。如需开通请联系管理员。");
    const reply = await say("it_admin", "令牌 新建 官网");
    token = /wcrm_[A-Za-z0-9_-]+/.exec(reply)![0];
    const row = await h.tdb.db.prisma.apiToken.findUniqueOrThrow({ where: { name: "官网" } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token);
    const stored = await h.tdb.db.query<{ body: string }>("SELECT body::text AS body FROM outbox_messages");
    expect(stored.some((r) => r.body.includes(token))).toBe(false);
    expect(await say("it_admin", "令牌 新建 官网")).toContain("已有名为「官网」的令牌");
    expect(await say("it_admin", "令牌 改名 官网")).toContain("操作只能是：新建、列表、吊销");
  });
});

describe("POST /api/v1/leads", () => {
  it("refuses a missing or unknown token with 401", async () => {
    expect((await api("post", "/leads", null).send({ name: "x" })).status).toBe(401);
    expect((await api("post", "/leads", "Bearer wcrm_nope").send({ name: "x" })).status).toBe(401);
  });

  it("answers a bad body with 400 and the fields at fault; stores nothing", async () => {
    const res = await api("post", "/leads").send({ phone: "123", colour: "red" });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields)).toEqual(expect.arrayContaining(["name", "phone"]));
    const bad = await api("post", "/leads").set("content-type", "application/json").send("{not json");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "body is not valid JSON" });
    expect(await h.tdb.db.prisma.lead.count()).toBe(0);
  });

  it("creates, scores and assigns to the matching team; the rep is told", async () => {
    const res = await api("post", "/leads").send({ name: "钱芳", phone: "13911223344", company: "上海某某科技", region: "上海" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ owner: "sh_rep", score: 60, grade: "B" });
    await h.drain();
    expect(sentTexts(h.fake, "sh_rep").at(-1)).toBe(
      `系统（官网表单） 把线索 #${res.body.code} 钱芳（上海某某科技）分配给你，电话 13911223344。请在 24 小时内首次跟进。`,
    );
  });

  it("a lead needs a phone or a WeChat id, as in chat and import", async () => {
    const companyOnly = await api("post", "/leads").send({ name: "吴九", company: "小米" });
    expect(companyOnly.status).toBe(400);
    expect(Object.keys(companyOnly.body.fields)).toEqual(["phone"]);
    const wechatOnly = await api("post", "/leads").send({ name: "吴九", company: "小米", wechatId: "wujiu88", region: "上海" });
    expect(wechatOnly.status).toBe(201);
    await h.tdb.db.prisma.lead.delete({ where: { id: wechatOnly.body.id } });
  });

  it("a duplicate is not created twice", async () => {
    const res = await api("post", "/leads").send({ name: "钱芳", phone: "139 1122 3344" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ duplicate: true, matchedBy: "phone" });
    expect(await h.tdb.db.prisma.lead.count()).toBe(1);
  });

  it("a lead no team can take is left unassigned and the admins are told", async () => {
    const res = await api("post", "/leads").send({ name: "吴昊", phone: "13811223344", region: "北京", source: "广告投放" });
    expect(res.status).toBe(201);
    expect(res.body.owner).toBeNull();
    await h.drain();
    expect(sentTexts(h.fake, "it_admin").at(-1)).toContain(`新线索 #${res.body.code} 吴昊 没有可分配的销售`);
    expect(sentTexts(h.fake, "role_admin").at(-1)).toContain(`新线索 #${res.body.code} 吴昊 没有可分配的销售`);
    expect(sentTexts(h.fake, "gone_admin")).toEqual([]);
  });
});

describe("POST /api/v1/events", () => {
  it("adds behaviour points once per event id, explained in 评分", async () => {
    const body = { lead: { phone: "13911223344" }, kind: "email_click", eventId: "mail-42" };
    const first = await api("post", "/events").send(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ applied: true, score: 70, grade: "B" });
    const again = await api("post", "/events").send(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ applied: false, score: 70 });
    const webinar = await api("post", "/events").send({ ...body, kind: "webinar", eventId: "w-1" });
    expect(webinar.body).toMatchObject({ score: 100, grade: "A" });
    const ledger = await say("sh_rep", "评分 钱芳");
    expect(ledger).toContain("100 分 · A 级");
    expect(ledger).toContain("+10　行为：email_click");
    expect(ledger).toContain("+30　行为：webinar");
    // At the cap: the event is recorded, the score stays 100, and the ledger says why.
    const capped = await api("post", "/events").send({ ...body, kind: "webinar", eventId: "w-2" });
    expect(capped.body).toMatchObject({ applied: true, score: 100, grade: "A" });
    const after = await say("sh_rep", "评分 钱芳");
    expect(after).toContain("100 分 · A 级");
    expect(after).toContain("+0　行为：webinar（本应 +30，评分在 0–100 之间，现为 100 分）");
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { phone: "13911223344" }, include: { scoreEntries: true } });
    expect(lead.scoreEntries.reduce((sum, e) => sum + e.delta, 0)).toBe(lead.score);
  });

  it("an unknown kind is 400, an unknown lead 404", async () => {
    expect((await api("post", "/events").send({ lead: { phone: "13911223344" }, kind: "dance", eventId: "x" })).status).toBe(400);
    expect((await api("post", "/events").send({ lead: { phone: "13700000000" }, kind: "download", eventId: "x" })).status).toBe(404);
  });
});

describe("GET /api/v1/leads and revocation", () => {
  it("pages through the leads", async () => {
    const p1 = await api("get", "/leads?limit=1");
    expect(p1.status).toBe(200);
    expect(p1.body.items).toHaveLength(1);
    expect(p1.body.items[0]).not.toHaveProperty("dedupeKey");
    const p2 = await api("get", `/leads?limit=1&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items[0].code).toBeGreaterThan(p1.body.items[0].code);
    expect((await api("get", "/leads?limit=0")).status).toBe(400);
  });

  it("a revoked token gets 403", async () => {
    expect(await say("it_admin", "令牌 列表")).toMatch(/• 官网　创建人 it_admin　最近使用/);
    expect(await say("it_admin", "令牌 吊销 官网")).toContain("已吊销令牌「官网」");
    expect((await api("get", "/leads")).status).toBe(403);
  });
});
