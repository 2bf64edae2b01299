// receive → store once → act → reply, through the signed webhook and a fake WeCom API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS, nextMsgId, sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "boss" } });
  h.fake.users = { wangwu: "王五" };
});
afterAll(() => h.dispose());

const ct = () => Math.floor(h.clock.now().getTime() / 1000);

describe("a rep creates a lead from WeCom", () => {
  it("creates one lead owned by the sender and answers with a card", async () => {
    expect((await h.sendText("wangwu", "新建线索 张三 138-0013-8000 华为 展会")).status).toBe(200);
    await h.drain();
    const leads = await h.tdb.db.prisma.lead.findMany({ include: { owner: true } });
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ name: "张三", phone: "13800138000", company: "华为", source: "展会" });
    expect(leads[0]!.owner?.wecomUserId).toBe("wangwu");
    const sent = h.fake.sentMessages().filter((m) => m["touser"] === "wangwu");
    expect(sent).toHaveLength(1);
    const card = sent[0]!["template_card"] as Record<string, unknown>;
    expect(sent[0]).toMatchObject({ msgtype: "template_card", agentid: 1000002 });
    expect(card["card_type"]).toBe("button_interaction");
    expect(String(card["task_id"])).toMatch(/^lead-\d+-[0-9a-f]+-o\d+$/);
    expect(card["button_list"]).toEqual([{ text: "我的线索", style: 1, key: "cmd:我的线索" }]);
    const audit = await h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "lead" } });
    expect(audit).toHaveLength(1);
  });

  it("fetches the member's name with user/get after first contact", async () => {
    await new Promise((r) => setTimeout(r, 50)); // the name refresh runs after commit
    const user = await h.tdb.db.prisma.user.findUnique({ where: { wecomUserId: "wangwu" } });
    expect(user).toMatchObject({ name: "王五", role: "rep" });
    expect(h.fake.callsTo("/cgi-bin/user/get").map((c) => c.query["userid"])).toEqual(["wangwu"]);
  });

  it("asks user/get once per user even when WeCom does not know the name", async () => {
    for (const t of ["帮助", "我的线索", "帮助"]) await h.sendText("ghost", t);
    await h.drain();
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.callsTo("/cgi-bin/user/get").filter((c) => c.query["userid"] === "ghost")).toHaveLength(1);
  });

  it("a press on the card's button runs 我的线索", async () => {
    const sent = h.fake.sentMessages().find((m) => m["touser"] === "wangwu")!;
    const taskId = String((sent["template_card"] as Record<string, unknown>)["task_id"]);
    const res = await h.post(
      `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>wangwu</FromUserName><CreateTime>${ct()}</CreateTime><MsgType>event</MsgType><Event>template_card_event</Event><EventKey>cmd:我的线索</EventKey><TaskId>${taskId}</TaskId><CardType>button_interaction</CardType><ResponseCode>rc1</ResponseCode><AgentID>1000002</AgentID></xml>`,
    );
    expect(res.status).toBe(200);
    await h.drain();
    expect(sentTexts(h.fake, "wangwu").at(-1)).toContain("#1 张三 13800138000 · 华为 · 展会");
  });

  it("a duplicate delivery (WeCom retry) makes exactly one lead and one reply", async () => {
    const msgId = nextMsgId();
    const results = await Promise.all([
      h.sendText("zhaoliu", "新建线索 李四 13900139000", msgId),
      h.sendText("zhaoliu", "新建线索 李四 13900139000", msgId),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await h.drain();
    expect((await h.sendText("zhaoliu", "新建线索 李四 13900139000", msgId)).status).toBe(200);
    await h.drain();
    expect(await h.tdb.db.prisma.lead.count({ where: { name: "李四" } })).toBe(1);
    expect(h.fake.sentMessages().filter((m) => m["touser"] === "zhaoliu")).toHaveLength(1);
    expect(await h.tdb.db.prisma.inboxEvent.count({ where: { senderId: "zhaoliu" } })).toBe(1);
  });

  it("an invalid phone gets usage help in Chinese and creates nothing", async () => {
    await h.sendText("zhaoliu", "新建线索 王五 12345");
    await h.drain();
    const reply = sentTexts(h.fake, "zhaoliu").at(-1)!;
    expect(reply).toContain("手机号「12345」格式不对");
    expect(reply).toContain("用法：新建线索 <姓名> <手机> [公司] [来源]");
    expect(reply).toContain("例如：新建线索 张三 13800138000 华为 展会");
    expect(await h.tdb.db.prisma.lead.count({ where: { name: "王五" } })).toBe(0);
  });

  it("missing arguments, unknown sources, extra words and unknown commands are explained", async () => {
    await h.sendText("zhaoliu", "新建线索");
    await h.sendText("zhaoliu", "newlead 钱七 13700137000 某公司 地推 多余");
    await h.sendText("zhaoliu", "新建合同 张三");
    await h.drain();
    const [missing, extra, unknown] = sentTexts(h.fake, "zhaoliu").slice(-3);
    expect(missing).toContain("缺少姓名");
    expect(missing).toContain("有微信可不写手机"); // the usage says a phone or a WeChat id
    expect(extra).toContain("多余的内容：「地推 多余」");
    expect(unknown).toBe("没有「新建合同」这个指令。发送「帮助」查看可用指令。");
  });

  it("帮助 and help list every command the user may run, grouped, in one message, from the registry", async () => {
    const before = sentTexts(h.fake, "zhaoliu").length;
    await h.sendText("zhaoliu", "help");
    await h.drain();
    const replies = sentTexts(h.fake, "zhaoliu").slice(before);
    expect(replies).toHaveLength(1); // fits one WeCom message
    for (const a of h.server.core.registry.list().filter((x) => x.roles.includes("rep"))) expect(replies[0]).toContain(a.command);
    expect(replies[0]).toContain("新建线索 张三 13800138000 华为 展会");
    expect(replies[0]).not.toMatch(/[【、]分配[、\n]/); // managers only
    await h.sendText("boss", "帮助");
    await h.drain();
    const adminHelp = sentTexts(h.fake, "boss").at(-1)!;
    for (const a of h.server.core.registry.list()) expect(adminHelp).toContain(a.command);
    expect(Buffer.byteLength(adminHelp)).toBeLessThan(2000);
    await h.sendText("zhaoliu", "帮助 newlead");
    await h.drain();
    expect(sentTexts(h.fake, "zhaoliu").at(-1)).toMatch(/^新建线索：.*\n用法：新建线索 <姓名> <手机>/);
  });

  it("我的线索 lists only the sender's leads", async () => {
    await h.sendText("zhaoliu", "我的线索");
    await h.drain();
    const reply = sentTexts(h.fake, "zhaoliu").at(-1)!;
    expect(reply).toContain("李四");
    expect(reply).not.toContain("张三");
  });

  it("CRM_ADMINS become admins; other users are reps", async () => {
    await h.sendText("boss", "我的线索");
    await h.drain();
    const boss = await h.tdb.db.prisma.user.findUnique({ where: { wecomUserId: "boss" } });
    expect(boss?.role).toBe("admin");
    expect(sentTexts(h.fake, "boss").at(-1)).toContain("你名下还没有线索");
  });

  it("media messages get a hint; enter_agent is recorded without a reply", async () => {
    await h.post(
      `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>sunqi</FromUserName><CreateTime>${ct()}</CreateTime><MsgType>image</MsgType><PicUrl>http://127.0.0.1/x.png</PicUrl><MediaId>m1</MediaId><MsgId>${nextMsgId()}</MsgId><AgentID>1000002</AgentID></xml>`,
    );
    await h.post(
      `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>sunqi</FromUserName><CreateTime>${ct() + 1}</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><EventKey></EventKey><AgentID>1000002</AgentID></xml>`,
    );
    await h.drain();
    expect(sentTexts(h.fake, "sunqi")).toEqual(["暂时只能读懂文字消息，请用文字告诉我。发送「帮助」查看可用指令。"]);
    const events = await h.tdb.db.prisma.inboxEvent.findMany({ where: { senderId: "sunqi" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.status])).toEqual([
      ["unsupported_message", "done"],
      ["enter_agent", "ignored"],
    ]);
  });

  it("a long reply is split below WeCom's 2048-byte limit", async () => {
    for (let i = 0; i < 25; i++) await h.sendText("bulk", `新建线索 客户${i}号很长的名字用来撑满消息 1370013${String(7000 + i)} 某某某某某某科技有限公司${i} 转介绍`);
    await h.drain();
    await h.sendText("bulk", "我的线索");
    await h.drain();
    h.clock.advance(61_000); // 26 messages to one member: the throttle defers the tail
    await h.drain();
    const texts = h.fake.sentMessages().filter((m) => m["touser"] === "bulk" && m["msgtype"] === "text");
    expect(texts.length).toBeGreaterThan(1);
    for (const m of texts) expect(Buffer.byteLength((m["text"] as { content: string }).content)).toBeLessThanOrEqual(2048);
  });
});
