// GET /api/v1/contracts and /api/v1/contracts/<code|number>: pages with an opaque cursor,
// amounts as strings of yuan, lines from the quote with decimal rates, and a token whose
// owner is no longer an admin reads nothing. (Outside scope = not found is the chat test's:
// tokens act for admins, who see every contract.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let adminToken = "";
let repToken = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "ca_admin" }, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { ca_admin: "管理员", ca_rep: "王芳", ca_other: "李雷" };
  await say("ca_other", "帮助");
  await say("ca_rep", "新建线索 张伟 13811112222 华为 展会");
  await say("ca_rep", "转化 张伟");
  const opp = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
  const q = Number(/已新建报价 #(\d+)/.exec(await say("ca_rep", `报价 商机#${opp}`))![1]);
  await say("ca_rep", `报价 #${q} 加 培训 2.5次 单价:999.99 税率:6%`);
  await say("ca_rep", `报价 #${q} 发送`);
  await say("ca_rep", `报价 #${q} 接受`);
  await say("ca_rep", `转合同 报价#${q} 签订:2026-11-30 开始:2026-12-01 结束:2027-11-30 付款:一次付清`);
  // one contract per deal: the other two are on deals of their own
  for (const [name, phone, amount, day] of [["刘洋", "13822223333", "123456.78", "2026-12-02"], ["陈静", "13833334444", "3万", "2026-12-03"]] as const) {
    await say("ca_rep", `新建线索 ${name} ${phone} 华为 展会`);
    await say("ca_rep", `转化 ${name}`);
    const deal = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    await say("ca_rep", `合同 新建 商机#${deal} ${amount} 签订:${day}`);
  }
  adminToken = /wcrm_[A-Za-z0-9_-]+/.exec(await say("ca_admin", "令牌 新建 合同同步"))![0];
  repToken = [...(await say("ca_admin", "令牌 新建 李雷的同步")).matchAll(/wcrm_[A-Za-z0-9_-]+/g)].at(-1)![0];
  // tokens act for an admin; one handed to 李雷, a rep, may not act at all
  const other = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "ca_other" } });
  await h.tdb.db.prisma.apiToken.update({ where: { name: "李雷的同步" }, data: { createdById: other.id } });
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  h.clock.advance(60_000);
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).join("\n");
}
const get = (path: string, token = adminToken) => h.request.get(`/api/v1${path}`).set("authorization", `Bearer ${token}`);

describe("GET /api/v1/contracts", () => {
  it("pages by code with a cursor", async () => {
    const first = await get("/contracts?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { number: string }) => c.number)).toEqual(["HT-2026-0001", "HT-2026-0002"]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/contracts?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { number: string }) => c.number)).toEqual(["HT-2026-0003"]);
    expect(second.body.nextCursor).toBeNull();
    expect((await get("/contracts?cursor=bogus")).status).toBe(400);
    expect((await get("/contracts?limit=0")).status).toBe(400);
  });

  it("one contract by code or number, with the quote's lines and exact amounts", async () => {
    const one = await get("/contracts/1");
    expect(one.status).toBe(200);
    // 999.99 × 2.5 = 2499.975 → 2499.98; tax 249998 × 6/106 = 14150.83 → 141.51
    expect(one.body).toMatchObject({
      code: 1,
      number: "HT-2026-0001",
      customer: { name: "华为" },
      opportunity: { code: expect.any(Number) },
      status: "effective",
      amount: "2499.98",
      signDate: "2026-11-30",
      startDate: "2026-12-01",
      endDate: "2027-11-30",
      paymentTerms: "一次付清",
      lines: [{ name: "培训", quantity: "2.5", unitPrice: "999.99", discount: "1.00", taxRate: "0.06", amount: "2499.98", tax: "141.51", net: "2358.47" }],
    });
    const byNumber = await get("/contracts/HT-2026-0002");
    expect([byNumber.status, byNumber.body.amount, byNumber.body.lines]).toEqual([200, "123456.78", []]);
    expect((await get("/contracts/ht-2026-0003")).body.amount).toBe("30000.00");
  });

  it("404 for no such contract; a token whose owner is not an admin reads nothing", async () => {
    expect(repToken).not.toBe(adminToken);
    expect((await get("/contracts/1", repToken)).status).toBe(403);
    expect((await get("/contracts", repToken)).status).toBe(403);
    expect((await get("/contracts/999")).status).toBe(404);
    expect((await get("/contracts/HT-1999-0001")).status).toBe(404);
    expect((await get("/contracts/%20drop")).status).toBe(400);
  });
});
