// POST/GET /api/v1/quotes: figures computed by the server from the lines (worked by hand
// below), strings of yuan and decimal rates, 400 naming the field, 422 with the rule in
// Chinese, 404 outside the token owner's scope, and the PDF.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let token = "";
let opp = 0;
let product = 0;
let retired = 0;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "qp_admin" } });
  h.fake.users = { qp_admin: "管理员", qp_rep: "王芳" };
  await say("qp_rep", "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say("qp_rep", "转化 张伟");
  opp = (await h.tdb.db.prisma.opportunity.findFirstOrThrow()).code;
  const p = h.tdb.db.prisma.product;
  product = (await p.create({ data: { name: "CRM标准版", nameKey: "crm标准版", unit: "套", listPriceFen: 1_200_000n } })).code;
  retired = (await p.create({ data: { name: "旧版", nameKey: "旧版", listPriceFen: 100n, active: false } })).code;
  token = /wcrm_[A-Za-z0-9_-]+/.exec(await say("qp_admin", "令牌 新建 报价同步"))![0];
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const post = (body: unknown) => h.request.post("/api/v1/quotes").set("authorization", `Bearer ${token}`).send(body as object);
const get = (path: string) => h.request.get(`/api/v1${path}`).set("authorization", `Bearer ${token}`);

describe("POST /api/v1/quotes", () => {
  let code = 0;
  it("201 with every figure computed here", async () => {
    const res = await post({
      opportunity: opp,
      lines: [
        { product, quantity: 3, discount: "0.875" },
        { name: "培训", unit: "次", quantity: "2.5", unitPrice: "999.99", taxRate: "0.06" },
      ],
    });
    expect(res.status).toBe(201);
    code = res.body.code;
    // 12000.00 × 3 × 0.875 = 31500.00; tax 3150000 × 13/113 = 362389.38 → 3623.89
    // 999.99 × 2.5 = 2499.975 → 2499.98 (half up); tax 249998 × 6/106 = 14150.83 → 141.51
    expect(res.body).toMatchObject({
      version: 1,
      status: "draft",
      lines: [
        { name: "CRM标准版", unit: "套", quantity: "3", unitPrice: "12000.00", discount: "0.875", taxRate: "0.13", amount: "31500.00", tax: "3623.89", net: "27876.11" },
        { name: "培训", unit: "次", quantity: "2.5", unitPrice: "999.99", discount: "1.00", taxRate: "0.06", amount: "2499.98", tax: "141.51", net: "2358.47" },
      ],
      total: "33999.98",
      tax: "3765.40",
      net: "30234.58",
      // 36000.00 + 2499.98; 3399998 / 3849998 = 0.88312…
      listTotal: "38499.98",
      discountRate: "0.8831",
      totalInWords: "叁万叁仟玖佰玖拾玖元玖角捌分",
    });
    const stored = await h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code } });
    expect(Number(stored.totalFen)).toBe(3_399_998);
  });

  it("400 names the bad field; nothing is stored", async () => {
    const before = await h.tdb.db.prisma.quote.count();
    const bad = async (line: object) => (await post({ opportunity: opp, lines: [line] })).body;
    expect((await bad({ name: "x", quantity: "abc", unitPrice: "1" })).fields).toHaveProperty("lines.0.quantity");
    expect((await bad({ name: "x", quantity: 1, unitPrice: "12.345" })).fields).toHaveProperty("lines.0.unitPrice");
    expect((await bad({ name: "x", quantity: 1, unitPrice: "1", discount: "85折" })).fields).toHaveProperty("lines.0.discount");
    expect((await bad({ name: "x", quantity: 1, unitPrice: "1", taxRate: "0.07" })).fields).toHaveProperty("lines.0.taxRate");
    expect((await bad({ quantity: 1, unitPrice: "1" })).fields).toHaveProperty("lines.0.name");
    expect((await post({ opportunity: opp, lines: [] })).status).toBe(400);
    expect(await h.tdb.db.prisma.quote.count()).toBe(before);
  });

  it("422 with the rule in Chinese, 404 for an unknown opportunity; nothing is stored", async () => {
    const before = await h.tdb.db.prisma.quote.count();
    const free = await post({ opportunity: opp, lines: [{ name: "咨询", quantity: 1 }] });
    expect([free.status, free.body.error]).toEqual([422, "「咨询」不在产品目录里，请写单价，例如：咨询 1次 单价:3000"]);
    expect((await post({ opportunity: opp, lines: [{ product: retired, quantity: 1 }] })).status).toBe(422);
    const huge = await post({ opportunity: opp, lines: [{ name: "大单", quantity: "999999999.99", unitPrice: "9999999999999.99" }] });
    expect(huge.status).toBe(422);
    expect((await post({ opportunity: 999_999, lines: [{ product, quantity: 1 }] })).status).toBe(404);
    expect(await h.tdb.db.prisma.quote.count()).toBe(before);
  });

  it("GET lists and shows the quote; /pdf is a PDF", async () => {
    const list = await get("/quotes");
    expect(list.status).toBe(200);
    expect(list.body.items.map((q: { code: number }) => q.code)).toContain(code);
    const one = await get(`/quotes/${code}`);
    expect([one.status, one.body.total]).toEqual([200, "33999.98"]);
    const pdf = await get(`/quotes/${code}/pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    // a draft says so on paper, with a dated year and its validity counted from sending
    const doc = await getDocument({ data: new Uint8Array(pdf.body as Buffer), useSystemFonts: false }).promise;
    const page = await (await doc.getPage(1)).getTextContent();
    const printed = page.items.map((i) => ("str" in i ? i.str : "")).join("");
    await doc.destroy();
    expect(printed).toContain("V1（草稿）");
    expect(printed).toContain("发送后 30 天");
    expect(printed).toMatch(/报价日期：\d{4}-\d{2}-\d{2}/);
    expect((await get("/quotes/999999")).status).toBe(404);
    expect((await get("/quotes/abc")).status).toBe(400);
  });
});
