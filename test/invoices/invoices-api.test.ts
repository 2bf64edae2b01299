// GET /api/v1/invoices and /invoices/<code>: yuan strings, pages by cursor, ?contract= by
// code or number, 404 for an unknown contract or invoice, 400 for a bad query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractFull } from "../../src/crm/contracts/index.ts";
import type { Harness } from "../support/harness.ts";
import { contractFor, invoiceHarness, repOpportunity, say } from "./support.ts";

let h: Harness;
let token = "";
let a: ContractFull;
let b: ContractFull;
beforeAll(async () => {
  h = await invoiceHarness({ ia_admin: "管理员", ia_rep: "王芳", fin: "钱财务" }, "ia_admin");
  const opp = await repOpportunity(h, "ia_rep");
  a = await contractFor(h, "ia_rep", opp, 12_345_678);
  b = await contractFor(h, "ia_rep", opp, 500_000);
  await say(h, "ia_rep", `开票 合同#${a.code} 12345.67`);
  await say(h, "ia_rep", `开票 合同#${a.code} 0.11 类型:专票 税号:91440300279583285X`);
  await say(h, "ia_rep", `开票 合同#${b.code} 5000`);
  token = /wcrm_[A-Za-z0-9_-]+/.exec((await say(h, "ia_admin", "令牌 新建 财务同步")).join("\n"))![0];
});
afterAll(() => h.dispose());

const get = (path: string) => h.request.get(`/api/v1${path}`).set("authorization", `Bearer ${token}`);

describe("GET /api/v1/invoices", () => {
  it("lists with amounts as yuan strings, in pages", async () => {
    const first = await get("/invoices?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ contract: a.number, customer: "华为技术有限公司", title: "华为技术有限公司", type: "normal", amount: "12345.67", status: "pending_approval", taxId: null, invoiceNumber: null, issuedAt: null });
    expect(first.body.items[1]).toMatchObject({ amount: "0.11", type: "special", taxId: "91440300279583285X" });
    const next = await get(`/invoices?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((i: { contract: string; amount: string }) => [i.contract, i.amount])).toEqual([[b.number, "5000.00"]]);
    expect(next.body.nextCursor).toBeNull();
  });

  it("?contract= narrows by code or number; unknown ones are 404", async () => {
    const byCode = await get(`/invoices?contract=${b.code}`);
    expect(byCode.body.items.map((i: { amount: string }) => i.amount)).toEqual(["5000.00"]);
    const byNumber = await get(`/invoices?contract=${a.number}`);
    expect(byNumber.body.items).toHaveLength(2);
    expect((await get("/invoices?contract=HT-1999-9999")).status).toBe(404);
    expect((await get("/invoices?cursor=abc")).status).toBe(400);
    expect((await get("/invoices?colour=red")).status).toBe(400);
  });

  it("shows one; 404 for none, 400 for a bad code", async () => {
    const code = (await get("/invoices")).body.items[0].code as number;
    const one = await get(`/invoices/${code}`);
    expect([one.status, one.body.amount, one.body.contractCode]).toEqual([200, "12345.67", a.code]);
    expect((await get("/invoices/999999")).status).toBe(404);
    expect((await get("/invoices/abc")).status).toBe(400);
    expect((await h.request.get(`/api/v1/invoices/${code}`)).status).toBe(401);
  });
});
