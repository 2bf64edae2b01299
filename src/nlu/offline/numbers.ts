// Numbers as reps write them in free text: 50万, 1.5万, 五十万, 一百二十万, 八万五, 50w, 2亿,
// 85折, 八五折 — turned into the strings the actions' own parsers accept (parseAmountYuan,
// parseDiscountShare), so the proposal reads like a typed command.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** 三 → 3, 十五 → 15, 一百二十 → 120, 五十万 → 500000, 3千 → 3000; null when not a number. */
export function cnToNumber(input: string): number | null {
  const s = input.trim();
  if (s === "") return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastBig = Infinity;
  let pendingNumber = "";
  for (const ch of s) {
    if (/[\d.]/.test(ch)) {
      pendingNumber += ch;
      continue;
    }
    if (pendingNumber) {
      digit = Number(pendingNumber);
      pendingNumber = "";
    }
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = null;
    } else if (ch in BIG_UNITS) {
      const unit = BIG_UNITS[ch]!;
      // 一亿五千万: 万 scales only the part after 亿.
      total = unit < lastBig ? total + (section + (digit ?? 0)) * unit : (total + section + (digit ?? 0)) * unit;
      lastBig = unit;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  if (pendingNumber) digit = Number(pendingNumber);
  const value = total + section + (digit ?? 0);
  return Number.isFinite(value) ? value : null;
}

/** A number written with digits or Chinese numerals (also 1.5 and 一点五). */
const NUM = `(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?)`;

/** An amount: ¥50万, 50万元, 五十万, 1.5万, 八万五, 50w, 3千块, 2个亿, 500000. */
export const AMOUNT_SOURCE = `[¥￥]?\\s*${NUM}\\s*(?:个|来|多)?\\s*(?:亿|万|w|W|千|k|K)?[零一二两三四五六七八九]?(?:块钱|块|元整|元|人民币)?`;

function numberOf(token: string): number | null {
  const m = /^([零〇一二两三四五六七八九十百千\d]+)点([零一二三四五六七八九\d]+)$/.exec(token);
  if (m) {
    const whole = cnToNumber(m[1]!);
    const fraction = [...m[2]!].map((c) => (/\d/.test(c) ? c : String(DIGITS[c]))).join("");
    return whole === null ? null : Number(`${whole}.${fraction}`);
  }
  return cnToNumber(token);
}

/** Yuan of one amount token (see AMOUNT_SOURCE); null when it is not an amount. */
export function amountYuan(token: string): number | null {
  const m = new RegExp(`^[¥￥]?\\s*(${NUM})\\s*(个|来|多)?\\s*(亿|万|w|W|千|k|K)?([零一二两三四五六七八九])?(?:块钱|块|元整|元|人民币)?$`).exec(token.trim());
  if (!m) return null;
  const value = numberOf(m[1]!.replaceAll(",", ""));
  if (value === null) return null;
  const unitWord = m[3];
  const unit = unitWord === "亿" ? 1e8 : unitWord === "万" || unitWord === "w" || unitWord === "W" ? 1e4 : unitWord === "千" || unitWord === "k" || unitWord === "K" ? 1e3 : 1;
  // 八万五: a trailing digit after the unit is the next unit down (5千).
  const tail = m[4] === undefined ? 0 : (DIGITS[m[4]] ?? 0) * (unit / 10);
  if (m[4] !== undefined && unit === 1) return null;
  const yuan = Math.round((value * unit + tail) * 100) / 100;
  return yuan > 0 && yuan < 1e12 ? yuan : null;
}

/** 500000 → 50万, 15000 → 1.5万, 1e8 → 1亿, 12345 → 12345: a string parseAmountYuan accepts. */
export function amountParam(yuan: number): string {
  if (yuan >= 1e8 && yuan % 1e6 === 0) return `${yuan / 1e8}亿`;
  if (yuan >= 1e4 && yuan % 100 === 0) return `${yuan / 1e4}万`;
  return String(yuan);
}

/** A cut off the list price: 降15%, 再降15%, 让15个点, 优惠百分之十五, 打掉15个点. */
export const DISCOUNT_CUT_SOURCE = `(?:再|多)?(?:降|减|让利|让|优惠|便宜|下浮|下调|打掉|砍掉|折让)(?:了|个|价)?\\s*(?:(\\d{1,2}(?:\\.\\d)?)\\s*(?:%|个百分点|个点|点)|百分之([一二三四五六七八九十]{1,3}))`;

/** 85折, 8.5折, 八五折, 九折, 八点五折, 85%, 降15% → the parseDiscountShare string (85折, 8.5折, 9折, 85%); null otherwise. */
export function discountParam(token: string): string | null {
  const cut = new RegExp(`^${DISCOUNT_CUT_SOURCE}$`).exec(token.trim());
  if (cut) {
    const off = cut[1] !== undefined ? Number(cut[1]) : cnToNumber(cut[2]!);
    const left = off === null ? 0 : Math.round((100 - off) * 10) / 10;
    return off !== null && off > 0 && left > 0 ? `${left % 10 === 0 ? left / 10 : left}折` : null;
  }
  const percent = /^(\d{1,2}(?:\.\d{1,2})?)%$/.exec(token.trim());
  // 申请15%的折扣: under half is what is taken off (85折), never a price of 15%.
  if (percent && Number(percent[1]) > 0 && Number(percent[1]) < 50) return discountParam(`降${percent[1]}%`);
  if (percent) return Number(percent[1]) > 0 ? `${percent[1]}%` : null;
  const m = /^(\d{1,2}(?:\.\d)?|[一二三四五六七八九]{1,2}|[一二三四五六七八九]点[一二三四五六七八九])折$/.exec(token.trim());
  if (!m) return null;
  const digits = [...m[1]!].map((c) => (c === "点" ? "." : /[\d.]/.test(c) ? c : String(DIGITS[c]))).join("");
  const share = Number(digits);
  return share > 0 && share < 100 && !/^0/.test(digits) ? `${digits}折` : null;
}
