// 公海 through the signed webhook with an injected clock: warnings, the 30-day return,
// listing, claims (limit, cooldown, races), releases, batches, and lead archiving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimCustomer } from "../../src/crm/pool/pool.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { createLogger } from "../../src/log.ts";
import { poolSweepJob } from "../../src/crm/pool/pool-sweep-job.ts";
import { scheduleJob } from "../../src/scheduler/jobs.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { sentTexts, type Harness } from "../support/harness.ts";
import { DAY, makeCustomer, sayer, setUpTeam, startPoolHarness, userId } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const prisma = () => h.tdb.db.prisma;
/** Runs the scheduler (the daily pool sweep is due at 08:30; tests run at 10:00) and says what this run did. */
const runOnce = async () => {
  const counts = async () => ({
    returned: await prisma().poolEvent.count({ where: { kind: "returned" } }),
    warned: await prisma().auditEntry.count({ where: { action: "pool_warn" } }),
    archived: await prisma().lead.count({ where: { status: "archived" } }),
  });
  const before = await counts();
  await h.runJobs();
  const after = await counts();
  return { returned: after.returned - before.returned, warned: after.warned - before.warned, archived: after.archived - before.archived };
};
/** Moves the clock on to 10:00 Shanghai (the sweep's notices wait out the night). */
const toMorning = () => {
  const t = h.clock.now();
  const ten = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), 2);
  h.clock.set(new Date(ten >= t.getTime() ? ten : ten + DAY));
};
const huawei = () => prisma().customer.findFirstOrThrow({ where: { name: "华为技术有限公司" }, include: { opportunities: true } });

beforeAll(async () => {
  h = await startPoolHarness("pool:\n  claimLimitPerMonth: 2\n", { CRM_ADMINS: "it_admin" });
  await setUpTeam(h, { rep_a: "王芳", rep_b: "李强", boss: "陈经理" }, "华东", ["rep_a", "rep_b", "boss"], "boss");
  await say("it_admin", "团队 主管 rep_b boss");
  await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会 产品:CRM");
  await say("rep_a", "转化 张伟");
});
afterAll(() => h.dispose());

describe("return to the pool after 30 days (injected clock)", () => {
  it("warns the owner once, 3 days before", async () => {
    h.clock.advance(26 * DAY);
    expect(await runOnce()).toMatchObject({ warned: 0, returned: 0 });
    h.clock.advance(DAY);
    const before = sentTexts(h.fake, "rep_a").length;
    expect(await runOnce()).toMatchObject({ warned: 1, returned: 0 });
    const { code } = await huawei();
    const warning = sentTexts(h.fake, "rep_a").at(-1)!;
    expect(warning).toBe(
      `提醒：以下客户快 30 天没有跟进了，到期会退回公海：\n#${code} 华为技术有限公司（12月23日 退回）\n跟进一次即可保留，例如：跟进 #${code} 电话沟通了近况`,
    );
    h.clock.advance(3_600_000);
    expect(await runOnce()).toMatchObject({ warned: 0 });
    expect(sentTexts(h.fake, "rep_a").length).toBe(before + 1);
    expect((await huawei()).poolWarnedAt).not.toBeNull();
  });

  it("a follow-up resets the warning and the clock", async () => {
    expect(await say("rep_a", "跟进 华为 电话沟通了近况")).toBe("已记录对 华为技术有限公司 的跟进。");
    expect((await huawei()).poolWarnedAt).toBeNull();
    h.clock.advance(3 * DAY); // 30 days after the conversion, 3 after the follow-up
    expect(await runOnce()).toMatchObject({ warned: 0, returned: 0 });
    h.clock.advance(24 * DAY); // 27 days after the follow-up: warned again
    expect(await runOnce()).toMatchObject({ warned: 1, returned: 0 });
  });

  it("at 30 days without follow-up the customer returns and the owner is told why", async () => {
    h.clock.advance(3 * DAY);
    expect(await runOnce()).toMatchObject({ returned: 1 });
    const c = await huawei();
    expect(c).toMatchObject({ ownerId: null, ownedSince: null, poolWarnedAt: null });
    expect(c.pooledAt?.toISOString()).toBe(h.clock.now().toISOString());
    expect(c.opportunities.map((o) => o.ownerId)).toEqual([null]); // open: travels with the customer
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe(
      `以下客户已 30 天没有跟进，已退回公海，同事现在可以领取：\n#${c.code} 华为技术有限公司\n30 天内你不能再领取它们。`,
    );
    const event = await prisma().poolEvent.findFirstOrThrow({ where: { customerId: c.id } });
    expect(event).toMatchObject({ kind: "returned", fromUserId: await userId(h, "rep_a"), toUserId: null, reason: "idle:30" });
    expect(await prisma().auditEntry.count({ where: { entityId: c.id, action: "returned", actorId: null } })).toBe(1);
    expect(await runOnce()).toMatchObject({ returned: 0, warned: 0 });
  });

  it("公海 lists it without phone numbers", async () => {
    const { code } = await huawei();
    const list = await say("rep_b", "公海");
    expect(list).toBe(`公海客户（共 1 个）：\n#${code} 华为技术有限公司 · 今天进入公海（30 天未跟进）\n发送「领取 #${code}」领取。`);
    expect(list).not.toContain("138");
  });

  it("the rep it returned from cannot claim it back at once; another rep can, with its open opportunity", async () => {
    const { code } = await huawei();
    expect(await say("rep_a", `领取 #${code}`)).toBe(`客户 #${code} 华为技术有限公司 刚从你名下回到公海，2月18日 之后你才能再领取；在此之前先留给其他同事。`);
    expect(await say("rep_b", "领取 华为")).toBe(
      `已领取客户 #${code} 华为技术有限公司（本月第 1/2 个），连同 1 个进行中的商机。请在 30 天内跟进，否则会退回公海。`,
    );
    const c = await huawei();
    const repB = await userId(h, "rep_b");
    expect(c).toMatchObject({ ownerId: repB, pooledAt: null });
    expect(c.opportunities.map((o) => o.ownerId)).toEqual([repB]);
    expect(await say("rep_b", `领取 #${code}`)).toBe(`客户 #${code} 华为技术有限公司 已经是你的了。`);
    expect(await runOnce()).toMatchObject({ returned: 0, warned: 0 });
  });

  it("someone else's customer is not in the pool; the attempt is audited", async () => {
    expect(await say("rep_a", "领取 华为")).toBe("公海里没有客户「华为」。发送「公海」查看可领取的客户。");
    const denied = await prisma().auditEntry.findMany({ where: { action: "write_denied", entity: "customer" } });
    expect(denied.map((d) => d.detail)).toEqual([{ ref: "华为", op: "claim" }]);
  });
});

describe("claim limit per calendar month", () => {
  it("refuses beyond the limit, saying when it resets; the next month it works again", async () => {
    for (const n of ["甲公司", "乙公司", "丙公司"]) await makeCustomer(h, n);
    expect(await say("rep_b", "领取 甲公司")).toMatch(/^已领取客户 #\d+ 甲公司（本月第 2\/2 个）/);
    expect(await say("rep_b", "领取 乙公司")).toBe("本月已领取 2 个客户，达到上限。2月1日 00:00 起可以再领取。");
    expect((await prisma().customer.findFirstOrThrow({ where: { name: "乙公司" } })).ownerId).toBeNull();
    h.clock.set(new Date("2027-01-31T16:00:00Z")); // 2月1日 00:00 in Shanghai
    expect(await say("rep_b", "领取 乙公司")).toMatch(/^已领取客户 #\d+ 乙公司（本月第 1\/2 个）/);
  });

  it("two reps claiming at once: exactly one wins", async () => {
    const c = await makeCustomer(h, "丁公司");
    await Promise.all([h.sendText("rep_c", `领取 #${c.code}`), h.sendText("rep_d", `领取 #${c.code}`)]);
    await h.drain();
    const replies = [sentTexts(h.fake, "rep_c").at(-1)!, sentTexts(h.fake, "rep_d").at(-1)!];
    expect(replies.filter((r) => r.startsWith("已领取")).length).toBe(1);
    expect(await prisma().poolEvent.count({ where: { customerId: c.id, kind: "claimed" } })).toBe(1);
  });

  it("the conditional update settles a race between two transactions", async () => {
    const c = await makeCustomer(h, "戊公司");
    const reps = await Promise.all(["rep_c", "rep_d"].map((w) => prisma().user.findUniqueOrThrow({ where: { wecomUserId: w } })));
    const settings = defaultCrmSettings();
    const results = await Promise.all(
      reps.map((rep) => prisma().$transaction((tx) => claimCustomer(tx, rep, c, h.clock.now(), settings, "Asia/Shanghai"))),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(["claimed", "taken"]);
    expect(await prisma().poolEvent.count({ where: { customerId: c.id, kind: "claimed" } })).toBe(1);
  });
});

describe("释放", () => {
  it("the owner releases with a reason; 公海 shows it", async () => {
    const code = (await huawei()).code;
    // Its open opportunity would go along: the release asks first (issue 12).
    expect(await say("rep_b", "释放 华为 客户暂无预算")).toBe(`[card] 释放客户 #${code} 华为技术有限公司？`);
    expect((await huawei()).ownerId).not.toBeNull();
    expect(await say("rep_b", "确认")).toBe(`已把客户 #${code} 华为技术有限公司 释放到公海，同事现在可以领取。`);
    const c = await huawei();
    expect(c.ownerId).toBeNull();
    expect(c.opportunities.map((o) => o.ownerId)).toEqual([null]);
    expect(await prisma().poolEvent.findFirstOrThrow({ where: { customerId: c.id }, orderBy: { id: "desc" } })).toMatchObject({
      kind: "released",
      reason: "客户暂无预算",
    });
    expect(await say("rep_c", "公海")).toContain(`#${code} 华为技术有限公司 · 今天进入公海（释放：客户暂无预算）`);
    expect(await say("rep_b", `领取 #${code}`)).toMatch(/刚从你名下回到公海/);
  });

  it("a manager releases a rep's customer and the rep is told; another rep is refused and audited", async () => {
    await say("rep_b", "新建线索 赵敏 13822223333 阿里巴巴");
    await say("rep_b", "转化 赵敏");
    expect(await say("rep_a", "释放 阿里巴巴")).toBe("找不到客户「阿里巴巴」。可用客户名、联系人姓名或 #编号。");
    expect(await prisma().auditEntry.count({ where: { action: "write_denied", entity: "customer", detail: { equals: { ref: "阿里巴巴" } } } })).toBe(1);
    const reply = await say("boss", "释放 阿里巴巴 确认 重新分配");
    expect(reply).toMatch(/^已把客户 #\d+ 阿里巴巴（原负责人 李强）释放到公海/);
    expect(sentTexts(h.fake, "rep_b").at(-1)).toMatch(/^陈经理 把你的客户 #\d+ 阿里巴巴 释放到了公海，原因：重新分配。$/);
  });

  it("explains a bad page number and shows pages", async () => {
    expect(await say("rep_c", "公海 abc")).toBe("页码应为正整数，例如：公海 2\n用法：公海 [页码]\n例如：公海 2");
    for (let i = 0; i < 10; i++) await makeCustomer(h, `批量客户${i}`, { industry: "制造", level: "普通", region: "苏州" });
    const first = (await say("rep_c", "公海")).split("\n");
    expect(first[0]).toMatch(/^公海客户（共 1[23] 个，第 1\/2 页）：$/);
    expect(first[1]).toMatch(/^#\d+ 批量客户9 · 制造 · 普通 · 苏州 · 今天进入公海$/);
    expect(first.at(-1)).toMatch(/；「公海 2」看下一页。$/);
    expect((await say("rep_c", "公海 2")).split("\n")[0]).toMatch(/第 2\/2 页/);
    expect(await say("rep_c", "公海 9")).toBe("公海只有 2 页。发送「公海」从第 1 页看起。");
  });
});

describe("batches", () => {
  it("a small batch size still returns everything, one transaction per batch", async () => {
    const repE = await prisma().user.create({ data: { wecomUserId: "rep_e" } });
    for (let i = 0; i < 5; i++) await makeCustomer(h, `闲置客户${i}`, { ownerId: repE.id });
    h.clock.advance(31 * DAY);
    toMorning();
    const scheduler = new Scheduler(h.tdb.db, [poolSweepJob(2)], [], h.clock, defaultCrmSettings(), "Asia/Shanghai", createLogger("silent"));
    const occurrence = { kind: "pool-sweep", dueAt: h.clock.now(), uniqueKey: "pool-sweep:batch-test", payload: { occurrence: "batch-test" } };
    await prisma().$transaction((tx) => scheduleJob(tx, occurrence, h.clock.now()));
    await scheduler.drain();
    expect(await prisma().poolEvent.count({ where: { kind: "returned", at: h.clock.now() } })).toBeGreaterThanOrEqual(5);
    expect(await prisma().job.count({ where: { kind: "pool-sweep", status: "done" } })).toBeGreaterThanOrEqual(3);
    expect(await prisma().customer.count({ where: { ownerId: repE.id } })).toBe(0);
    await h.drain();
    const notices = sentTexts(h.fake, "rep_e");
    expect(notices.length).toBeGreaterThanOrEqual(3); // one per batch: at least 2 + 2 + 1
    expect(notices.join("\n").match(/闲置客户/g)?.length).toBe(5);
  });
});

describe("lead archiving", () => {
  it("archives leads idle for 180 days: gone from 我的线索, still findable and audited, back on a follow-up", async () => {
    await say("rep_c", "新建线索 孙丽 13833334444 腾讯");
    expect(await say("rep_c", "我的线索")).toContain("孙丽");
    h.clock.advance(179 * DAY);
    toMorning();
    expect((await runOnce()).archived).toBe(0);
    h.clock.advance(2 * DAY);
    expect((await runOnce()).archived).toBeGreaterThanOrEqual(1);
    const lead = await prisma().lead.findFirstOrThrow({ where: { name: "孙丽" } });
    expect(lead).toMatchObject({ status: "archived" });
    expect(lead.archivedAt?.toISOString()).toBe(h.clock.now().toISOString());
    expect(await say("rep_c", "我的线索")).toBe("你名下还没有线索。试试：新建线索 张三 13800138000 华为 展会");
    expect(await say("rep_c", "评分 孙丽")).toMatch(/^线索 #\d+ 孙丽：/);
    expect(await prisma().auditEntry.count({ where: { entityId: lead.id, action: "archive" } })).toBe(1);
    expect(await say("rep_c", "跟进 孙丽 又聊上了")).toBe("已记录对 孙丽 的跟进。");
    expect(await prisma().lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: "contacted", archivedAt: null });
    expect(await say("rep_c", "我的线索")).toContain("孙丽");
  });
});
