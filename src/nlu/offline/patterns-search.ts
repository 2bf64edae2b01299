// Looking a record up: 查一下华为 / 找找腾讯 / 京东的客户卡片给我看下 / 尾号8888的那个客户是谁 →
// search (one per name: 查查金蝶和用友); 华为之前都跟进过什么 → followup.history.
import type { ProposedAction } from "../engine.ts";
import { cleanName, takeName } from "./names.ts";
import { trimFiller } from "./text.ts";
import { propose, type Utterance } from "./utterance.ts";

export const VERB = /^(?:请|麻烦|麻烦你|帮忙|帮我|你)?(look\s+up|pull\s+up|查查看|查一下|查查|查下|查询一下|查询|查找|查|找一下|找找|找下|搜一下|搜搜|搜下|搜索|搜|看看|看一下|看下|调出|瞧瞧|瞧一下|瞅瞅|瞅一下|瞅一眼|瞄一眼|瞄一下)(一下)?\s*/;
/** Where a query stops: what is asked about it rather than its name. */
const QUERY_END =
  /(的(情况|信息|资料|联系人|客户卡片?|卡片|电话|手机|详情|跟进|负责人)|资料|信息|是谁|是不是|有没有|现在|那边|怎么样|什么情况|调出来|给我|这个客户|这家公司|这个人|这个线索|的$)/;
const HEAD = ["一下", "下", "一个", "有没有", "叫", "客户", "线索", "联系人", "公司", "这个", "那个"];

function queryFrom(raw: string): string | null {
  const phone = /^\D{0,4}?(\d{4,11})/.exec(raw.replace(/[\s-](?=\d)/g, ""));
  if (phone) return phone[1]!;
  let q = trimFiller(raw, HEAD);
  const end = QUERY_END.exec(q);
  if (end && end.index > 0) q = q.slice(0, end.index);
  q = trimFiller(q.replace(/^.*负责的/, ""), HEAD, ["的"]);
  if (/^[A-Za-z]{2,16}$/.test(q)) return q;
  return q.length <= 24 ? cleanName(q.replace(/\s+/g, " "), 16) : null;
}

/** 金蝶和用友: several names asked at once. */
function eachName(q: string): string[] {
  const parts = q.split(/\s*(?:和|、|跟|与|以及)\s*/).filter(Boolean);
  const names = parts.map((p) => cleanName(p, 16)).filter((p): p is string => p !== null);
  return parts.length > 1 && names.length === parts.length && names.every((n) => n.length <= 8) ? names : [q];
}

const ASKED: readonly RegExp[] = [
  /^(.{2,16}?)\s*(?:的)?(?:资料|信息|客户卡片?|卡片|详情)(?:调出来|给我看下|给我看看|给我看|发我|发给我|看下)/,
  /^(.{2,16}?)\s*有没有这个(?:客户|人|公司|线索)/,
  /^(.{2,16}?)\s*(?:现在)?(?:是)?谁在跟/,
  /^(.{2,16}?)\s*(?:现在)?是谁的(?:客户|线索)/,
  /^(.{2,16}?)\s*(?:现在)?(?:是)?(?:谁负责|归谁|谁管)/,
  /^who\s+(?:owns|handles|is\s+handling|is\s+on)\s+(.{2,24}?)\s*[?？]?$/i,
  // 星桥物流的联系人有哪些: its card shows them.
  /^(.{2,16}?)\s*的?(?:联系人|对接人)(?:都)?(?:有哪些|有谁|是谁|有几个)/,
  /^(.{2,16}?)\s*(?:那边)?(?:最近|近来|现在)?(?:什么情况|怎么样)了?[?？吗呢]*$/,
  /^有没有(?:一个)?(?:叫)?(.{2,12}?)的?(?:这个)?(?:线索|客户|联系人|公司)/,
  /尾号\s*(\d{4})/,
  // 13917265508 这个号码是谁的 / 这个号码13917265508是哪家的
  /(?<!\d)(1\d{10}|0\d{2,3}-?\d{7,8})(?!\d)\s*(?:这个|这个号码|这个号|这个手机号?|这个电话)?\s*(?:号码|手机号?|电话)?\s*(?:是谁的?|是谁家的?|是哪家的?|是哪个客户的?|谁的)/,
  /(?:这个|这)(?:号码|手机号?|电话)\s*(1\d{10}|0\d{2,3}-?\d{7,8})\s*(?:是谁的?|是哪家的?|是哪个客户的?|谁的)/,
];

/** search, one per name asked about; none when the words are not a record's name. */
export function searchesOf(u: Utterance): ProposedAction[] {
  const verb = VERB.exec(u.text);
  let raw: string | undefined;
  if (verb) raw = u.text.slice(verb[0].length).split(/[,，。;；!！?？]/)[0];
  else raw = ASKED.map((re) => re.exec(u.text)?.[1]).find((x) => x !== undefined);
  if (raw === undefined || /^(我的|我)/.test(raw)) return [];
  const query = queryFrom(raw);
  return query ? eachName(query).map((q) => propose("search", { query: q })) : [];
}

/** Words between 跟进记录 and a name written after it. */
const AFTER_HISTORY = ["for ", "of ", "调一下", "调出来", "拉一下", "看一下", "看看", "查一下", "查查", "发我", "给我", "一下", "把", "找一下"];

const HISTORY = /(跟进记录|跟进历史|跟进情况|沟通记录|拜访记录|历史记录|跟进的?历史|(?:跟进|跟|聊|谈|沟通)过(?:些|了些)?(?:什么|哪些|啥)|(?:跟进|跟)了(?:些|哪些)(?:什么|啥)?|跟进\s+history|history\s+of\s+跟进)/i;

/** followup.history of the record named, or null. */
export function historyOf(u: Utterance): ProposedAction | null {
  const m = HISTORY.exec(u.text);
  const talked = /(?:和|跟|与)(.{2,10}?)(?:最近|之前|上次)?.{0,4}(?:沟通|聊|谈|联系)(?:都|过)?(?:聊|谈)?了?(?:些)?(啥|什么)/.exec(u.text);
  if (talked) {
    const ref = cleanName(takeName(talked[1]!, 0));
    return ref ? propose("followup.history", { ref }) : null;
  }
  if (!m) return null;
  const head = trimFiller(u.text.slice(0, m.index).replace(VERB, "").replace(/^(show|list|see|check|view|get|give|pull\s+up)(\s+me)?(\s+the)?\s*/i, ""), HEAD, ["的", "之前都", "之前", "最近的", "最近", "都", "那边的", "那边"]);
  // 跟进记录调一下药明康德: the name may come after the words.
  const tail = trimFiller(u.text.slice(m.index + m[0].length), AFTER_HISTORY, ["的", "吧", "呢"]);
  const ref = cleanName(takeName(head, 0)) ?? cleanName(head) ?? (tail ? cleanName(takeName(tail, 0)) : null);
  return ref ? propose("followup.history", { ref }) : null;
}
