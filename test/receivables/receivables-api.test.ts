// GET /api/v1/receivables and /payments, POST /api/v1/payments: statuses derived at the local
// day boundary (Asia/Shanghai, not UTC), filters and pages, idempotency by externalId (201,
// then 200 with the same payment), 400 naming the field, 422 with the rule in Chinese, 404 for
// a contract not found; and the summaries other domains use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerMoneySummary, instalmentsDueFor, receiptsBetween } from "../../src/crm/receivables/index.ts";
import { planStatus } from "../../src/crm/receivables/status.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, say } from "./fixtures.ts";

let h: Harness;
let token = "";
let cust = "";
let c = { id: "", code: 0, number: "" };
let bare = { id: "", code: 0, number: "" };
let dead = { id: "", code: 0, number: "" };
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "ra_admin" } });
  h.fake.users = { ra_admin: "管理员", ra_rep: "王芳" };
  cust = await customerOf(h, "ra_rep", "腾讯科技有限公司", "13811112204");
  c = await contractFor(h, "ra_rep", cust, 10_000_000);
  await say(h, "ra_rep", `回款计划 ${c.number} 2026-11-23 5万，2026-12-31 5万`);
  bare = await contractFor(h, "ra_rep", cust, 1_000_000);
  dead = await contractFor(h, "ra_rep", cust, 1_000_000);
  await say(h, "ra_rep", `回款计划 ${dead.number} 1期 首期:2026-12-31`);
  await h.tdb.db.prisma.contract.update({ where: { id: dead.id }, data: { status: "void" } });
  token = /wcrm_[A-Za-z0-9_-]+/.exec((await say(h, "ra_admin", "令牌 新建 回款同步"))[0]!)![0];
});
afterAll(() => h.dispose());

const get = (path: string) => h.request.get(`/api/v1${path}`).set("authorization", `Bearer ${token}`);
const post = (body: object) => h.request.post("/api/v1/payments").set("authorization", `Bearer ${token}`).send(body);

describe("GET /api/v1/receivables", () => {
  it("derives 逾期 from the local day: 23:59 in Shanghai it is still due, 00:00 it is overdue (UTC still says the 23rd)", async () => {
    h.clock.set(new Date("2026-11-23T15:59:00Z"));
    let res = await get(`/receivables?contract=${c.number}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ contract: c.number, instalment: 1, dueDate: "2026-11-23", status: "pending", statusText: "待回款", amount: "50000.00", paid: "0.00", owed: "50000.00" });
    h.clock.set(new Date("2026-11-23T16:00:00Z"));
    res = await get(`/receivables?contract=${c.number}`);
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(["overdue", "pending"]);
    expect((await get("/receivables?status=overdue")).body.items.map((i: { contract: string; instalment: number }) => [i.contract, i.instalment])).toEqual([[c.number, 1]]);
    expect((await get("/receivables?status=void")).body.items.map((i: { contract: string; statusText: string }) => [i.contract, i.statusText])).toEqual([[dead.number, "作废"]]);
  });

  it("the same pure rule everywhere: due today is not overdue, a void contract's instalments are 作废", () => {
    const plan = { amountFen: 100n, paidFen: 40n, dueDate: new Date("2026-11-23T00:00:00Z") };
    expect(planStatus(plan, "effective", "2026-11-23")).toBe("部分回款");
    expect(planStatus(plan, "effective", "2026-11-24")).toBe("逾期");
    expect(planStatus({ ...plan, paidFen: 100n }, "effective", "2026-11-24")).toBe("已回款");
    expect(planStatus(plan, "void", "2026-11-24")).toBe("作废");
  });

  it("pages with an opaque cursor; a bad cursor or status is a 400", async () => {
    const first = await get("/receivables?limit=2");
    expect(first.body.items).toHaveLength(2);
    const second = await get(`/receivables?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { contract: string }) => i.contract)).toEqual([dead.number]);
    expect(second.body.nextCursor).toBeNull();
    expect((await get("/receivables?cursor=abc")).status).toBe(400);
    expect((await get("/receivables?status=late")).body.fields).toHaveProperty("status");
    expect((await get("/receivables?contract=HT-2099-9999")).status).toBe(404);
  });
});

describe("POST /api/v1/payments", () => {
  let first: Record<string, unknown> = {};
  it("201 the first time, applied to the oldest instalments; a replay is 200 with the same payment", async () => {
    const body = { contract: c.number, amount: "60000.00", receivedOn: "2026-11-20", method: "银行转账", externalId: "bank-0001" };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contract: c.number,
      amount: "60000.00",
      receivedOn: "2026-11-20",
      status: "confirmed",
      prepaid: "0.00",
      allocations: [
        { instalment: 1, amount: "50000.00" },
        { instalment: 2, amount: "10000.00" },
      ],
    });
    first = res.body;
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first);
    expect(await h.tdb.db.prisma.payment.count({ where: { contractId: c.id } })).toBe(1);
    expect((await post({ ...body, amount: "1.00" })).status).toBe(409);
    const listed = await get(`/payments?contract=${c.code}`);
    expect(listed.body.items).toEqual([first]);
  });

  it("400 names the field; nothing is stored", async () => {
    const base = { contract: c.number, amount: "1.00", receivedOn: "2026-11-20" };
    expect((await post({ ...base, amount: "12.345" })).body.fields).toHaveProperty("amount");
    expect((await post({ ...base, amount: "0" })).body.fields).toHaveProperty("amount");
    expect((await post({ ...base, amount: 100 })).body.fields).toHaveProperty("amount");
    expect((await post({ ...base, receivedOn: "2026-02-30" })).body.fields).toHaveProperty("receivedOn");
    expect((await post({ amount: "1.00", receivedOn: "2026-11-20" })).body.fields).toHaveProperty("contract");
    expect((await post({ ...base, payer: "x" })).status).toBe(400);
    expect(await h.tdb.db.prisma.payment.count()).toBe(1);
  });

  it("422 with the rule in Chinese; 404 for a contract not found", async () => {
    const over = await post({ contract: c.code, amount: "40000.01", receivedOn: "2026-11-21" });
    expect([over.status, over.body.error, over.body.field]).toEqual([422, "这笔 40,000.01 元 超过了合同还未回款的 4万，没有记录。请核对金额。", "amount"]);
    expect((await post({ contract: bare.number, amount: "1.00", receivedOn: "2026-11-21" })).body.error).toContain("还没有回款计划");
    expect((await post({ contract: String(dead.code), amount: "1.00", receivedOn: "2026-11-21" })).body.error).toContain("已作废");
    expect((await post({ contract: c.number, amount: "1.00", receivedOn: "2026-11-25" })).body.error).toContain("还没到");
    const early = await post({ contract: c.number, amount: "1.00", receivedOn: "2026-11-19" });
    expect([early.status, early.body.error, early.body.field]).toEqual([422, `到账日期 2026-11-19 早于合同 ${c.number} 的签订日期 2026-11-20，没有记录。请核对日期。`, "receivedOn"]);
    expect((await post({ contract: "HT-2099-9999", amount: "1.00", receivedOn: "2026-11-21" })).status).toBe(404);
    expect(await h.tdb.db.prisma.payment.count()).toBe(1);
  });
});

describe("summaries for the customer card, 今日待办 and the weekly report", () => {
  it("adds up a customer's live contracts, overdue and the next instalment", async () => {
    const prisma = h.tdb.db.prisma;
    const owner = await prisma.user.findUniqueOrThrow({ where: { wecomUserId: "ra_rep" } });
    await prisma.paymentPlan.updateMany({ where: { contractId: c.id, position: 2 }, data: { dueDate: new Date("2026-11-20T00:00:00Z") } });
    await say(h, "ra_rep", `回款计划 ${bare.number} 1期 首期:2026-12-10`);
    const s = await prisma.$transaction((tx) => customerMoneySummary(tx, cust, "2026-11-24"));
    // c: 10万 paid 6万, its 2nd instalment (owing 4万) overdue; bare: 1万 due Dec 10; dead: void, not counted
    expect(s).toEqual({ contracts: 2, amountFen: 11_000_000, paidFen: 6_000_000, owedFen: 5_000_000, overdueFen: 4_000_000, next: { contract: bare.number, dueDate: "2026-12-10", owedFen: 1_000_000 } });
    const due = await prisma.$transaction((tx) => instalmentsDueFor(tx, [owner.id], "2026-11-24", 30));
    expect(due.get(owner.id)!.map((d) => [d.contract, d.position, d.status, d.owedFen])).toEqual([
      [c.number, 2, "逾期", 4_000_000],
      [bare.number, 1, "待回款", 1_000_000],
    ]);
    expect(await prisma.$transaction((tx) => receiptsBetween(tx, [owner.id], "2026-11-16", "2026-11-22"))).toEqual({ count: 1, amountFen: 6_000_000 });
    expect(await prisma.$transaction((tx) => receiptsBetween(tx, [owner.id], "2026-11-21", "2026-11-22"))).toEqual({ count: 0, amountFen: 0 });
  });
});

describe("POST /api/v1/payments under a race", () => {
  it("one externalId sent for two contracts at once: one 201, the other a 409, never a 500", async () => {
    const other = await contractFor(h, "ra_rep", cust, 2_000_000);
    await say(h, "ra_rep", `回款计划 ${other.number} 1期 首期:2026-12-31`);
    const body = (contract: string) => ({ contract, amount: "100.00", receivedOn: "2026-11-20", externalId: "race-0001" });
    const [a, b] = await Promise.all([post(body(c.number)), post(body(other.number))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await h.tdb.db.prisma.payment.count({ where: { externalId: "race-0001" } })).toBe(1);
  });
});
