// Money in free text. Coming in: 华为打了20万过来 / 收到华为20万回款 / 华为的20万到账了 /
// 华为回款20万，银行转账 / 京东昨天付了30万 → receivable.record (the customer's one owing
// contract, the amount, the day, the method). An invoice asked for: 给华为开20万的专票 / 帮美的
// 开一张5万的发票，抬头美的集团 → invoice.request. Said without a customer it is not guessed at;
// a question, a note to self, a payment still to come, or a price is left alone.
import type { ProposedAction } from "../engine.ts";
import { cleanName, takeName } from "./names.ts";
import { AMOUNT_SOURCE, amountParam, amountYuan } from "./numbers.ts";
import { CONTACT } from "./patterns-followup.ts";
import { VERB } from "./patterns-search.ts";
import { nameBefore } from "./ref-before.ts";
import { trimFiller } from "./text.ts";
import { propose, refBefore, type Utterance } from "./utterance.ts";

const A = `(${AMOUNT_SOURCE})`;
const FORMS: RegExp[] = [
  // 收到华为20万回款 / 收到华为的20万
  new RegExp(`(?:收到(?:了)?|回款\\s*[:：])\\s*(.{2,12}?)(?:的|那边的)?\\s*${A}\\s*(?:的)?(?:回款|货款|款|转账)?`),
  // 华为打了20万过来 / 华为那边转了20万 / 华为付了20万货款 / 华为回款20万
  new RegExp(`(?<![首尾预定订货])(?:打了|打过来|转了|转过来|汇了|付了|支付了|回款了?|回了|打款|付款|汇款|转账|转款)\\s*(?:了)?\\s*(?:首款|首付款|尾款|余款|预付款|进度款|定金|订金|货款)?\\s*${A}\\s*(?:过来|回款|货款|的款|款)?`),
  // 华为的20万到账了
  new RegExp(`${A}\\s*(?:的)?(?:回款|货款|款)?\\s*(?:已经|已)?(?:到账|到了|收到了)`),
];
/** Not money that arrived: a question, a reminder, a promise, a price or a budget. */
const NOT_ARRIVED = /[?？吗]|了没|没到|提醒|记得|别忘|催|还没|没有?(?:打|付|到|回)|什么时候|何时|下周|下个月|月底前|准备|打算|答应|会(?:打|付)|要(?:打|付)|预算|报价|单价|价格|多少钱/;
const DAY = /(今天|昨天|前天|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}月\d{1,2}[日号]?)/;
const METHOD = /(银行转账|对公转账|转账|电汇|支票|现金|承兑汇票|银行承兑|承兑|微信|支付宝)/;
/** 回款 … 承兑汇票: the method word at the end labelled as the action reads it (方式:承兑汇票). */
export function methodLabelled(rest: string): string {
  return rest.replace(new RegExp(`(^|\\s)${METHOD.source}$`), (_m, sp: string, w: string) => `${sp}方式:${w}`);
}

/** 8万5 written with a digit after the unit: not read (it would lose the 5千). */
const GLUED = /[万千亿wWkK]\d/;

/** A name ending in a particle the pattern swallowed (华为那边, 华为的) — but 美的 stays 美的. */
const trimTail = (name: string): string => {
  const t = name.replace(/(那边|这边|回款|首付款|首款|尾款|余款|预付款|进度款|定金|订金|货款)+$/, "");
  return t.length > 2 && t.endsWith("的") ? t.slice(0, -1) : t;
};

export function paymentOf(u: Utterance): ProposedAction | null {
  if (GLUED.test(u.text) || NOT_ARRIVED.test(u.text)) return null;
  for (const [i, form] of FORMS.entries()) {
    const m = form.exec(u.text);
    if (!m) continue;
    const amountToken = i === 0 ? m[2]! : m[1]!;
    const yuan = amountYuan(amountToken.trim());
    if (yuan === null || yuan < 1) continue;
    const named = i === 0 ? (cleanName(takeName(m[1]!, 0)) ?? cleanName(m[1]!)) : null;
    const found = named ?? refBefore(u, m.index);
    if (!found) return null;
    const day = DAY.exec(u.text)?.[1];
    const method = METHOD.exec(u.text)?.[1];
    const words = [amountParam(yuan), ...(day ? [day] : []), ...(method ? [`方式:${method}`] : [])];
    return propose("receivable.record", { ref: trimTail(found), rest: words.join(" ") });
  }
  return null;
}

/** The first amount written with a money unit (一张, 3套 are not money). */
function moneyIn(text: string): number | null {
  const re = new RegExp(AMOUNT_SOURCE, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const yuan = /[万千亿wWkK元块¥￥]/.test(m[0]) ? amountYuan(m[0].trim()) : null;
    if (yuan !== null && yuan >= 1) return yuan;
  }
  return null;
}

const INVOICE = /开(?:一张|张|个|一下)?.{0,12}?(?:专票|普票|发票|增值税.{0,4}票)|开票/;
/** Who for, written before the verb: 给华为 / 帮美的 / 为京东 (not 帮我). */
const FOR = /(?:给|替|为|帮)(?!我)\s*([\u4e00-\u9fa5A-Za-z0-9（）()]{2,24}?)\s*(?:那边|这边)?\s*(?:申请|要|需要|想)?\s*$/;
/** A contract named by its code: HT-2026-0042 / 合同#8. */
const CONTRACT_CODE = /(HT-[A-Za-z0-9-]+|合同\s*#\s*\d{1,9})/i;
/** The invoice asked for outright: 要发票 / 要开票 / 帮…开, not a story about one. */
const INVOICE_ASKED = /^(帮我|请|麻烦)?(给|替|为|帮)|要(开)?(发票|专票|普票)|要开票|需要(开)?(发票|专票|普票)|申请开票/;
const INVOICE_NOT_NOW = /[?？吗]|提醒|记得|别忘|开了没|开没开|什么时候/;

/** 给华为开20万的专票 / 帮美的开一张5万的发票，抬头美的集团 / 京东要开票10万，普票. */
export function invoiceOf(u: Utterance): ProposedAction | null {
  const m = INVOICE.exec(u.text);
  if (!m || INVOICE_NOT_NOW.test(u.text)) return null;
  const yuan = moneyIn(u.text.slice(m.index)) ?? moneyIn(u.text);
  // 鼎拓科技要发票，开专票，金额按合同全款: asked outright, the amount may be left to the action.
  if (yuan === null && !(INVOICE_ASKED.test(u.text) && !CONTACT.test(u.text) && u.times.length === 0)) return null;
  const named = FOR.exec(u.text.slice(0, m.index))?.[1];
  const code = CONTRACT_CODE.exec(u.text)?.[1]?.replace(/\s+/g, "");
  const ref = code ?? (named ? cleanName(named) : null) ?? refBefore(u, m.index);
  if (!ref) return null;
  const taxId = /税号\s*[:：]?\s*([0-9A-Z]{15,20})(?![0-9A-Z])/i.exec(u.text)?.[1]?.toUpperCase();
  const type = /专票|专用发票/.test(u.text) ? "专票" : /普票|普通发票/.test(u.text) ? "普票" : undefined;
  const title = /抬头(?:是|为|写|开)?[:：]?\s*([^\s,，。;；]{2,40})/.exec(u.text)?.[1];
  return propose("invoice.request", { ref: trimTail(ref), ...(yuan !== null ? { amount: amountParam(yuan) } : {}), ...(type ? { type } : {}), ...(title ? { title } : {}), ...(taxId ? { taxId } : {}) });
}

/** Asking after a customer's payments: 华为的款到了没 / 瑞丰电子的回款记录给我看看 / 京东回款了吗. */
const PAYMENTS_ASKED =
  /(回款记录|回款情况|回款进度|回款明细|付款记录|收款记录|打款记录|(?:款|钱|回款|货款)(?:已经)?(?:到了|到账了|到账|到|收到|回来)(?:了)?(?:没|吗|没有|么)|(?:回款|打款|付款|回钱)了?(?:没|吗|没有|么)|(?:回|付|打|收)了多少(?:款|钱)|(?:万|元|块)(?:已经)?(?:到了|到账了?)(?:没|吗|没有|么)|(?:款|钱|回款|货款)(?:已经)?(?:打|转|汇|付)(?:过来|回来)?了?(?:没|吗|没有|么)|(?:款|钱|回款|货款)(?:大概|预计)?什么时候(?:能)?(?:到|到账|回来|打过来|付)|还欠(?:我们)?多少|还差多少(?:钱|款)|欠(?:我们)?多少(?:钱|款)|还有多少(?:钱|款)没(?:回|付|到|打))/;

/** receivable.list of the customer or contract named before the question, or null. */
export function paymentsAskedOf(u: Utterance): ProposedAction | null {
  const m = PAYMENTS_ASKED.exec(u.text);
  if (!m || /提醒|记得|别忘|催/.test(u.text)) return null;
  const code = /(HT-[\w-]+|合同\s*#\s*\d{1,9})/i.exec(u.text)?.[1];
  // 看看华辰科技的回款记录: the words between the asking verb and the question name the customer.
  const asked = code ? null : cleanName(trimFiller(u.text.slice(0, m.index).replace(VERB, ""), [], ["的", "那边", "这边"]));
  // A name read across the question (鼎拓科技付了多少) gives way to the words before it.
  const ref = code ? code.replace(/\s+/g, "") : trimTail(nameBefore(u, m.index) ?? asked ?? "");
  return ref ? propose("receivable.list", { ref }) : null;
}
