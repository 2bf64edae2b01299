// The quote (报价单) as an A4 PDF with the CJK font embedded: header, customer, lines, totals,
// 大写, terms and page numbers. Values arrive formatted; nothing is calculated here.
import {
  FONT,
  contentBottom,
  ensureSpace,
  openPdf,
  stampFooters,
  type Pdf,
} from "../../render/pdf/document.ts";
import { drawTable, type TableColumn } from "../../render/pdf/table.ts";
import { quotePdfDataSchema, type QuotePdfData } from "./quote-pdf-data.ts";

type Data = ReturnType<typeof quotePdfDataSchema.parse>;

const GRAY = "#555555";
const ACCENT = "#1f3a5f";

// Widths in points; the name column takes what the others leave of the content width.
const FIXED_COLUMNS = { index: 26, unit: 34, quantity: 46, unitPrice: 64, discount: 40, taxRate: 36, amount: 72 };

/** Renders the quote as a PDF. Throws on invalid data or when the CJK font is missing. */
export async function renderQuotePdf(input: QuotePdfData): Promise<Buffer> {
  const data = quotePdfDataSchema.parse(input);
  const { quote, company } = data;
  const { doc, finish } = openPdf({
    title: `报价单 ${quote.code} ${quote.version}`,
    author: company.name,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  let y = drawHeader(doc, data, left, width);
  y = drawParties(doc, data, left, width, y + 10);
  y = drawTable(doc, left, y + 10, lineColumns(width), lineRows(data));
  y = drawTotals(doc, data, left, width, y + 10);
  y = drawTerms(doc, data, left, width, y + 12);

  stampFooters(doc, (page, count) => ({
    left: `${company.name} · 报价单 ${quote.code} ${quote.version}`,
    center: `第 ${page} / ${count} 页`,
    right: `有效期至 ${quote.validUntil}`,
  }));
  return finish();
}

function drawHeader(doc: Pdf, data: Data, left: number, width: number): number {
  const { company, quote } = data;
  const top = doc.page.margins.top;
  let textLeft = left;
  let logoBottom = top;
  if (company.logo) {
    doc.image(Buffer.from(company.logo), left, top, { fit: [48, 48] });
    textLeft = left + 56;
    logoBottom = top + 48;
  }
  const rightWidth = 170;
  const leftWidth = width - (textLeft - left) - rightWidth - 10;

  doc.font(FONT.bold).fontSize(15).fillColor(ACCENT);
  doc.text(company.name, textLeft, top, { width: leftWidth });
  doc.font(FONT.regular).fontSize(8.5).fillColor(GRAY);
  const details = [
    company.address && `地址：${company.address}`,
    company.taxId && `税号：${company.taxId}`,
    company.bank && `开户行：${company.bank}${company.bankAccount ? `　账号：${company.bankAccount}` : ""}`,
    !company.bank && company.bankAccount && `账号：${company.bankAccount}`,
    company.phone && `电话：${company.phone}`,
  ].filter((line): line is string => typeof line === "string" && line.length > 0);
  for (const line of details) doc.text(line, textLeft, doc.y + 1, { width: leftWidth });
  const leftBottom = Math.max(doc.y, logoBottom);

  const rightLeft = left + width - rightWidth;
  doc.font(FONT.bold).fontSize(20).fillColor(ACCENT);
  doc.text("报价单", rightLeft, top - 2, { width: rightWidth, align: "right" });
  doc.font(FONT.regular).fontSize(9).fillColor("black");
  for (const line of [
    `编号：${quote.code} ${quote.version}`,
    `报价日期：${quote.date}`,
    `有效期至：${quote.validUntil}`,
  ]) {
    doc.text(line, rightLeft, doc.y + 1, { width: rightWidth, align: "right" });
  }
  const bottom = Math.max(leftBottom, doc.y) + 6;
  doc.lineWidth(1.2).strokeColor(ACCENT).moveTo(left, bottom).lineTo(left + width, bottom).stroke();
  doc.fillColor("black");
  return bottom;
}

function drawParties(doc: Pdf, data: Data, left: number, width: number, top: number): number {
  const { customer, rep } = data;
  const half = width / 2 - 6;
  const column = (x: number, title: string, lines: string[]): number => {
    doc.font(FONT.bold).fontSize(10).fillColor("black").text(title, x, top, { width: half });
    doc.font(FONT.regular).fontSize(9);
    for (const line of lines) doc.text(line, x, doc.y + 1, { width: half });
    return doc.y;
  };
  const contact = [customer.contact, customer.contactPhone].filter(Boolean).join("　");
  const customerBottom = column(left, `客户：${customer.name}`, contact ? [`联系人：${contact}`] : []);
  const repBottom = column(left + width / 2 + 6, `销售代表：${rep.name}`, rep.mobile ? [`手机：${rep.mobile}`] : []);
  return Math.max(customerBottom, repBottom);
}

function lineColumns(width: number): TableColumn[] {
  const c = FIXED_COLUMNS;
  const fixed = Object.values(c).reduce((sum, w) => sum + w, 0);
  return [
    { header: "序号", width: c.index, align: "center" },
    { header: "产品 / 服务", width: width - fixed },
    { header: "单位", width: c.unit, align: "center" },
    { header: "数量", width: c.quantity, align: "right" },
    { header: "单价(元)", width: c.unitPrice, align: "right" },
    { header: "折扣", width: c.discount, align: "center" },
    { header: "税率", width: c.taxRate, align: "center" },
    { header: "金额(元)", width: c.amount, align: "right" },
  ];
}

function lineRows(data: Data): string[][] {
  return data.lines.map((line, i) => [
    String(i + 1),
    line.name,
    line.unit,
    line.quantity,
    line.unitPrice,
    line.discount || "—",
    line.taxRate,
    line.amount,
  ]);
}

function drawTotals(doc: Pdf, data: Data, left: number, width: number, top: number): number {
  const { totals } = data;
  const rows: [string, string, boolean][] = [
    ["原价合计", `¥ ${totals.listTotal}`, false],
    ["折扣率", totals.discountRate, false],
    ["不含税金额", `¥ ${totals.net}`, false],
    ["税额", `¥ ${totals.tax}`, false],
    ["报价总额（含税）", `¥ ${totals.total}`, true],
  ];
  const boxWidth = 230;
  const labelWidth = 100;
  const x = left + width - boxWidth;
  const lineHeight = 15;
  let y = ensureSpace(doc, top, rows.length * lineHeight + 40);
  for (const [label, value, strong] of rows) {
    doc.font(strong ? FONT.bold : FONT.regular).fontSize(strong ? 11 : 9).fillColor(strong ? ACCENT : "black");
    doc.text(label, x, y, { width: labelWidth, lineBreak: false });
    doc.text(value, x + labelWidth, y, { width: boxWidth - labelWidth, align: "right", lineBreak: false });
    y += lineHeight;
  }
  y += 4;
  doc.lineWidth(0.5).strokeColor("#c8ced6").moveTo(left, y).lineTo(left + width, y).stroke();
  doc.font(FONT.bold).fontSize(10).fillColor("black");
  doc.text(`人民币（大写）：${data.totalInWords}`, left, y + 6, { width });
  return doc.y;
}

function drawTerms(doc: Pdf, data: Data, left: number, width: number, top: number): number {
  const terms = data.terms.trim();
  if (!terms) return top;
  const y = ensureSpace(doc, top, 40);
  doc.font(FONT.bold).fontSize(10).fillColor("black").text("条款与说明", left, y, { width });
  // Flowing text: pdfkit continues on a new page by itself when the terms are long.
  doc.font(FONT.regular).fontSize(9).fillColor("#222222");
  doc.text(terms, left, doc.y + 3, { width, lineGap: 2 });
  doc.fillColor("black");
  return Math.min(doc.y, contentBottom(doc));
}
