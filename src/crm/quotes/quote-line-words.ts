// A quote line as a rep writes it: `<产品|名称> <数量>[单位] [单价] [折扣] [税率:6%]`, e.g.
// `CRM标准版 10套 85折`, `实施服务 5天 单价:2000 税率:6%`, `实施服务5天`. Several lines in
// one message are separated by ，；、 or new lines. Words only: products are looked up later.
import { parseAmount, parseDiscount, parseQuantity, parseTaxRate, MONEY_ERROR_TEXT, type Fen, type Hundredths, type Ppm } from "../money/index.ts";
import { zhQuotes } from "./messages.ts";

export interface LineWords {
  name: string;
  quantity: Hundredths;
  unit: string | null;
  unitPrice?: Fen;
  discount?: Ppm;
  taxRate?: Ppm;
}

export type LineWordsResult = { ok: true; lines: LineWords[] } | { ok: false; problem: string };

const MONEY_UNIT = /^(元|块|k|K|千|千元|w|W|万|万元|百万|亿|亿元|折|%|％)$/;
const QTY = /^(\d+(?:\.\d+)?)([\u4e00-\u9fa5A-Za-z]{0,2})$/;
const GLUED_QTY = /^(.*[^\d.])(\d+(?:\.\d+)?)([\u4e00-\u9fa5]{1,2})$/;
const NAMED = /^(单价|价格|折扣|税率|单位)[:：](.+)$/;

const isQtyToken = (t: string): boolean => {
  const m = QTY.exec(t);
  return Boolean(m && !MONEY_UNIT.test(m[2]!) && !(m[2] === "" && /\./.test(m[1]!) && Number(m[1]) < 1));
};

function oneLine(segment: string): LineWords | string {
  const tokens = segment.split(/\s+/).filter(Boolean);
  let q = tokens.findIndex((t, i) => i > 0 && isQtyToken(t));
  if (q < 0) {
    const glued = GLUED_QTY.exec(tokens[0] ?? "");
    if (!glued || MONEY_UNIT.test(glued[3]!)) return zhQuotes.noQuantity;
    tokens.splice(0, 1, glued[1]!, `${glued[2]}${glued[3]}`);
    q = 1;
  }
  const [, qtyText, unitWord] = QTY.exec(tokens[q]!)!;
  const quantity = parseQuantity(qtyText!);
  if (!quantity.ok) return zhQuotes.badQuantity(tokens[q]!);
  const line: LineWords = { name: tokens.slice(0, q).join(" "), quantity: quantity.value, unit: unitWord || null };
  for (const word of tokens.slice(q + 1)) {
    const named = NAMED.exec(word);
    const [key, value] = named ? [named[1]!, named[2]!] : [null, word];
    if (key === "单位") {
      line.unit = value.slice(0, 8);
      continue;
    }
    if (key === "税率") {
      const r = parseTaxRate(value);
      if (!r.ok) return `${zhQuotes.badWord(word)}（${MONEY_ERROR_TEXT[r.error]}）`;
      line.taxRate = r.value;
      continue;
    }
    const looksDiscount = key === "折扣" || /折|%|％|无折扣|不打折/.test(value) || /^0\.\d+$/.test(value);
    if (looksDiscount && key !== "单价" && key !== "价格") {
      const d = parseDiscount(value);
      if (!d.ok) return `${zhQuotes.badWord(word)}（${MONEY_ERROR_TEXT[d.error]}）`;
      line.discount = d.value;
      continue;
    }
    const price = parseAmount(value, { allowZero: true });
    if (!price.ok) return `${zhQuotes.badWord(word)}（${MONEY_ERROR_TEXT[price.error]}）`;
    line.unitPrice = price.value;
  }
  return line;
}

export function parseLineWords(text: string): LineWordsResult {
  const segments = text.split(/[，,；;、\n]+/).map((s) => s.trim()).filter(Boolean);
  if (!segments.length) return { ok: false, problem: zhQuotes.noQuantity };
  const lines: LineWords[] = [];
  for (const s of segments) {
    const r = oneLine(s);
    if (typeof r === "string") return { ok: false, problem: zhQuotes.lineProblem(s, r) };
    lines.push(r);
  }
  return { ok: true, lines };
}
