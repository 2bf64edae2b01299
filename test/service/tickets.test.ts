// Service tickets through the signed webhook, the scheduler (injected clock) and the REST
// API: routing to the service group by type (round-robin, load cap), the customer's owner
// or the admins when no group fits; the assignee's card and its buttons; statuses with
// notes and refusals; scope; SLA reminder and breach escalation; the customer told on the
// Official Account (outbox rows on channel "mp") at creation and resolution with the survey,
// and the survey answer stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ticketContext } from "../../src/crm/service/ticket-staff-context.ts";
import type { User } from "../../src/auth/users.ts";
import { crmSettingsSchema } from "../../src/config/crm/crm-settings.ts";
import { openTicket } from "../../src/crm/service/open-ticket.ts";
import type { NewTicket, TicketContext } from "../../src/crm/service/ticket-context.ts";
import { answerSurvey } from "../../src/crm/service/ticket-survey.ts";
import type { Tx } from "../../src/db/tx.ts";
import type { Reply } from "../../src/render/reply.ts";
import { sentTexts, START, startHarness, type Harness } from "../support/harness.ts";
import { enqueue } from "../../src/outbox/outbox.ts";

const YAML = `service:
  groups:
    售后组: { members: [svc_a, svc_b], types: [报修, 故障, 售后, 退款, 咨询] }
    投诉组: { members: [], types: [投诉] }
  loadCap: 2
reminders:
  dailyAgenda: { enabled: false }
  weeklyReport: { enabled: false }
opportunities:
  defaultStallDays: 1000
`;
const settings = crmSettingsSchema.parse(parseYaml(YAML));
const HOUR = 3_600_000;
type Card = {
  task_id: string;
  main_title: { title: string; desc?: string };
  horizontal_content_list: Array<{ keyname: string; value: string }>;
  quote_area?: { quote_text?: string };
  button_list?: Array<{ key: string; text: string }>;
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" }, crmYaml: YAML, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { rep_a: "王芳", rep_b: "李强", svc_a: "售后甲", svc_b: "售后乙", svc_boss: "服务经理", it_admin: "管理员" };
  for (const u of Object.keys(h.fake.users)) await say(u, "帮助");
  await say("it_admin", "团队 主管 svc_a svc_boss");
  await say("it_admin", "团队 主管 svc_b svc_boss");
  await say("rep_a", "新建客户 华为技术");
  await say("rep_a", "联系人 华为技术 张伟 13800138000");
  await say("rep_b", "新建客户 小米科技");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const cardsTo = (who: string) =>
  h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);
const ticket = (code: number) => h.tdb.db.prisma.ticket.findUniqueOrThrow({ where: { code }, include: { assignee: true } });
const assigneeOf = async (code: number) => (await ticket(code)).assignee?.wecomUserId;
const mpOutbox = (openid: string) =>
  h.tdb.db.prisma.outboxMessage.findMany({ where: { channel: "mp", recipient: openid }, orderBy: { id: "asc" } }).then((rows) => rows.map((r) => (r.body as { text: string }).text));

let sendSeq = 0;
/** The service called directly, as the Official Account's inbound handling will: notifications collected. */
async function viaService<T>(fn: (ctx: TicketContext, tx: Tx) => Promise<T>): Promise<{ result: T; told: Array<{ user: User; reply: Reply }> }> {
  const told: Array<{ user: User; reply: Reply }> = [];
  const result = await h.tdb.db.prisma.$transaction(async (tx) => {
    // What the service sends customers is queued in the outbox, as its callers do.
    const sent: Array<{ channel: string; recipient: string; reply: Reply }> = [];
    const notify = (user: User, reply: Reply) => told.push({ user, reply });
    const sendTo = (channel: string, recipient: string, reply: Reply) => sent.push({ channel, recipient, reply });
    const out = await fn(ticketContext({ tx, now: h.clock.now(), settings, timeZone: "Asia/Shanghai", notify, sendTo }), tx);
    await enqueue(tx, sent.map((m, i) => ({ ...m, dedupeKey: `test:${++sendSeq}:${i}` })), h.clock.now());
    return out;
  });
  return { result, told };
}
const open = (input: NewTicket) => viaService((ctx) => openTicket(ctx, input));

describe("opening and routing", () => {
  it("a rep opens a ticket: type and priority from the text, routed to the service group; the assignee gets a card", async () => {
    expect(await say("rep_a", "工单 华为 打印机坏了无法打印")).toBe("已创建工单 #1（P2 故障），处理人 售后甲（售后组），11月24日 10:00 前解决。发送「工单 #1」看进度。");
    const t = await ticket(1);
    expect(t).toMatchObject({ type: "故障", priority: "P2", status: "new", serviceGroup: "售后组", source: "rep" });
    expect(t.dueAt.toISOString()).toBe(new Date(START.getTime() + 24 * HOUR).toISOString());
    const card = cardsTo("svc_a").at(-1)!;
    expect(card.main_title).toEqual({ title: "工单 #1 · P2 故障", desc: "新工单分配给你，请及时处理" });
    expect(card.horizontal_content_list.map((f) => `${f.keyname}:${f.value}`)).toEqual(["客户:华为技术", "时限:11月24日 10:00", "来源:销售创建", "服务组:售后组"]);
    expect(card.quote_area?.quote_text).toBe("打印机坏了无法打印");
    expect(card.button_list!.map((b) => [b.text, b.key])).toEqual([["处理中", "cmd:处理 #1"], ["已解决", "cmd:解决 #1"]]);
    expect(await h.tdb.db.prisma.ticketNote.count({ where: { ticketId: t.id, toStatus: "new" } })).toBe(1);
  });

  it("round-robin within the group, passing over whoever is at the load cap; all full → still assigned", async () => {
    expect(await say("rep_a", "工单 华为 咨询一下售后政策 P3")).toContain("处理人 售后乙（售后组）");
    expect(await ticket(2)).toMatchObject({ type: "售后", priority: "P3" });
    expect(await say("svc_b", "解决 #2 已电话答复")).toBe("工单 #2 已解决。");
    await say("rep_a", "工单 华为 退款申请 类型:退款");
    expect(await assigneeOf(3)).toBe("svc_a"); // svc_a: #1 #3 — at the cap
    await say("rep_a", "工单 华为 安装调试 类型:报修");
    expect(await assigneeOf(4)).toBe("svc_b");
    await say("rep_a", "工单 华为 设备无法开机 类型:报修 P1");
    expect(await ticket(5)).toMatchObject({ priority: "P1", assignee: { wecomUserId: "svc_b" } }); // svc_a's turn, but full
    await say("rep_a", "工单 华为 又一台机器不能用");
    expect(await assigneeOf(6)).toBe("svc_a"); // both full: the least loaded, first in turn
  });

  it("no group takes the type → the customer's owner, who gets the card with the reply", async () => {
    await say("rep_a", "工单 华为 客户投诉送货太慢");
    const replies = sentTexts(h.fake, "rep_a").slice(-2);
    expect(replies).toEqual(["已创建工单 #7（P2 投诉），处理人 王芳，11月24日 10:00 前解决。发送「工单 #7」看进度。", "[card] 工单 #7 · P2 投诉"]);
    expect(await ticket(7)).toMatchObject({ serviceGroup: null, assignee: { wecomUserId: "rep_a" } });
  });

  it("nobody at all (a pool customer, no group) → the admins are told; 处理 takes it", async () => {
    await say("rep_b", "释放 小米科技 确认 不做了"); // it has an open opportunity: confirmed at once
    expect(await say("it_admin", "工单 小米科技 投诉物流太慢")).toContain("暂无处理人，已通知管理员");
    expect(sentTexts(h.fake, "it_admin").at(-2)).toMatch(/^工单 #8（投诉）「小米科技」没有可分配的处理人/);
    expect(await say("it_admin", "处理 #8")).toBe("工单 #8 已改为「处理中」，处理人是你。");
    expect(await assigneeOf(8)).toBe("it_admin");
    expect(await h.tdb.db.prisma.job.count({ where: { kind: "ticket_sla_breach", status: "pending", payload: { path: ["ticketId"], equals: (await ticket(8)).id } } })).toBe(1);
  });

  it("usage and refusals: a missing problem, an unknown type, someone else's customer, #编号 as the customer", async () => {
    expect(await say("rep_a", "工单 华为")).toContain("缺少问题描述");
    expect(await say("rep_a", "工单 华为 漏水 类型:水电")).toMatch(/^工单类型只能是：报修、故障、投诉、退款、售后、咨询（「水电」不是）\n用法：/);
    expect(await say("rep_b", "工单 华为 打印机坏了")).toBe("找不到客户「华为」。发送「我的客户」看你的客户，或用「查 华为」查找。");
    expect(await say("rep_a", "工单 #1 打印机坏了")).toBe("「工单 #1」用来查看工单。给客户开工单请写客户名称，或 客户#1。");
    expect(await h.tdb.db.prisma.ticket.count()).toBe(8);
  });
});

describe("views and scope", () => {
  it("工单 #编号: the assignee, the customer's owner and the assignee's manager see it; another rep does not (audited)", async () => {
    const shown = await say("rep_a", "工单 #1");
    expect(shown.split("\n").slice(0, 6)).toEqual([
      "工单 #1（新建）P2 故障",
      "客户：华为技术（客户#1）",
      "处理人：售后甲（售后组）",
      "时限：11月24日 10:00",
      "来源：销售创建 · 王芳 · 11月23日 10:00",
      "问题：打印机坏了无法打印",
    ]);
    expect(shown).toContain("记录：\n  • 11月23日 10:00 王芳：新建，创建（销售创建）");
    expect(await say("svc_boss", "工单详情 #1")).toBe(shown); // svc_a reports to svc_boss (a rep by role)
    expect(await say("svc_a", "ticket 1")).toBe(shown);
    expect(await say("rep_b", "工单 #1")).toBe("找不到工单 #1。发送「我的工单」看分配给你的工单。");
    expect(await say("rep_b", "处理 #1")).toBe("找不到工单 #1。发送「我的工单」看分配给你的工单。");
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { entity: "ticket", action: { in: ["read_denied", "write_denied"] } } })).toBe(2);
  });

  it("我的工单: assigned to me, open first (soonest due first), then what is done", async () => {
    const mine = (await say("svc_b", "我的工单")).split("\n");
    expect(mine[0]).toBe("你的工单（未完成 2 个）：");
    expect(mine.slice(1)).toEqual([
      "#5 [新建] P1 报修 · 华为技术 · 设备无法开机 · 11月23日 14:00 前",
      "#4 [新建] P3 报修 · 华为技术 · 安装调试 · 11月26日 10:00 前",
      "#2 [已解决] P3 售后 · 华为技术 · 咨询一下售后政策 · 11月26日 10:00 前",
    ]);
    expect(await say("rep_b", "我的工单")).toBe("没有分配给你的工单。");
  });
});

describe("status changes", () => {
  it("处理中 from the card keeps its buttons; 待确认, notes (the assignee hears others'), an illegal move refused", async () => {
    const card = cardsTo("svc_a").find((c) => c.main_title.title.startsWith("工单 #1 "))!;
    await h.clickCard("svc_a", card.button_list![0]!.key, card.task_id, "rc-t1-start");
    await h.drain();
    expect(sentTexts(h.fake, "svc_a").at(-1)).toBe("工单 #1 已改为「处理中」。");
    expect(h.fake.cardUpdates()).toHaveLength(0);
    expect(await say("svc_a", "待确认 #1 已换墨盒，等客户试用")).toBe("工单 #1 已改为「待客户确认」。");
    expect(await say("rep_a", "工单备注 #1 客户很着急")).toBe("已在工单 #1 上备注。");
    expect(sentTexts(h.fake, "svc_a").at(-1)).toBe("王芳 在工单 #1 上备注：客户很着急");
    expect(await say("svc_a", "关闭 #3")).toBe("工单 #3 现在是「新建」，不能改为「已关闭」。可以改为：处理中、待客户确认、已解决。");
    expect((await ticket(3)).status).toBe("new");
  });

  it("已解决 on the card greys it out and tells the rep; 关闭 ends it; a closed ticket is final", async () => {
    const card = cardsTo("svc_a").find((c) => c.main_title.title.startsWith("工单 #1 "))!;
    await h.clickCard("svc_a", card.button_list![1]!.key, card.task_id, "rc-t1-done");
    await h.drain();
    expect(h.fake.cardUpdates().at(-1)).toMatchObject({ userids: ["svc_a"], response_code: "rc-t1-done", button: { replace_name: "已解决" } });
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("工单 #1（华为技术）已由 售后甲 解决：打印机坏了无法打印");
    expect((await ticket(1)).resolvedAt).not.toBeNull();
    expect(await say("rep_a", "关闭 #1 客户电话确认")).toBe("工单 #1 已关闭。");
    expect(await say("svc_a", "处理 #1")).toBe("工单 #1 现在是「已关闭」，不能改为「处理中」。工单已结束。");
    const history = (await say("rep_a", "工单 #1")).split("记录：\n")[1]!.split("\n");
    expect(history.map((l) => l.replace(/^ {2}• 11月23日 10:00 /, ""))).toEqual([
      "王芳：新建，创建（销售创建）",
      "售后甲：新建 → 处理中",
      "售后甲：处理中 → 待客户确认，已换墨盒，等客户试用",
      "王芳：客户很着急",
      "售后甲：待客户确认 → 已解决",
      "王芳：已解决 → 已关闭，客户电话确认",
    ]);
    const jobs = await h.tdb.db.prisma.job.findMany({ where: { payload: { path: ["ticketId"], equals: (await ticket(1)).id } } });
    expect(jobs.map((j) => [j.kind, j.status]).sort()).toEqual([["ticket_sla_breach", "cancelled"], ["ticket_sla_remind", "cancelled"]]);
  });
});

describe("SLA", () => {
  it("the assignee is reminded at 75% of the time; at the deadline their manager is told (urgent), once", async () => {
    h.clock.set(new Date(START.getTime() + HOUR)); // 11:00
    expect(await say("svc_b", "解决 #5")).toBe("工单 #5 已解决。"); // its own SLA jobs would join in
    await say("rep_a", "工单 华为 服务器故障 全部业务中断");
    const t = await ticket(9);
    expect(t.priority).toBe("P1");
    const who = t.assignee!.wecomUserId;
    h.clock.set(new Date(START.getTime() + 4 * HOUR - 60_000)); // 13:59
    await h.runJobs();
    expect(cardsTo(who).filter((c) => c.main_title.title.startsWith("工单 #9 ") && c.main_title.desc?.startsWith("快到时限了"))).toHaveLength(0);
    h.clock.set(new Date(START.getTime() + 4 * HOUR)); // 14:00 = 11:00 + 3 h
    await h.runJobs();
    const reminded = cardsTo(who).at(-1)!;
    expect(reminded.main_title).toEqual({ title: "工单 #9 · P1 故障", desc: "快到时限了，请在 11月23日 15:00 前解决" });
    h.clock.set(new Date(START.getTime() + 5 * HOUR)); // 15:00
    await h.runJobs();
    const name = who === "svc_a" ? "售后甲" : "售后乙";
    expect(sentTexts(h.fake, "svc_boss").at(-1)).toBe(
      `【工单超时】工单 #9（P1 故障）华为技术：服务器故障 全部业务中断，处理人 ${name}，已超过 4 小时时限，目前「新建」。请督促或协调。`,
    );
    expect(sentTexts(h.fake, who).at(-1)).toBe("工单 #9 已超过 4 小时时限，你的主管已收到通知。请尽快处理，解决后发送「解决 #9 说明」。");
    await h.runJobs();
    expect(sentTexts(h.fake, "svc_boss").filter((x) => x.startsWith("【工单超时】工单 #9"))).toHaveLength(1);
  });

  it("a ticket resolved in time is never reminded nor escalated", async () => {
    await say("rep_a", "工单 华为 网络故障 P1");
    const who = (await ticket(10)).assignee!.wecomUserId;
    await say(who, "解决 #10 重启交换机");
    const before = h.fake.sentMessages().length;
    h.clock.set(new Date(START.getTime() + 12 * HOUR)); // 22:00 — urgent P1 jobs would run anyway
    await h.runJobs();
    expect(JSON.stringify(h.fake.sentMessages().slice(before))).not.toContain("#10");
  });
});

describe("the customer on the Official Account", () => {
  let identityId = "";
  beforeAll(async () => {
    h.clock.set(new Date(START.getTime() + 24 * HOUR)); // Tue 10:00
    const contact = await h.tdb.db.prisma.contact.findFirstOrThrow({ where: { name: "张伟" } });
    identityId = (await h.tdb.db.prisma.channelIdentity.create({ data: { channel: "mp", externalId: "o-openid-1", contactId: contact.id } })).id;
  });

  it("a keyword message becomes a ticket for the customer's owner; the customer is acknowledged on channel mp", async () => {
    const { result: t, told } = await open({ identityId, title: "我要投诉，你们的设备又坏了", source: "customer" });
    // 投诉 and 坏了 are equally urgent: the earlier wins. No one takes 投诉: the owner of 华为技术.
    expect(t).toMatchObject({ code: 11, type: "投诉", priority: "P2", source: "customer", assignee: { wecomUserId: "rep_a" }, customer: { name: "华为技术" } });
    expect(told.map((n) => [n.user.wecomUserId, n.reply.kind === "card" && n.reply.card.title])).toEqual([["rep_a", "工单 #11 · P2 投诉"]]);
    expect(await mpOutbox("o-openid-1")).toEqual(["您好，您的服务请求已受理，工单号 #11，我们会尽快处理。"]);
  });

  it("resolution sends the survey; a reply that is no score is left alone; a score closes the ticket, once", async () => {
    expect(await say("rep_a", "解决 #11 已安排换货")).toBe("工单 #11 已解决。已通知客户并发送满意度评价。");
    expect((await mpOutbox("o-openid-1")).at(-1)).toBe("您好，您的工单 #11 已处理完毕。\n请回复 1–5 分评价本次服务，可附一句话（如：5 很满意）。");
    expect((await ticket(11)).surveySentAt?.toISOString()).toBe(h.clock.now().toISOString());
    expect((await viaService((ctx) => answerSurvey(ctx, identityId, "你好，换货什么时候到"))).result).toBeNull();
    const { result: thanks, told } = await viaService((ctx) => answerSurvey(ctx, identityId, "4分 还行"));
    expect(thanks).toBe("感谢您的评价，祝您生活愉快！");
    expect(await ticket(11)).toMatchObject({ status: "closed", surveyScore: 4, surveyComment: "还行" });
    expect(told.map((n) => [n.user.wecomUserId, n.reply.kind === "text" && n.reply.text])).toEqual([["rep_a", "工单 #11 客户评价 4 分：还行，工单已关闭。"]]);
    expect((await viaService((ctx) => answerSurvey(ctx, identityId, "5"))).result).toBeNull();
    expect(await say("rep_a", "工单 #11")).toContain("评价：4 分，还行");
  });

  it("a customer on another channel is reached through their rep", async () => {
    const contact = await h.tdb.db.prisma.contact.findFirstOrThrow({ where: { name: "张伟" } });
    const ext = await h.tdb.db.prisma.channelIdentity.create({ data: { channel: "wecom_external", externalId: "wm-ext-1", contactId: contact.id, followUserId: "rep_a" } });
    const { told } = await open({ identityId: ext.id, title: "售后：安装师傅没来", source: "customer" });
    expect(told.find((n) => n.reply.kind === "text")).toMatchObject({
      user: { wecomUserId: "rep_a" },
      reply: { text: "请转告客户「华为技术」（对方不在公众号上）：您好，您的服务请求已受理，工单号 #12，我们会尽快处理。" },
    });
    expect(await mpOutbox("wm-ext-1")).toEqual([]);
  });
});

describe("POST /api/v1/tickets", () => {
  let token = "";
  const api = (auth: string | null = `Bearer ${token}`) => {
    const r = h.request.post("/api/v1/tickets");
    return auth ? r.set("authorization", auth) : r;
  };
  beforeAll(async () => {
    token = /wcrm_[A-Za-z0-9_-]+/.exec(await say("it_admin", "令牌 新建 客服系统"))![0];
  });

  it("201 with the ticket's code; routed like chat; the assignee told", async () => {
    const res = await api().send({ customer: "华为技术", title: "网页表单报修：空调不制冷" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 13, type: "报修", priority: "P2", status: "new", serviceGroup: "售后组", customer: { code: 1, name: "华为技术" } });
    expect(["svc_a", "svc_b"]).toContain(res.body.assignee);
    await h.drain();
    expect(cardsTo(res.body.assignee).at(-1)!.main_title.title).toBe("工单 #13 · P2 报修");
    expect((await ticket(13)).source).toBe("api");
    const byCode = await api().send({ customer: 1, title: "咨询保修期", priority: "P3", type: "咨询" });
    expect(byCode.status).toBe(201);
    expect(byCode.body).toMatchObject({ code: 14, type: "咨询", priority: "P3" });
  });

  it("4xx with a clear message: no token, a bad body, an unknown type or customer, unreadable JSON", async () => {
    expect((await api(null).send({ customer: "华为技术", title: "x" })).status).toBe(401);
    const bad = await api().send({ title: "", colour: "red" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(["customer", "title"]));
    const type = await api().send({ customer: "华为技术", title: "漏水", type: "水电" });
    expect(type.status).toBe(400);
    expect(type.body.fields.type).toMatch(/^unknown type; one of 报修, 故障/);
    const nobody = await api().send({ customer: "不存在的公司", title: "坏了" });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error).toBe("customer not found");
    for (const customer of [2147483648, 1e300, "#2147483648", "99999999999999999999"]) {
      const huge = await api().send({ customer, title: "坏了" });
      expect([400, 404], String(customer)).toContain(huge.status);
    }
    const json = await api().set("content-type", "application/json").send("{not json");
    expect(json.status).toBe(400);
    expect(json.body).toEqual({ error: "body is not valid JSON" });
    expect(await h.tdb.db.prisma.ticket.count()).toBe(14);
  });
});
