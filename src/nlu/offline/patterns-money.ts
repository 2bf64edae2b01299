// Money coming in, in free text: 华为打了20万过来 / 收到华为20万回款 / 华为的20万到账了 /
// 华为回款20万 → receivable.record (the customer's one owing contract, the amount, 今天/昨天).
// Said without a customer it is not guessed at.
import type { ProposedAction } from "../engine.ts";
import { cleanName, takeName } from "./names.ts";
import { AMOUNT_SOURCE, amountParam, amountYuan } from "./numbers.ts";
import { propose, refBefore, type Utterance } from "./utterance.ts";

const A = `(${AMOUNT_SOURCE})`;
const FORMS: RegExp[] = [
  // 华为打了20万过来 / 华为那边转了20万 / 华为付了20万货款 / 华为回款20万
  new RegExp(`(?:打了|打过来|转了|转过来|汇了|付了|回款了?|回了)\\s*${A}\\s*(?:过来|回款|货款|的款|款)?`),
  // 收到华为20万回款 / 收到华为的20万
  new RegExp(`收到(?:了)?\\s*(.{2,12}?)(?:的|那边的)?\\s*${A}\\s*(?:的)?(?:回款|货款|款|转账)?`),
  // 华为的20万到账了
  new RegExp(`${A}\\s*(?:的)?(?:回款|货款|款)?\\s*(?:已经|已)?到账`),
];
const DAY = /(今天|昨天|前天)/;
/** 8万5 written with a digit after the unit: not read (it would lose the 5千). */
const GLUED = /[万千亿wWkK]\d/;

export function paymentOf(u: Utterance): ProposedAction | null {
  if (GLUED.test(u.text)) return null;
  for (const [i, form] of FORMS.entries()) {
    const m = form.exec(u.text);
    if (!m) continue;
    const amountToken = i === 1 ? m[2]! : m[1]!;
    const yuan = amountYuan(amountToken.trim());
    if (yuan === null) continue;
    const named = i === 1 ? (cleanName(takeName(m[1]!, 0)) ?? cleanName(m[1]!)) : null;
    const customer = (named ?? refBefore(u, m.index))?.replace(/(那边|这边|回款|的)+$/, "");
    if (!customer) return null;
    const day = DAY.exec(u.text)?.[1];
    return propose("receivable.record", { ref: customer, rest: [amountParam(yuan), ...(day ? [day] : [])].join(" ") });
  }
  return null;
}
