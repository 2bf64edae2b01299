// Money in: 华为打了20万过来 / 收到美的回款5万，银行转账 / 京东昨天付了30万 → a 回款 record;
// 给华为开20万的专票 / 帮美的开一张5万的发票，抬头美的集团 → an invoice request. Both need an
// amount and a customer (or contract number); a question, a reminder, or talk of a budget or
// a price is left to the other patterns.
import type { ProposedAction } from "../engine.ts";
import { AMOUNT_SOURCE, amountParam, amountYuan } from "./numbers.ts";
import { propose, refBefore, refOf, type Utterance } from "./utterance.ts";

export const PAYMENT_ACTION = "receivable.record";
export const INVOICE_ACTION = "invoice.create";

const CONTRACT_NO = /\b([A-Za-z]{1,6}-\d{4}-\d{1,8})\b/;
const MIN_YUAN = 100;
const NOT_MONEY_IN = /提醒|记得|别忘|催|[?？吗]|预算|报价|报了|价格|单价|多少钱|能不能|没有?(打|付|到账|回款)|还没/;
/** Money arrived: 打了…过来 / 转了 / 付了 / 汇了 / 到账 / 回款 / 收到…款. */
const PAID = /(打了|打过来|打来|转了|转过来|转来|付了|支付了|汇了|汇过来|到账|到了账|回款了?|回了款|收到.{0,8}(款|钱|回款))/;
const METHOD = /(银行转账|转账|电汇|支票|现金|承兑汇票|承兑|汇票|微信|支付宝)/;

function amountIn(text: string): { yuan: number; index: number } | null {
  const re = new RegExp(AMOUNT_SOURCE, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const yuan = amountYuan(m[0]);
    // a bare number needs a money word around it (第2期, 3套 are not money)
    const unit = /[万亿千kKwW元块¥￥]/.test(m[0]);
    if (yuan !== null && yuan >= MIN_YUAN && unit) return { yuan, index: m.index };
    if (m[0].length === 0) re.lastIndex++;
  }
  return null;
}

const refIn = (u: Utterance, index: number): string | null => CONTRACT_NO.exec(u.text)?.[1] ?? refBefore(u, index) ?? refOf(u);

/** 华为打了20万过来 / 收到美的回款5万 / 美的的尾款30万到账了. */
export function paymentOf(u: Utterance): ProposedAction | null {
  const paid = PAID.exec(u.text);
  if (!paid || NOT_MONEY_IN.test(u.text) || /电话|微信消息|邮件/.test(u.text.slice(paid.index, paid.index + 8))) return null;
  const amount = amountIn(u.text);
  if (!amount) return null;
  const ref = refIn(u, Math.min(paid.index, amount.index) || u.text.length);
  if (!ref) return null;
  const day = u.times.find((t) => t.index < paid.index + 12)?.text;
  const method = METHOD.exec(u.text)?.[1];
  return propose(PAYMENT_ACTION, { ref, amount: amountParam(amount.yuan), ...(day ? { date: day } : {}), ...(method ? { method } : {}) });
}

/** 给华为开20万的专票 / 帮美的开一张5万的发票，抬头美的集团 / 京东要开票10万，普票. */
export function invoiceOf(u: Utterance): ProposedAction | null {
  const m = /开(?:一张|张|个|一下)?.{0,12}?(专票|普票|发票|票)|开票/.exec(u.text);
  if (!m || /提醒|记得|别忘|[?？吗]|开了吗|开没开/.test(u.text)) return null;
  const amount = amountIn(u.text);
  if (!amount) return null;
  const ref = refIn(u, m.index);
  if (!ref) return null;
  const type = /专票|专用发票/.test(u.text) ? "专票" : /普票|普通发票/.test(u.text) ? "普票" : undefined;
  const title = /抬头(?:是|为|写|开)?[:：]?\s*([^\s,，。;；]{2,40})/.exec(u.text)?.[1];
  return propose(INVOICE_ACTION, { ref, amount: amountParam(amount.yuan), ...(type ? { type } : {}), ...(title ? { title } : {}) });
}
