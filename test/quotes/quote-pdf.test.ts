// The quote PDF is read back with pdfjs-dist: text that was drawn with a missing or wrong font
// (boxes, or Helvetica's mojibake) is not found, so these tests fail instead of shipping it.
import { describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { renderQuotePdf } from "../../src/crm/quotes/quote-pdf.ts";
import type { QuotePdfData, QuotePdfLine } from "../../src/crm/quotes/quote-pdf-data.ts";
import { FontFileError, loadFontFile } from "../../src/render/pdf/fonts.ts";

interface PdfText {
  pages: string[];
  /** Each text run with its page and baseline y (PDF units, from the bottom). */
  items: { page: number; str: string; y: number }[];
}

async function readPdf(bytes: Buffer): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const result: PdfText = { pages: [], items: [] };
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str;
      result.items.push({ page: n, str: item.str, y: item.transform[5] as number });
    }
    result.pages.push(text);
  }
  await pdf.destroy();
  return result;
}

/** The runs that spell `text` from its first piece on, or undefined when it is not there whole. */
function spell(items: PdfText["items"], text: string): PdfText["items"] | undefined {
  for (const [start, first] of items.entries()) {
    if (!first.str || !text.startsWith(first.str)) continue;
    let spelled = "";
    const pieces: PdfText["items"] = [];
    for (const item of items.slice(start)) {
      if (!text.startsWith(spelled + item.str)) break;
      spelled += item.str;
      pieces.push(item);
      if (spelled === text) return pieces;
    }
  }
  return undefined;
}

const line = (name: string, amount = "10489.00"): QuotePdfLine => ({
  name,
  unit: "套",
  quantity: "10",
  unitPrice: "1234.00",
  discount: "85折",
  taxRate: "13%",
  amount,
});

function sampleQuote(lines: QuotePdfLine[]): QuotePdfData {
  return {
    company: {
      name: "北京星河云科技有限公司",
      address: "北京市海淀区中关村大街27号 8层",
      taxId: "91110108MA01ABCD2X",
      bank: "招商银行北京中关村支行",
      bankAccount: "1109 0123 4567 890",
      phone: "010-8888 6666",
    },
    quote: { code: "BJ-2026-0003", version: "V2", date: "2026-12-02", validUntil: "2027-01-01" },
    customer: { name: "华为技术有限公司（喆堃珺分部）", contact: "张伟", contactPhone: "138 0013 8000" },
    lines,
    totals: {
      total: "123456.78",
      tax: "14203.06",
      net: "109253.72",
      listTotal: "145243.27",
      discountRate: "85.00%",
    },
    totalInWords: "壹拾贰万叁仟肆佰伍拾陆元柒角捌分",
    terms: "1. 报价含税（增值税专用发票）。\n2. 付款方式：合同签订后支付 50%，验收后支付 50%。\n3. 本报价自报价日起 30 天内有效。",
    rep: { name: "李娜", mobile: "139 1234 5678" },
  };
}

describe("renderQuotePdf", () => {
  it("draws the customer, the total and the 大写 as real text", async () => {
    const bytes = await renderQuotePdf(
      sampleQuote([line("企业微信 CRM 标准版（年度订阅）"), line("实施服务", "5000.00")]),
    );
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages } = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0] ?? "";
    expect(text).toContain("华为技术有限公司（喆堃珺分部）");
    expect(text).toContain("123456.78");
    expect(text).toContain("壹拾贰万叁仟肆佰伍拾陆元柒角捌分");
    for (const expected of [
      "北京星河云科技有限公司",
      "BJ-2026-0003 V2",
      "2027-01-01",
      "张伟",
      "李娜",
      "139 1234 5678",
      "企业微信 CRM 标准版（年度订阅）",
      "85折",
      "13%",
      "付款方式：合同签订后支付 50%",
      "第 1 / 1 页",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("runs 60 lines over several pages, every line on one, numbered 第 n / N 页", async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(`产品${i + 1}号企业微信客户管理模块（含移动端）`, `${1000 + i}.00`),
    );
    const { pages } = await readPdf(await renderQuotePdf(sampleQuote(lines)));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join("\n");
    for (let i = 1; i <= 60; i++) {
      expect(all).toContain(`产品${i}号企业微信客户管理模块（含移动端）`);
      expect(all).toContain(`${1000 + i - 1}.00`);
    }
    pages.forEach((text, i) => {
      expect(text).toContain(`第 ${i + 1} / ${pages.length} 页`);
      // The header row is repeated on every page that carries lines.
      if (/产品\d+号/.test(text)) expect(text).toContain("产品 / 服务");
    });
    expect(pages.at(-1)).toContain("壹拾贰万叁仟肆佰伍拾陆元柒角捌分");
  });

  it("wraps a long product name inside its column instead of running over", async () => {
    const long = "企业微信客户关系管理系统旗舰版（含移动端、数据看板、审批流程定制、私有化部署与三年原厂维保服务）";
    const { items } = await readPdf(await renderQuotePdf(sampleQuote([line(long), line("短名")])));
    // The name comes back in pieces on different baselines, which together spell it.
    const pieces = spell(items, long);
    expect(pieces).toBeDefined();
    expect(new Set(pieces?.map((piece) => Math.round(piece.y))).size).toBeGreaterThanOrEqual(2);
  });

  it("keeps wrapped rows whole across a page break", async () => {
    const long = "定制开发服务：与客户现有ERP、OA、财务系统对接（含接口开发、数据迁移、联调测试与上线保障）";
    const lines = Array.from({ length: 60 }, (_, i) => line(`${i + 1}-${long}`));
    const { items, pages } = await readPdf(await renderQuotePdf(sampleQuote(lines)));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // A row's pieces all sit on one page: no name starts on one page and ends on the next.
    const pagesOfRows = lines.map((row) => {
      const pieces = spell(items, row.name);
      expect(pieces, row.name).toBeDefined();
      const onPages = new Set(pieces?.map((piece) => piece.page));
      expect(onPages.size, row.name).toBe(1);
      return pieces?.[0]?.page ?? 0;
    });
    expect(pagesOfRows.at(-1)).toBeGreaterThanOrEqual(3);
  });

  it("draws the seller's logo when config gives one", async () => {
    const onePixelPng = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    );
    const data = sampleQuote([line("标准版")]);
    const withLogo = await renderQuotePdf({ ...data, company: { ...data.company, logo: onePixelPng } });
    expect(withLogo.toString("latin1")).toMatch(/\/Subtype \/Image/);
    expect((await renderQuotePdf(data)).toString("latin1")).not.toMatch(/\/Subtype \/Image/);
    expect((await readPdf(withLogo)).pages[0]).toContain("北京星河云科技有限公司");
  });

  it("refuses data without a customer name", async () => {
    const data = sampleQuote([line("标准版")]);
    await expect(renderQuotePdf({ ...data, customer: { name: " " } })).rejects.toThrow();
  });
});

describe("the font loader", () => {
  it("fails loudly, in English, when the font file is missing", () => {
    expect(() => loadFontFile("@expo-google-fonts/noto-sans-sc/400Regular/Missing.ttf")).toThrow(
      FontFileError,
    );
    expect(() => loadFontFile("no-such-font-package/Regular.ttf")).toThrow(/Font file not found/);
  });

  it("refuses a file that is not a font", () => {
    expect(() => loadFontFile("@expo-google-fonts/noto-sans-sc/package.json")).toThrow(
      /Not a TrueType\/OpenType font/,
    );
  });

  it("reads the font once", () => {
    const spec = "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
    expect(loadFontFile(spec)).toBe(loadFontFile(spec));
  });
});
