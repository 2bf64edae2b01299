// GET /api/v1/leads, /customers, /opportunities: bearer tokens, validated queries, pages
// with an opaque cursor, filters, consistent JSON, and CSV for integrations (audited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/crm/import-export/csv.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let token = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "ra_admin" } });
  h.fake.users = { ra_rep: "王芳", ra_rep2: "李强" };
  await say("ra_rep", "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say("ra_rep", "新建线索 赵敏 13822223333 某某科技 转介绍");
  await say("ra_rep", "新建线索 钱芳 13833334444");
  await say("ra_rep2", "新建线索 孙丽 13844445555 腾讯 官网表单");
  await say("ra_rep2", "新建线索 吴昊 13855556666 美的 广告投放");
  await say("ra_rep", "转化 张伟");
  await say("ra_rep", "商机 #1 预算:50万 预计成交:2026-12-31");
  const p = h.tdb.db.prisma;
  await p.opportunity.updateMany({ data: { amount: 480000.5 } });
  const customer = await p.customer.findFirstOrThrow();
  await p.contact.updateMany({ data: { title: "CTO", birthday: new Date("1980-05-04T00:00:00Z") } });
  await p.customer.create({ data: { name: "公海客户", nameKey: "公海客户", initials: "ghkh", pooledAt: h.clock.now() } });
  expect(customer.name).toBe("华为技术有限公司");
  token = /wcrm_[A-Za-z0-9_-]+/.exec(await say("ra_admin", "令牌 新建 数据同步"))![0];
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const get = (path: string, auth: string | null = `Bearer ${token}`) => {
  const r = h.request.get(`/api/v1${path}`);
  return auth ? r.set("authorization", auth) : r;
};

describe("authentication and validation", () => {
  it("401 without or with an unknown token, on every endpoint", async () => {
    for (const path of ["/leads", "/customers", "/opportunities", "/customers.csv"]) {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, "Bearer wcrm_unknown")).status).toBe(401);
    }
  });

  it("400 with the fields at fault for a bad query", async () => {
    const cases: Array<[string, string]> = [
      ["/leads?limit=101", "limit"],
      ["/leads?limit=0", "limit"],
      ["/leads?limit=abc", "limit"],
      ["/customers?cursor=garbage", "cursor"],
      ["/leads?updatedSince=yesterday", "updatedSince"],
      ["/customers?stage=初步沟通", "stage"],
      ["/opportunities?colour=red", "(body)"],
      ["/leads?format=xml", "format"],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toBe("invalid query");
      expect(Object.keys(res.body.fields), path).toContain(field);
    }
  });

  it("any cursor the server did not issue is a 400, never a 500 (every list endpoint)", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const kind of ["leads", "customers", "opportunities"]) {
      const crafted = [
        b64({ k: kind, after: 2147483648 }),
        b64({ k: kind, after: 1e300 }),
        b64({ k: kind, after: -1 }),
        b64({ k: kind, after: 1.5 }),
        b64({ k: kind, after: "1" }),
        b64({ k: kind, after: 1, extra: true }),
        b64([kind, 1]),
        b64(null),
        "%FF%FE",
        "A".repeat(5000),
      ];
      for (const cursor of crafted) {
        const res = await get(`/${kind}?cursor=${cursor}`);
        expect(res.status, `${kind} ${cursor.slice(0, 40)}`).toBe(400);
        expect(res.body.fields.cursor).toBeDefined();
      }
    }
  });

  it("a cursor from one endpoint is refused by another", async () => {
    const page = await get("/leads?limit=1");
    const res = await get(`/customers?cursor=${page.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.fields.cursor).toContain("nextCursor");
  });
});

describe("pages", () => {
  it("walks every lead exactly once in pages of two, the last page without a cursor", async () => {
    const codes: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/leads?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      codes.push(...res.body.items.map((l: { code: number }) => l.code));
      cursor = res.body.nextCursor;
      expect(cursor === null || /^[A-Za-z0-9_-]+$/.test(cursor)).toBe(true);
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(5);
  });

  it("leads are camelCase with ISO times and the owner's WeCom id, without internals", async () => {
    const res = await get("/leads?owner=ra_rep2&limit=100");
    expect(res.body.items.map((l: { name: string }) => l.name)).toEqual(["孙丽", "吴昊"]);
    const lead = res.body.items[0];
    expect(lead).toMatchObject({ phone: "13844445555", company: "腾讯", source: "官网表单", status: "new", score: 60, grade: "B", owner: "ra_rep2" });
    expect(lead.createdAt).toBe("2026-11-23T02:00:00.000Z");
    expect(lead).not.toHaveProperty("dedupeKey");
    expect(lead).not.toHaveProperty("ownerId");
    expect((await get("/leads?status=converted")).body.items.map((l: { name: string }) => l.name)).toEqual(["张伟"]);
  });

  it("customers carry their contacts; the token's admin also sees the pool", async () => {
    const res = await get("/customers");
    expect(res.status).toBe(200);
    const [huawei, pooled] = res.body.items;
    expect(huawei).toMatchObject({ name: "华为技术有限公司", owner: "ra_rep", inPool: false, tags: [] });
    expect(huawei.contacts).toEqual([expect.objectContaining({ name: "张伟", phone: "13811112222", title: "CTO", birthday: "1980-05-04" })]);
    expect(pooled).toMatchObject({ name: "公海客户", owner: null, inPool: true });
    expect(res.body.nextCursor).toBeNull();
  });

  it("opportunities: amounts as exact strings, dates as YYYY-MM-DD, filtered by stage", async () => {
    const res = await get("/opportunities?stage=初步沟通");
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      stage: "初步沟通",
      amount: "480000.50",
      budget: "500000.00",
      expectedCloseDate: "2026-12-31",
      owner: "ra_rep",
      customer: { name: "华为技术有限公司" },
    });
    expect((await get("/opportunities?stage=赢单")).body.items).toEqual([]);
  });

  it("updatedSince leaves out what has not changed since", async () => {
    expect((await get("/leads?updatedSince=2026-11-23T01:59:00Z")).body.items).toHaveLength(5);
    expect((await get("/leads?updatedSince=2026-11-24T00:00:00%2B08:00")).body.items).toHaveLength(0);
  });
});

describe("CSV for integrations", () => {
  it("/customers.csv and ?format=csv give the whole set as an audited export", async () => {
    const res = await get("/customers.csv");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toContain("attachment");
    expect(res.text.startsWith("\uFEFF编号,名称")).toBe(true);
    expect(parseCsv(res.text.slice(1)).map((r) => r.cells[1])).toEqual(["名称", "华为技术有限公司", "公海客户"]);
    const leads = await get("/leads?format=csv&owner=ra_rep");
    expect(parseCsv(leads.text.slice(1))).toHaveLength(4);
    const audits = await h.tdb.db.prisma.auditEntry.findMany({ where: { action: "export" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.entity, (a.detail as { rows: number; via: string }).rows, (a.detail as { via: string }).via])).toEqual([
      ["customer", 2, "api"],
      ["lead", 3, "api"],
    ]);
  });

  it("JSON pages are audited as reads by the token's admin", async () => {
    const reads = await h.tdb.db.prisma.auditEntry.findMany({ where: { action: "read", entity: "opportunity" }, include: { actor: true } });
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.actor?.wecomUserId === "ra_admin")).toBe(true);
  });

  it("a revoked token gets 403", async () => {
    await say("ra_admin", "令牌 吊销 数据同步");
    expect((await get("/customers")).status).toBe(403);
    expect((await get("/opportunities.csv")).status).toBe(403);
  });
});
