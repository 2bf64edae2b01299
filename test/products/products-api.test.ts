// GET and POST /api/v1/products: bearer tokens (an admin's), strict bodies with the field at
// fault, 409 for a taken name or SKU, exact money strings both ways, and pages with an
// opaque cursor like the other list endpoints.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let token = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "pa_admin" } });
  await h.sendText("pa_admin", "令牌 新建 ERP同步");
  await h.drain();
  token = /wcrm_[A-Za-z0-9_-]+/.exec(sentTexts(h.fake, "pa_admin").at(-1)!)![0];
});
afterAll(() => h.dispose());

const post = (body: unknown, auth: string | null = `Bearer ${token}`) => {
  const r = h.request.post("/api/v1/products").set("content-type", "application/json");
  return (auth ? r.set("authorization", auth) : r).send(typeof body === "string" ? body : JSON.stringify(body));
};
const get = (path: string, auth: string | null = `Bearer ${token}`) => {
  const r = h.request.get(`/api/v1${path}`);
  return auth ? r.set("authorization", auth) : r;
};

describe("POST /api/v1/products", () => {
  it("401 without a token", async () => {
    expect((await post({ name: "x", listPrice: "1.00" }, null)).status).toBe(401);
    expect((await get("/products", "Bearer wcrm_nope")).status).toBe(401);
  });

  it("201 with the product: yuan with two decimals, the rate as a decimal string; stored in fen, audited as the token's admin", async () => {
    const res = await post({ name: "CRM标准版", sku: "CRM-STD", unit: "套", listPrice: "12000.00", taxRate: "0.13" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ code: expect.any(Number), name: "CRM标准版", sku: "CRM-STD", unit: "套", listPrice: "12000.00", taxRate: "0.13", active: true, updatedAt: h.clock.now().toISOString() });
    const p = await h.tdb.db.prisma.product.findUniqueOrThrow({ where: { code: res.body.code } });
    expect([p.listPriceFen, p.taxRatePpm]).toEqual([1_200_000n, 130_000]);
    const admin = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "pa_admin" } });
    const entry = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { entity: "product", entityId: p.id } });
    expect(entry).toMatchObject({ action: "create", actorId: admin.id, detail: { via: "api", after: { listPriceFen: 1_200_000, taxRatePpm: 130_000 } } });
  });

  it("defaults: unit 套, rate 0.13, no SKU; fen survive the round trip exactly", async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ name: "实施服务", unit: "人天", listPrice: "2000", taxRate: "0.06" }, { listPrice: "2000.00", taxRate: "0.06", unit: "人天", sku: null }],
      [{ name: "小配件", listPrice: "0.05" }, { listPrice: "0.05", taxRate: "0.13", unit: "套" }],
      [{ name: "年度维保", listPrice: "123456.78", taxRate: "0.060" }, { listPrice: "123456.78", taxRate: "0.06" }],
      [{ name: "免税培训", listPrice: "0.1", taxRate: "0" }, { listPrice: "0.10", taxRate: "0.00" }],
      [{ name: "大单", listPrice: "9999999999999.99", taxRate: "0.09", sku: null }, { listPrice: "9999999999999.99", taxRate: "0.09" }],
    ];
    for (const [body, expected] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(res.body).toMatchObject(expected);
    }
  });

  it("400 naming the bad field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: "A", listPrice: 12000 }, "listPrice"],
      [{ name: "A", listPrice: "12000.001" }, "listPrice"],
      [{ name: "A", listPrice: "-1.00" }, "listPrice"],
      [{ name: "A", listPrice: "0" }, "listPrice"],
      [{ name: "A", listPrice: "1.2万" }, "listPrice"],
      [{ name: "A", listPrice: "10000000000000.00" }, "listPrice"],
      [{ name: "A", listPrice: "1,000.00" }, "listPrice"],
      [{ name: "A", listPrice: "100", taxRate: "0.05" }, "taxRate"],
      [{ name: "A", listPrice: "100", taxRate: "13%" }, "taxRate"],
      [{ name: "A", listPrice: "100", taxRate: 0.13 }, "taxRate"],
      [{ name: "", listPrice: "100" }, "name"],
      [{ name: "长".repeat(65), listPrice: "100" }, "name"],
      [{ listPrice: "100" }, "name"],
      [{ name: "A" }, "listPrice"],
      [{ name: "A", listPrice: "100", sku: "有 空格" }, "sku"],
      [{ name: "A", listPrice: "100", unit: "一二三四五六七八九" }, "unit"],
      [{ name: "A", listPrice: "100", price: "100" }, "(body)"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe("invalid body");
      expect(Object.keys(res.body.fields), JSON.stringify(body)).toEqual([field]);
    }
    expect((await post("{not json")).status).toBe(400);
    expect(await h.tdb.db.prisma.product.count({ where: { name: "A" } })).toBe(0);
  });

  it("409 when the name (any width, case or spacing) or the SKU (any case) is taken", async () => {
    const std = await h.tdb.db.prisma.product.findFirstOrThrow({ where: { sku: "CRM-STD" } });
    for (const name of ["CRM标准版", "ＣＲＭ 标准版", "crm标准版"]) {
      const res = await post({ name, listPrice: "1.00" });
      expect(res.status, name).toBe(409);
      expect(res.body).toMatchObject({ fields: { name: "already used by another product" }, existing: { code: std.code, name: "CRM标准版" } });
    }
    const sku = await post({ name: "CRM旗舰版", sku: "crm-std", listPrice: "1.00" });
    expect(sku.status).toBe(409);
    expect(sku.body).toMatchObject({ fields: { sku: "already used by another product" }, existing: { code: std.code, sku: "CRM-STD" } });
  });
});

describe("GET /api/v1/products", () => {
  it("pages by code with an opaque cursor; every product with its active flag, or filtered", async () => {
    const all = await h.tdb.db.prisma.product.findMany({ orderBy: { code: "asc" } });
    expect(all.length).toBe(6);
    await h.tdb.db.prisma.product.update({ where: { id: all[1]!.id }, data: { active: false } });
    const seen: Array<{ code: number; listPrice: string; active: boolean }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/products?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.map((p) => p.code)).toEqual(all.map((p) => p.code));
    expect(seen.find((p) => p.code === all[0]!.code)).toMatchObject({ name: "CRM标准版", sku: "CRM-STD", unit: "套", listPrice: "12000.00", taxRate: "0.13", active: true });
    expect(seen.find((p) => p.code === all[1]!.code)?.active).toBe(false);
    // A full last page still has a cursor; the page after it is empty and ends.
    const three = await get("/products?limit=3");
    const next = await get(`/products?limit=3&cursor=${three.body.nextCursor}`);
    expect(next.body.items).toHaveLength(3);
    const end = await get(`/products?limit=3&cursor=${next.body.nextCursor}`);
    expect(end.body).toEqual({ items: [], nextCursor: null });
    const active = await get("/products?active=true");
    expect(active.body.items.map((p: { code: number }) => p.code)).toEqual(all.filter((_, i) => i !== 1).map((p) => p.code));
    expect((await get("/products?active=false")).body.items.map((p: { code: number }) => p.code)).toEqual([all[1]!.code]);
    expect((await get("/products?updatedSince=2030-01-01T00:00:00Z")).body).toEqual({ items: [], nextCursor: null });
  });

  it("400 for a bad query, and for any cursor it did not issue", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const cases: Array<[string, string]> = [
      ["/products?limit=101", "limit"],
      ["/products?limit=0", "limit"],
      ["/products?active=yes", "active"],
      ["/products?updatedSince=yesterday", "updatedSince"],
      ["/products?colour=red", "(body)"],
      ["/products?cursor=garbage", "cursor"],
      [`/products?cursor=${b64({ k: "leads", after: 1 })}`, "cursor"],
      [`/products?cursor=${b64({ k: "products", after: 2147483648 })}`, "cursor"],
      [`/products?cursor=${b64({ k: "products", after: 1, extra: 1 })}`, "cursor"],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(Object.keys(res.body.fields), path).toContain(field);
    }
  });
});
