// 回款计划 and 回款 through the signed webhook: even splits with the remainder on the last
// instalment (exact fen, month ends clamped), a plan that does not add up is refused naming
// the difference, a payment is applied to the oldest open instalments, more than owed is
// refused, the plan is locked once money is allocated, postponing clears the notice markers,
// a customer's name finds its one owing contract, and nobody outside the scope sees anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, day, plansOf, say } from "./fixtures.ts";

let h: Harness;
let huawei = "";
let c1 = { id: "", code: 0, number: "" };
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "rc_admin" } });
  h.fake.users = { rc_rep: "王芳", rc_other: "李雷", rc_admin: "管理员" };
  await say(h, "rc_other", "帮助");
  huawei = await customerOf(h, "rc_rep", "华为技术有限公司", "13811112201");
  // ¥1,000,000.01: 3 instalments of 333,333.33 + the remainder 333,333.35
  c1 = await contractFor(h, "rc_rep", huawei, 100_000_001);
});
afterAll(() => h.dispose());

const payments = (contractId: string) => h.tdb.db.prisma.payment.findMany({ where: { contractId }, include: { allocations: true }, orderBy: { code: "asc" } });

describe("回款计划", () => {
  it("splits evenly with the remainder on the last, months clamped to their end", async () => {
    const r = await say(h, "rc_rep", `回款计划 ${c1.number} 3期 首期:2026-12-31 间隔:2月`);
    expect(r[0]).toContain(`已设置合同 ${c1.number} 的回款计划，共 3 期`);
    const plans = await plansOf(h, c1.id);
    expect(plans.map((p) => [p.position, day(p.dueDate), Number(p.amountFen)])).toEqual([
      [1, "2026-12-31", 33_333_333],
      [2, "2027-02-28", 33_333_333],
      [3, "2027-04-30", 33_333_335],
    ]);
    const trail = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { entity: "payment_plan", entityId: c1.id } });
    expect(trail.action).toBe("create");
  });

  it("refuses explicit instalments that do not add up, naming the difference", async () => {
    const r = await say(h, "rc_rep", `回款计划 ${c1.number} 2026-12-31 30万，2027-03-31 70万`);
    expect(r[0]).toBe("各期合计 100万，合同金额 1,000,000.01 元，还差 0.01 元。回款计划必须和合同金额一致。");
    const more = await say(h, "rc_rep", `回款计划 合同#${c1.code} 2026-12-31 30万，2027-03-31 70.0002万`);
    expect(more[0]).toContain("多了 1.99 元");
    expect((await plansOf(h, c1.id)).map((p) => Number(p.amountFen))).toEqual([33_333_333, 33_333_333, 33_333_335]);
  });

  it("replaces the plan with explicit amounts while nothing is allocated", async () => {
    const r = await say(h, "rc_rep", `回款计划 ${c1.number} 2026-12-01 30万，2027-03-31 700000.01，2027-01-15 0`);
    expect(r[0]).toContain("金额「0」不对");
    await say(h, "rc_rep", `回款计划 ${c1.number} 2027-03-31 700000.01，2026-12-01 30万`);
    const plans = await plansOf(h, c1.id);
    expect(plans.map((p) => [p.position, day(p.dueDate), Number(p.amountFen)])).toEqual([
      [1, "2026-12-01", 30_000_000],
      [2, "2027-03-31", 70_000_001],
    ]);
  });
});

describe("回款", () => {
  it("applies a payment to the oldest open instalments, keeping paidFen with the allocations", async () => {
    const r = await say(h, "rc_rep", `回款 ${c1.number} 40万 11月20日 方式:银行转账`);
    expect(r[0]).toContain(`合同 ${c1.number} 40万（2026-11-20 到账）`);
    expect(r[0]).toContain("核销：第1期 30万，第2期 10万");
    const [p] = await payments(c1.id);
    expect([Number(p!.amountFen), day(p!.receivedOn), p!.method, p!.status]).toEqual([40_000_000, "2026-11-20", "银行转账", "confirmed"]);
    expect(p!.allocations.map((a) => Number(a.amountFen)).sort()).toEqual([10_000_000, 30_000_000]);
    expect((await plansOf(h, c1.id)).map((x) => Number(x.paidFen))).toEqual([30_000_000, 10_000_000]);
    expect((await h.tdb.db.prisma.contract.findUniqueOrThrow({ where: { id: c1.id } })).status).toBe("executing");
  });

  it("shows the plan with derived statuses, paid and owed", async () => {
    const r = await say(h, "rc_rep", `回款 #${c1.code}`);
    expect(r[0]).toContain("第1期 2026-12-01 30万，已回 30万，未回 0 元（已回款）");
    expect(r[0]).toContain("第2期 2027-03-31 700,000.01 元，已回 10万，未回 600,000.01 元（部分回款）");
    expect(r[0]).toContain("合计已回 40万，未回 600,000.01 元");
  });

  it("refuses more than is still owed, naming what is owed; nothing is stored", async () => {
    const r = await say(h, "rc_rep", `回款 ${c1.number} 60.0002万`);
    expect(r[0]).toBe("这笔 600,002 元 超过了合同还未回款的 600,000.01 元，没有记录。请核对金额。");
    expect(await payments(c1.id)).toHaveLength(1);
  });

  it("refuses a future date, a missing amount and a bad amount", async () => {
    expect((await say(h, "rc_rep", `回款 ${c1.number} 1万 2026-12-25`))[0]).toContain("还没到");
    expect((await say(h, "rc_rep", `回款 ${c1.number} 方式:现金`))[0]).toContain("请写回款金额");
    expect((await say(h, "rc_rep", `回款 ${c1.number} 1.234元`))[0]).toContain("精度超出");
  });

  it("locks the plan once money is allocated; an instalment can be postponed, clearing its markers", async () => {
    expect((await say(h, "rc_rep", `回款计划 ${c1.number} 2期`))[0]).toContain("已经有回款核销，不能整体替换");
    const second = (await plansOf(h, c1.id))[1]!;
    await h.tdb.db.prisma.paymentPlan.update({ where: { id: second.id }, data: { remindedAt: new Date(), overdueNoticeAt: new Date() } });
    expect((await say(h, "rc_rep", `回款计划 ${c1.number} 第2期 推迟到 2027-01-15`))[0]).toContain("新的日期 2027-01-15 要晚于原来的 2027-03-31");
    expect((await say(h, "rc_rep", `回款计划 ${c1.number} 第2期 推迟到 2027-04-15`))[0]).toBe(`已把合同 ${c1.number} 第 2 期从 2027-03-31 推迟到 2027-04-15。`);
    const moved = (await plansOf(h, c1.id))[1]!;
    expect([day(moved.dueDate), moved.remindedAt, moved.overdueNoticeAt]).toEqual(["2027-04-15", null, null]);
    const trail = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { entity: "payment_plan", entityId: second.id, action: "postpone" } });
    expect(trail.detail).toMatchObject({ before: { dueDate: "2027-03-31" }, after: { dueDate: "2027-04-15" } });
    expect((await say(h, "rc_rep", `回款计划 ${c1.number} 第1期 推迟到 2027-04-15`))[0]).toContain("第 1 期已回款");
  });

  it("free text: 华为打了1万过来 proposes the record and writes it only on 确认", async () => {
    const before = (await payments(c1.id)).length;
    const proposal = await say(h, "rc_rep", "华为技术打了1万过来");
    expect(proposal[0]).toBe("[card] 我理解为（1 项）：");
    const card = h.fake.sentMessages().filter((m) => m["touser"] === "rc_rep" && m["msgtype"] === "template_card").at(-1)!;
    expect(JSON.stringify(card)).toContain('"keyname":"金额","value":"1万"');
    expect(await payments(c1.id)).toHaveLength(before);
    const done = await say(h, "rc_rep", "确认");
    expect(done.join("\n")).toContain(`合同 ${c1.number} 1万`);
    expect(await payments(c1.id)).toHaveLength(before + 1);
  });

  it("finds a customer's one owing contract by name, and asks which when there are several", async () => {
    const r = await say(h, "rc_rep", "回款 华为技术 1万 昨天");
    expect(r[0]).toContain(`合同 ${c1.number} 1万（2026-11-22 到账）`);
    const c2 = await contractFor(h, "rc_rep", huawei, 5_000_000);
    await say(h, "rc_rep", `回款计划 ${c2.number} 1期 首期:2027-01-01`);
    const ask = await say(h, "rc_rep", "回款 华为技术 1万");
    expect(ask[0]).toContain(`有多份合同还有未回款：${c1.number}、${c2.number}`);
  });

  it("a contract without a plan or a void one takes no payment", async () => {
    const bare = await contractFor(h, "rc_rep", huawei, 1_000_000);
    expect((await say(h, "rc_rep", `回款 ${bare.number} 1000`))[0]).toBe(`合同 ${bare.number} 还没有回款计划，回款无法核销到期次。请先设置计划：回款计划 ${bare.number} 3期`);
    await say(h, "rc_rep", `回款计划 ${bare.number} 1期`);
    await h.tdb.db.prisma.contract.update({ where: { id: bare.id }, data: { status: "void" } });
    expect((await say(h, "rc_rep", `回款 ${bare.number} 1000`))[0]).toContain("已作废");
    expect((await say(h, "rc_rep", `回款 ${bare.number}`))[0]).toContain("（作废）");
    expect(await payments(bare.id)).toHaveLength(0);
  });

  it("lists payments; others outside the scope see nothing and change nothing", async () => {
    const list = await say(h, "rc_rep", `回款记录 ${c1.number}`);
    expect(list[0]).toContain("银行转账（已确认）");
    expect((await say(h, "rc_other", `回款 #${c1.code}`))[0]).toContain("找不到合同");
    expect((await say(h, "rc_other", `回款 ${c1.number} 1万`))[0]).toContain("找不到合同");
    expect((await say(h, "rc_other", `回款计划 ${c1.number} 第2期 推迟到 2027-09-01`))[0]).toContain("找不到合同");
    expect((await say(h, "rc_other", "回款 华为技术 1万"))[0]).toContain("没有还有未回款的生效合同");
    expect((await say(h, "rc_admin", `回款 #${c1.code}`))[0]).toContain("合计已回 42万");
  });
});
