// Asking for a quote: 给华为报个价，标准版10套打85折，实施服务5天 / 帮我给美的出一份报价：专业版
// 3套 单价2万 → quote.edit (start the quote on the customer's open deal, with its lines). A
// customer asking for one (对方要一份报价) is talk with the customer — a follow-up — not this.
import type { ProposedAction } from "../engine.ts";
import { discountParam } from "./numbers.ts";
import { CONTACT } from "./patterns-followup.ts";
import { cleanName } from "./names.ts";
import { nameBefore } from "./ref-before.ts";
import { propose, refBefore, type Utterance } from "./utterance.ts";

/** The rep making a quote: 报个价 / 报一下价 / 出(一份|个)报价 / 做个报价 / 报价单. */
const MAKE = /(?:报个价|报一下价|报下价|报价一下|(?:出|做|拟)(?:一份|一个|个|份|一下)?报价(?:单)?|报价(?:单)?[:：])/;
/** …unless the customer asks for it (a follow-up), or it is a question about quotes. */
const ASKED = /(?:要|需要|想要|索要|要求|等|催)(?:我们|咱们)?(?:给他们|给他)?(?:一份|一个|个|份)?(?:详细|正式)?报价|报价(?:了吗|没有|怎么样|呢)|[?？]/;
/** A note to self about a quote (提醒我明天给华为报个价) is a reminder. */
const LATER = /提醒|记得|别忘|回头|待会|稍后/;
/** Who for, written before the verb: 给华为 / 帮我给美的 / 为京东. */
const FOR = /(?:给|替|为)\s*([\u4e00-\u9fa5A-Za-z0-9（）()]{2,24}?)\s*(?:那边|这边|那家|这家)?\s*$/;

const QTY_UNIT = /\d+(?:\.\d+)?\s*[\u4e00-\u9fa5]{1,2}/;

/** A clause as the 报价 command's line words: 标准版10套打85折 → 标准版10套 85折. */
function lineWords(clause: string): string | null {
  let c = clause.replace(/^[\s:：]+/, "").replace(/^(?:其中|包括|包含|含|有|要|买|采购|一共|另外|再加|加上?|还有)\s*/, "").trim();
  if (!QTY_UNIT.test(c)) return null;
  c = c.replace(/打\s*([^\s，,]{1,5}折)/g, " $1").replace(/(\d+(?:\.\d+)?%)/g, " $1");
  c = c.replace(/([一二三四五六七八九]{1,2}|[一二三四五六七八九]点[一二三四五六七八九])折/g, (m) => ` ${discountParam(m) ?? m}`);
  c = c.replace(/(?:单价|每[\u4e00-\u9fa5]|一[\u4e00-\u9fa5])\s*[:：]?\s*(\d+(?:\.\d+)?\s*(?:万|千|元|块)?)/g, " 单价:$1");
  c = c.replace(/税率\s*[:：]?\s*(\d+%)/g, " 税率:$1").replace(/\s+/g, " ").trim();
  return c || null;
}

/** A quote's PDF or its sending asked for: 华为的报价先出个PDF / 报价#21 发给客户. */
const QUOTE_DOC = /报价(?:单)?\s*(#\s*\d{1,9})?.{0,8}?(?:(pdf|发我看|发给我看|给我看|我看看|发我一份|发一份给我)|(发送|发出去|发给客户|发给他们|发过去))(?!了)/i;

/** A verdict on a quote: 接受, or 拒绝 with its reason (客户拒绝了报价#12，价格太高). */
export function quoteVerdict(text: string): string | null {
  if (/(没|不)(接受|拒绝)/.test(text)) return null;
  const no = /拒绝了?|不要了|不接受/.exec(text);
  if (no) {
    const reason = text.slice(no.index + no[0].length).replace(/^\s*报价(?:单)?\s*#?\s*\d*/, "").replace(/^[\s,，。:：]+/, "").trim();
    return reason ? `拒绝 ${reason}` : "拒绝";
  }
  return /接受了?|同意了?|认可了?/.test(text) ? "接受" : null;
}

const QUOTE_CODE = /报价(?:单)?\s*(#\s*\d{1,9})/;

function quoteStepOf(u: Utterance): ProposedAction | null {
  // 客户接受了报价#12 / 报价#12 客户拒绝了，价格太高
  const code = QUOTE_CODE.exec(u.text);
  const verdict = code && !/[?？吗]/.test(u.text) ? quoteVerdict(u.text) : null;
  if (code && verdict) return propose("quote.edit", { ref: code[1]!.replace(/\s+/g, ""), rest: verdict });
  const m = QUOTE_DOC.exec(u.text);
  if (!m || LATER.test(u.text) || /[?？吗]|了没|没有/.test(u.text) || /(已经|已)(发|出)/.test(u.text)) return null;
  const ref = m[1] ? m[1].replace(/\s+/g, "") : refBefore(u, m.index);
  return ref ? propose("quote.edit", { ref, rest: m[2] ? "PDF" : "发送" }) : null;
}

/** Quantities joined by 加/和 (专业版5套加实施服务3天): each its own line. */
const JOINED_LINES = /(\d+(?:\.\d+)?\s*(?:套|个|台|天|人天|年|月|份|件|张|次|小时|用户|账号|节点|点位|license))\s*(?:加上?|外加|再加|另加|和|以及|还有)\s*(?=\D)/gi;
/** A clause that is only a discount (打九折 / 85折): it goes with the line before. */
const DISCOUNT_ONLY = /^(?:整体|全部|统一|都|再)?(?:打个?|给|按)?\s*(\d{1,2}(?:\.\d)?|[一二三四五六七八九]{1,2}|[一二三四五六七八九]点[一二三四五六七八九])折$/;

export function quoteOf(u: Utterance): ProposedAction | null {
  const step = quoteStepOf(u);
  if (step) return step;
  const m = MAKE.exec(u.text);
  if (!m || CONTACT.test(u.text) || LATER.test(u.text)) return null;
  // 蓝湾酒店要个报价：专业版5套…: the rep passing on a request with its lines makes the quote.
  const listed = /[:：]\s*\S*\d/.test(u.text.slice(m.index)) && !/[?？]/.test(u.text);
  if (ASKED.test(u.text) && !listed) return null;
  const before = u.text.slice(0, m.index);
  const named = FOR.exec(before)?.[1];
  // 做个报价给星桥物流：标准版10套: who for, written after the verb.
  const after = /^\s*(?:给|发给)\s*([\u4e00-\u9fa5A-Za-z0-9（）()]{2,24}?)\s*(?:那边|这边)?\s*(?=[:：,，;；\s]|$)/.exec(u.text.slice(m.index + m[0].length));
  const ref = (after ? cleanName(after[1]!) : null) ?? (named ? cleanName(named) : null) ?? nameBefore(u, m.index);
  // 今天报个价: the verb read as a name is none.
  if (!ref || MAKE.test(ref) || /报价|报个价/.test(ref)) return null;
  const rest = u.text.slice(m.index + m[0].length + (after?.[0].length ?? 0)).replace(JOINED_LINES, "$1，");
  const lines: string[] = [];
  for (const clause of rest.split(/[，,；;。、\n]+/)) {
    const line = lineWords(clause);
    const off = DISCOUNT_ONLY.exec(clause.trim());
    const share = off ? discountParam(`${off[1]}折`) : null;
    // 每套1.2万 / 单价2万 after a line: that line's price.
    const price = /^\s*(?:单价|每[\u4e00-\u9fa5])\s*[:：]?\s*(\d+(?:\.\d+)?\s*(?:万|千|元|块)?)\s*$/.exec(clause);
    if (price && lines.length) lines[lines.length - 1] += ` 单价:${price[1]!.replace(/\s+/g, "")}`;
    else if (line && /^\s*(?:单价|每[\u4e00-\u9fa5])/.test(clause) && lines.length) lines[lines.length - 1] += ` ${line}`;
    else if (line) lines.push(line);
    else if (share && lines.length) lines[lines.length - 1] += ` ${share}`;
  }
  return propose("quote.edit", { ref, rest: lines.length ? `加 ${lines.join("，")}` : "" });
}
