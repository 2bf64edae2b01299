// Commands typed with names instead of codes: 推进 远洋物流 报价谈判 / 赢单 颖川食品 36万 /
// 申请折扣 华为 八五折 客户预算有限 / 工单 明达律所 系统登录不了 高优先级. The words are mapped
// onto the action's parameters by the command grammar itself (commandArguments), then each
// value is written the way the action's parser reads it (36万, 85折, P1, 报价谈判).
import type { ProposedAction } from "../engine.ts";
import { commandArguments } from "../../bot/command-parser.ts";
import { actionRegistry } from "./commands.ts";
import { cleanName } from "./names.ts";
import { amountParam, amountYuan, discountParam } from "./numbers.ts";
import { stageName } from "./patterns-opportunity.ts";
import { methodLabelled } from "./patterns-money.ts";
import { quoteVerdict } from "./patterns-quote.ts";
import { priorityOf } from "./patterns-service.ts";
import { findTimes, isoLocal } from "./times.ts";
import { trimFiller } from "./text.ts";
import type { Clock } from "./utterance.ts";

type Raw = Record<string, unknown>;
type Params = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** A record as typed: #12 as is, a name without pointing words (远洋物流那单 → 远洋物流). */
function recordRef(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (/^(?:客户|商机|线索|合同|报价|工单)?#\d{1,9}$/.test(s)) return s;
  // 推进 所有商机 赢单: a bulk change is never a record.
  if (/^(所有|全部|全体|每个|每一个|各个|批量)/.test(s)) return undefined;
  // 领取 公海里的联想: the record, not where it is.
  return cleanName(s.replace(/^公海(里|上)?(的|那个|那家)?/, ""), 16) ?? undefined;
}

const amountOf = (v: unknown): string | undefined => {
  // 赢单 颖川食品 金额36万: the amount after its label.
  const s = str(v)?.replace(/^(金额|成交金额|成交额|合同额|合同金额|总价|总金额|价格|预算)[:：是为]?/, "");
  const yuan = s === undefined ? null : amountYuan(s);
  return yuan === null ? undefined : amountParam(yuan);
};

const only = (p: Params): Params => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

/** Each command read this way: its parameters as the action's parsers take them, or null. */
const READERS: Readonly<Record<string, (raw: Raw, extra: string[], clock: Clock) => Params | null>> = {
  "opportunity.advance": (raw) => {
    const ref = recordRef(raw["ref"]);
    const stage = str(raw["stage"]);
    const name = stage && stageName(stage);
    // 赢单 and 输单 are commands of their own (with an amount, a reason).
    return ref && name && !/^(赢单|输单)$/.test(name) ? only({ ref, stage: name, reason: str(raw["reason"]) }) : null;
  },
  "opportunity.won": (raw, extra) => {
    const ref = recordRef(raw["ref"]);
    const amount = [raw["amount"], ...extra].map(amountOf).find((a) => a !== undefined);
    return ref ? only({ ref, amount, reason: str(raw["reason"]) }) : null;
  },
  "opportunity.lost": (raw) => {
    const ref = recordRef(raw["ref"]);
    return ref ? only({ ref, reason: str(raw["reason"]) }) : null;
  },
  "approval.discount": (raw) => {
    const ref = recordRef(raw["ref"]);
    if (!ref) return null;
    // 申请折扣 华为 客户预算有限 八五折: the discount wherever it stands, the rest is the reason.
    const words = [str(raw["discount"]), ...(str(raw["reason"])?.split(" ") ?? [])].filter((w): w is string => w !== undefined);
    const asDiscount = (w: string) => discountParam(w.replace(/^(打个?|给到|要|按)/, ""));
    const at = words.findIndex((w) => asDiscount(w) !== null);
    const discount = at < 0 ? undefined : (asDiscount(words[at]!) ?? undefined);
    const reason = trimFiller(words.filter((_, i) => i !== at).join(" ")) || undefined;
    return only({ ref, discount, reason });
  },
  "approval.contract": (raw) => {
    const ref = recordRef(raw["ref"]);
    return ref ? only({ ref, legal: str(raw["legal"]), reason: str(raw["reason"]) }) : null;
  },
  "ticket.create": (raw) => {
    // 工单 #12 已处理: a ticket's number is news of that ticket, not a customer.
    const customer = /#\d/.test(str(raw["customer"]) ?? "") ? undefined : recordRef(raw["customer"]);
    const title = str(raw["title"]);
    const said = str(raw["priority"]);
    const priority = said && (priorityOf(said) ?? priorityOf(`优先级${said}`) ?? said);
    return customer && title ? only({ customer, title, priority, type: str(raw["type"]) }) : null;
  },
  "contact.save": (raw) => {
    const customer = recordRef(raw["customer"]);
    const name = str(raw["name"]);
    const fields = Array.isArray(raw["fields"]) ? raw["fields"] : [];
    return customer && name ? only({ customer, name, phone: str(raw["phone"]), ...(fields.length ? { fields } : {}) }) : null;
  },
  // 回款 远洋物流 alone shows the plan; with an amount it records a payment.
  "receivable.record": (raw) => {
    const ref = recordRef(raw["ref"]);
    const rest = str(raw["rest"]);
    // 回款 HT-2026-0042 30000 12月10日 承兑汇票: a bare method word is the payment's 方式.
    return ref && rest ? { ref, rest: methodLabelled(rest) } : null;
  },
  // 开票 合同#8 36000 专票 税号 9131…: the tax number the grammar took for the title.
  "invoice.request": (raw) => {
    const ref = recordRef(raw["ref"]);
    const said = str(raw["title"]);
    const tax = said && /^税号\s*[:：]?\s*([0-9A-Z]{15,20})$/i.exec(said);
    const title = tax ? undefined : said;
    const taxId = str(raw["taxId"]) ?? (tax ? tax[1]!.toUpperCase() : undefined);
    return ref ? only({ ref, amount: amountOf(raw["amount"]), title, taxId, type: str(raw["type"]), note: str(raw["note"]) }) : null;
  },
  // 报价 #21 发送 / 报价 远洋物流 加 标准版 10套: a quote named with something to do (报价 华为 alone is free text).
  "quote.edit": (raw) => {
    const ref = recordRef(raw["ref"]);
    const said = str(raw["rest"]) ?? "";
    // 报价 #12 客户拒绝了，价格太高 → 拒绝 价格太高.
    const rest = !said || /^(加|添加|增加|删|删除|发送|PDF|接受|拒绝|V\d)/i.test(said) ? said : quoteVerdict(said);
    return ref && rest !== null && (rest || /#\d/.test(ref)) ? { ref, rest } : null;
  },
  // 客户 华为 alone shows the customer (a search); only a change is a write.
  "customer.update": (raw) => {
    const ref = recordRef(raw["ref"]);
    const fields = Array.isArray(raw["fields"]) ? raw["fields"] : [];
    return ref && fields.length ? { ref, fields } : null;
  },
  "opportunity.update": (raw, _extra, clock) => {
    const ref = recordRef(raw["ref"]);
    const close = str(raw["expectedCloseDate"]);
    const at = close ? findTimes(close, clock.now, clock.timeZone).find((t) => t.at)?.at : undefined;
    const fields = only({
      needsAnalysis: str(raw["needsAnalysis"]),
      budget: amountOf(raw["budget"]),
      amount: amountOf(raw["amount"]),
      expectedCloseDate: at ? isoLocal(at, clock.timeZone) : undefined,
      decisionMaker: str(raw["decisionMaker"]),
    });
    return ref && Object.keys(fields).length ? { ref, ...fields } : null;
  },
};

/** Commands that only name records (领取 远洋物流, 释放 远洋物流 没精力跟了, 转化 刘洋, 分配 刘洋 小李):
 * their words as the grammar maps them, the records cleaned of pointing words. */
const NAMING = new Set([
  "pool.claim",
  "pool.release",
  "lead.convert",
  "lead.score",
  "lead.assign",
  "opportunity.support",
  // 回款记录 星桥物流 / 处理 #12 / 解决 #12 更换了主板
  "receivable.list",
  "ticket.show",
  "ticket.start",
  "ticket.wait",
  "ticket.resolve",
  "ticket.close",
  "ticket.note",
]);

function naming(raw: Raw, refs: readonly string[]): Params | null {
  const out: Params = {};
  for (const [key, value] of Object.entries(raw)) {
    const v = refs.includes(key) ? recordRef(value) : str(value);
    if (v !== undefined) out[key] = v;
  }
  return refs.length > 0 && refs.every((r) => out[r] !== undefined) ? out : null;
}

/** A listing typed as its bare command word (我的工单, 待我审批, 我的合同): the read it names. */
function bareListing(word: string): ProposedAction | null {
  const action = actionRegistry().lookup(word);
  if (!action || action.effect !== "read" || action.freeText === "off" || !/\p{Script=Han}/u.test(word)) return null;
  return action.params.safeParse({}).success ? { action: action.name, params: {} } : null;
}

/** The proposal for a command typed with its words (names or codes), or null. */
export function typedCommandOf(text: string, clock: Clock): ProposedAction | null {
  const bare = bareListing(text.normalize("NFKC").trim());
  if (bare) return bare;
  // Commas between the words read as spaces (赢单 颖川食品，36万).
  const tidy = text.normalize("NFKC").replace(/[,，、;；]+/g, " ").trim();
  // A command word, then its words: a sentence that merely starts with one (推进一下华为) is free text.
  // English aliases (move, discount) start sentences too: "move 京东 to 方案演示" is read as one.
  if (!/^\p{Script=Han}+(?:#\d{1,9})?\s+\S/u.test(tidy)) return null;
  // 联系人 凯德医疗 Kevin Ma 邮箱 kevin@… / 客户 华为 行业 物流: an English full name is one word, a field's label goes with its value.
  const joined = tidy.replace(/\b([A-Z][a-z]+) ([A-Z][a-z]+)\b/g, `$1${JOIN}$2`).replace(new RegExp(`(\\s)(${LABELS})\\s+(?=[^\\s:：])`, "g"), "$1$2:");
  for (const words of joined === tidy ? [tidy] : [tidy, joined]) {
    const found = readTyped(words, clock);
    if (found) return found;
  }
  return null;
}

/** Field labels typed without their colon. */
const LABELS = "邮箱|职务|微信|生日|决策角色|行业|地区|地址|官网|全称|级别|标签";

function readTyped(words: string, clock: Clock): ProposedAction | null {
  const read = commandArguments(actionRegistry(), words);
  if (!read) return null;
  const reader = READERS[read.action.name];
  const refs = Object.keys(read.action.refs ?? { ref: "target" });
  const params = reader ? reader(read.raw, read.extra, clock) : NAMING.has(read.action.name) && read.extra.length === 0 ? naming(read.raw, refs) : null;
  return params ? { action: read.action.name, params: unjoined(params) as Params } : null;
}

/** Joins the words of an English name for the grammar's split on spaces. */
const JOIN = "\u2060";

function unjoined(v: unknown): unknown {
  if (typeof v === "string") return v.replaceAll(JOIN, " ");
  if (Array.isArray(v)) return v.map(unjoined);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unjoined(x)]));
  return v;
}
