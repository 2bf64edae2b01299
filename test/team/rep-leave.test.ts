// 离职 through the signed webhook: a leaving rep's book goes to the manager or the pool,
// the user is deactivated, nothing stays with them, and they get no new leads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickAssignee } from "../../src/crm/leads/lead-assignment.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { sentTexts, type Harness } from "../support/harness.ts";
import { DAY, sayer, setUpTeam, startPoolHarness, userId } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const prisma = () => h.tdb.db.prisma;

/** What a user still owns that should have moved. */
async function stillOwned(wecomUserId: string) {
  const id = await userId(h, wecomUserId);
  return {
    customers: await prisma().customer.count({ where: { ownerId: id } }),
    leads: await prisma().lead.count({ where: { ownerId: id, status: { not: "converted" } } }),
    openOpps: await prisma().opportunity.count({ where: { ownerId: id, closedAt: null } }),
    reminders: await prisma().reminder.count({ where: { userId: id, status: "pending" } }),
  };
}
const nothing = { customers: 0, leads: 0, openOpps: 0, reminders: 0 };

/** Two customers (with an open opportunity each) and one open lead, plus a pending reminder. */
async function book(who: string, n: number) {
  await say(who, `新建线索 客户甲${n} 1380000${n}001 甲公司${n}`);
  await say(who, `转化 客户甲${n}`);
  await say(who, `新建线索 客户乙${n} 1380000${n}002 乙公司${n}`);
  await say(who, `转化 客户乙${n}`);
  await say(who, `新建线索 客户丙${n} 1380000${n}003`);
  const customer = await prisma().customer.findFirstOrThrow({ where: { name: `甲公司${n}` } });
  await prisma().reminder.create({
    data: { userId: await userId(h, who), dueAt: new Date(h.clock.now().getTime() + DAY), content: "回访", kind: "follow_up", refType: "customer", refId: customer.id },
  });
}

beforeAll(async () => {
  h = await startPoolHarness("{}\n", { CRM_ADMINS: "it_admin" });
  await setUpTeam(h, { rep_a: "王芳", rep_b: "李强", rep_c: "赵磊", boss: "陈经理" }, "综合", ["rep_a", "rep_b", "rep_c"], "boss");
  await say("it_admin", "团队 主管 rep_a boss");
  await book("rep_a", 1);
  await book("rep_b", 2);
});
afterAll(() => h.dispose());

describe("离职", () => {
  it("is for admins only", async () => {
    expect(await say("boss", "离职 rep_a")).toBe("你没有权限使用「离职」。如需开通请联系管理员。");
    expect(await say("it_admin", "离职 rep_a 别处")).toContain("去向只能是「公海」或「主管」");
    expect(await say("it_admin", "离职 nobody")).toBe("找不到同事「nobody」（或不在你的团队里）。请用企业微信账号或姓名。");
    expect(await say("it_admin", "离职 it_admin")).toBe("不能给自己办理离职。");
  });

  it("to the manager (the default): customers, leads, open opportunities and reminders; the manager is told", async () => {
    const mark = (await prisma().auditEntry.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    // a contract still being paid follows its customer to the manager
    const opp = await prisma().opportunity.findFirstOrThrow({ where: { ownerId: await userId(h, "rep_a") } });
    const contract = await prisma().contract.create({
      data: { number: "HT-LEAVE-0", customerId: opp.customerId, opportunityId: opp.id, ownerId: opp.ownerId, title: "交接", amountFen: 100_000n, status: "effective" },
    });
    expect(await say("it_admin", "离职 王芳")).toBe(
      "已为 王芳 办理离职，账号已停用：客户 2 个、线索 1 条、商机 2 个、待办提醒 1 条 已交给 陈经理。\n" +
        "进行中的合同 1 份已随客户交给新负责人（客户在公海的交给 陈经理）。",
    );
    expect(sentTexts(h.fake, "boss").at(-1)).toBe("王芳 已离职，Ta 的客户 2 个、线索 1 条、商机 2 个、待办提醒 1 条 已交给你。发送「我的线索」「我的商机」查看。");
    expect(await stillOwned("rep_a")).toEqual(nothing);
    const boss = await userId(h, "boss");
    expect(await prisma().customer.count({ where: { ownerId: boss, ownedSince: h.clock.now() } })).toBe(2);
    expect(await prisma().poolEvent.count({ where: { kind: "moved", toUserId: boss, reason: "rep_left" } })).toBe(2);
    expect((await prisma().user.findUniqueOrThrow({ where: { wecomUserId: "rep_a" } })).active).toBe(false);
    const audits = await prisma().auditEntry.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => `${a.entity}:${a.action}`)).toEqual(["user:update", ...Array(2).fill("customer:assign"), "lead:assign", ...Array(2).fill("opportunity:assign"), "contract:assign"]);
    expect((await prisma().contract.findUniqueOrThrow({ where: { id: contract.id } })).ownerId).toBe(boss);
    expect(await say("boss", "我的线索")).toContain("客户丙1");
  });

  it("an inactive rep gets no new leads from assignment, and the bot tells them their account is closed", async () => {
    expect(await say("rep_a", "我的线索")).toBe("你的账号已停用（已办理离职），不能再使用 CRM。如有疑问请联系管理员。");
    const team = await prisma().team.findUniqueOrThrow({ where: { name: "综合" } });
    const picked = await prisma().$transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 4; i++) {
        const lead = await tx.lead.create({ data: { name: `新线索${i}`, source: "官网表单" } });
        const rep = await pickAssignee(tx, lead, defaultCrmSettings(), new Date(h.clock.now().getTime() + i));
        out.push(rep!.wecomUserId);
        await tx.lead.delete({ where: { id: lead.id } });
      }
      return out;
    });
    expect(team.regions).toEqual([]);
    expect(new Set(picked)).toEqual(new Set(["rep_b", "rep_c"]));
  });

  it("to the pool: customers (with their open opportunities) to the pool, open leads dealt to colleagues", async () => {
    // money in play: a sent quote and a contract still being paid follow the customer — here
    // to the pool, and 李强 has no manager, so unowned (admins and finance see them); an
    // accepted quote stays with him as history
    const rep = await userId(h, "rep_b");
    const opp = await prisma().opportunity.findFirstOrThrow({ where: { ownerId: rep }, include: { customer: true } });
    const sent = await prisma().quote.create({ data: { opportunityId: opp.id, ownerId: rep, status: "sent" } });
    const accepted = await prisma().quote.create({ data: { opportunityId: opp.id, ownerId: rep, status: "accepted" } });
    const contract = await prisma().contract.create({
      data: { number: "HT-LEAVE-1", customerId: opp.customerId, opportunityId: opp.id, ownerId: rep, title: "离职交接", amountFen: 100_000n, status: "executing" },
    });
    const reply = await say("it_admin", "离职 李强 公海");
    expect(reply).toBe(
      "已为 李强 办理离职，账号已停用：客户 2 个退回公海，商机 2 个随客户或交给现负责人；线索 1 条，1 条已轮流分给同事。\n" +
        "进行中的报价 1 份、合同 1 份已随客户交给新负责人（客户在公海的暂无负责人，请管理员指定）。",
    );
    expect((await prisma().quote.findUniqueOrThrow({ where: { id: sent.id } })).ownerId).toBe(null);
    expect((await prisma().quote.findUniqueOrThrow({ where: { id: accepted.id } })).ownerId).toBe(rep);
    expect((await prisma().contract.findUniqueOrThrow({ where: { id: contract.id } })).ownerId).toBe(null);
    expect(await prisma().auditEntry.count({ where: { entity: "contract", entityId: contract.id, action: "assign" } })).toBe(1);
    expect(sentTexts(h.fake, "rep_c").at(-1)).toBe("李强 已离职，Ta 的 1 条线索分给了你。发送「我的线索」查看，请尽快跟进。");
    expect(await stillOwned("rep_b")).toEqual(nothing);
    const pooled = await prisma().customer.findMany({ where: { name: { in: ["甲公司2", "乙公司2"] } }, include: { opportunities: true } });
    expect(pooled.map((c) => [c.ownerId, c.pooledAt?.toISOString(), c.opportunities.map((o) => o.ownerId)])).toEqual([
      [null, h.clock.now().toISOString(), [null]],
      [null, h.clock.now().toISOString(), [null]],
    ]);
    expect(await prisma().reminder.count({ where: { content: "回访", status: "cancelled" } })).toBe(1);
    expect(await say("rep_c", "公海")).toContain("甲公司2 · 今天进入公海（原负责人离职）");
  });

  it("with no manager the default falls back to the pool, and says so", async () => {
    await say("rep_c", "新建线索 客户丁 13800009001 丁公司");
    await say("rep_c", "转化 客户丁");
    const reply = await say("it_admin", "离职 赵磊");
    expect(reply).toMatch(/^已为 赵磊 办理离职，账号已停用（Ta 没有主管，按公海处理）：客户 1 个退回公海/);
    // Nobody active is left in the team to take the open lead: it stays unassigned for 分配.
    expect(reply).toContain("条没有可分配的销售，请用「分配」处理。");
    expect(await stillOwned("rep_c")).toEqual(nothing);
  });
});
