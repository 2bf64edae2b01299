// Cleaning free text before matching: full-width forms, common typos and the English
// words reps mix in, so the patterns only need to know one spelling. Notes keep the rep's
// own words: they are cut from the text as written (NFKC only), not from this reading.

/** Homophone and slip typos seen in chat, fixed before matching. */
const TYPOS: ReadonlyArray<[RegExp, string]> = [
  [/记的/g, "记得"],
  [/(?<=[天周一二三四五六日号后底点])在(约|联系|跟进|回访|沟通|去|问)/g, "再$1"],
  [/[差茶]一下/g, "查一下"],
  [/(根进|跟近)/g, "跟进"],
  [/推近/g, "推进"],
  [/(题醒|提型|提星)/g, "提醒"],
  [/预酸/g, "预算"],
  [/线锁/g, "线索"],
  [/商几/g, "商机"],
  [/明填/g, "明天"],
  [/方按/g, "方案"],
  [/拜[方仿]/g, "拜访"],
  [/展汇/g, "展会"],
  [/官往/g, "官网"],
  [/公[众从重]浩|公[从重]号/g, "公众号"],
  [/转接绍|专介绍/g, "转介绍"],
  [/(?<=[通打回接]了?[个通]?)电[画化活]/g, "电话"],
  [/盈单|嬴单|赢丹/g, "赢单"],
  [/输丹/g, "输单"],
  [/丢丹/g, "丢单"],
  [/手几号?(?=\s*[:：]?\s*1\d)/g, "手机"],
];

/** 大写 numerals of formal writing (人民币伍拾万元整), read as the everyday ones. */
const FORMAL_DIGITS: Readonly<Record<string, string>> = { 壹: "一", 贰: "二", 叁: "三", 肆: "四", 伍: "五", 陆: "六", 柒: "七", 捌: "八", 玖: "九", 拾: "十", 佰: "百", 仟: "千", 萬: "万", 圆: "元" };

/** 10am, 3:30pm: the Chinese time of day. */
const clockOf = (_m: string, hour: string, minute: string | undefined, half: string): string =>
  `${half.toLowerCase() === "am" ? "上午" : "下午"}${hour}点${minute ? `${minute}分` : ""}`;

const WEEKDAYS: Record<string, string> = { monday: "一", tuesday: "二", wednesday: "三", thursday: "四", friday: "五", saturday: "六", sunday: "日" };

/** English (and English-Chinese) phrasings, read as the Chinese a rep would write. */
const ENGLISH: ReadonlyArray<[RegExp, string]> = [
  [/\bshow\s+me\s+the\s+follow[\s-]*up\s+history\s+of\s+(\S+)/gi, "$1的跟进记录"],
  [/\bwhat'?s\s+on\s+my\s+plate(\s+today)?/gi, "今天有什么安排"],
  [/\bmove\s+(.+?)\s+to\s+/gi, "把$1推进到"],
  [/\bwe\s+won\s+([^,，]+)/gi, "$1赢单了"],
  [/\bdiscount\s+(\d{1,2}(?:\.\d+)?%)\s+for\s+([^,，]+)/gi, "给$2申请$1折扣"],
  [/\bdeal\s+size\b/gi, "金额"],
  [/\bexpected\s+close\b/gi, "预计成交"],
  [/\b(set\s+a\s+reminder|remind\s+me(\s+to)?)\b/gi, "提醒我"],
  [/\bremind(er)?\b/gi, "提醒"],
  [/\bnew\s+lead\b/gi, "新线索"],
  [/\bmy\s+leads\b/gi, "我的线索"],
  [/\bmy\s+customers\b/gi, "我的客户"],
  [/\bmy\s+(opps|opportunities|deals|pipeline)\b|我的\s*pipeline/gi, "我的商机"],
  [/\bleads?\b/gi, "线索"],
  [/\b(opportunities|opps|pipeline)\b/gi, "商机"],
  [/\bcustomers?\b/gi, "客户"],
  [/\bcalled\s+/gi, "打了电话给"],
  [/\bcall(ed)?\b/gi, "打电话"],
  [/\bby\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, "$1前"],
  [/\bnext\s+week\b/gi, "下周"],
  [/\bnext\s+(?=[\d\u4e00-\u9fa5])/gi, "下次 "],
  [/\b(tomorrow|tmrw?)\b/gi, "明天"],
  [/\breplied\b/gi, "回复了"],
  [/\bvisited\s+/gi, "拜访了"],
  [/\bmet\s+(with\s+)?/gi, "见了"],
  [/\btalked\s+(to|with)\s+(\S+)/gi, "跟$2聊了"],
  [/\btoday\b/gi, "今天"],
  [/\bbudget\b/gi, "预算"],
  [/\bfollow[\s-]*up\b|\bfollow\b/gi, "跟进"],
  [/\bsent\b/gi, "发了"],
  [/\bmeeting\b/gi, "开会"],
  [/\bdemo\b/gi, "演示"],
  [/\bwechat\b/gi, "微信"],
  [/\b(search|find)\b/gi, "查"],
  [/\bexport\b/gi, "导出"],
];

/** The message as written, in half-width forms with single spaces: what notes are cut from. */
const tidy = (input: string): string => input.normalize("NFKC").replace(/\s+/g, " ").trim();

/** Typos fixed and English read as Chinese: what the patterns match against. */
export function normalize(input: string): string {
  let t = tidy(input);
  t = t.replace(/\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/gi, clockOf);
  for (const [re, to] of ENGLISH) t = t.replace(re, to);
  // 圆 only after a number (伍拾万圆整): 方圆地产 keeps its name.
  t = t.replace(/[壹贰叁肆伍陆柒捌玖拾佰仟萬]|(?<=[\d壹贰叁肆伍陆柒捌玖拾佰仟萬万千百十])圆/g, (c) => FORMAL_DIGITS[c]!);
  t = t.replace(/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, (d) => `周${WEEKDAYS[d.toLowerCase()]}`);
  for (const [re, to] of TYPOS) t = t.replace(re, to);
  return t.replace(/\s+/g, " ").trim();
}

const CONNECTOR = /([,，;；。!！?？]+)\s*(顺便|然后|另外|还有|同时|接着|并且|以及|再(?!联系|约|去|问|来|谈|沟通|跟进|确认|说|等|看看|过去|碰|打))|[;；]+/g;

/** Requests joined by 顺便/然后/另外/再: each is read on its own. */
export function segments(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(CONNECTOR)) {
    out.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  out.push(text.slice(start));
  return out.flatMap(commandList).map((s) => trimFiller(s)).filter(Boolean);
}

/** Words that open a command on a record or a reminder (完成提醒2, 取消提醒4). */
const COMMAND_START = /^\s*(完成|取消|删除|删掉|推迟|延后|顺延|关闭|关掉)\s*(提醒|待办|任务|工单|审批)?\s*#?\d/;

/** 完成提醒2，取消提醒4，再看看我的提醒: commands listed with commas, each read on its own. */
function commandList(segment: string): string[] {
  const parts = segment.split(/[,，]/);
  const last = parts[parts.length - 1]!;
  const listed = parts.length > 1 && parts.slice(0, -1).every((p) => COMMAND_START.test(p));
  // …，再看看我的提醒: a look closing the list.
  return listed && (COMMAND_START.test(last) || /^\s*(再|然后)?\s*(看看|看下|看一下|查查|查一下|列一下|列出)/.test(last)) ? parts.map((p) => p.replace(/^\s*(再|然后)\s*/, "")) : [segment];
}

export interface Clause {
  text: string;
  /** Where it starts in the text. */
  index: number;
}

/** Clauses between punctuation: 去了趟华为, 跟张总聊了报价 … */
export function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  for (const m of text.matchAll(/[^,，。;；!！?？\n~～]+/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ text: body, index: m.index + lead });
  }
  return out;
}

/** Strips punctuation and spaces from both ends, `head` words from the start and `tail` words from the end. */
export function trimFiller(text: string, head: readonly string[] = [], tail: readonly string[] = []): string {
  let t = text.trim();
  for (let before = ""; before !== t; ) {
    before = t;
    t = t.replace(/^[\s,，。;；:：!！?？、~～.\-—+]+|[\s,，。;；:：!！?？、~～.\-—+]+$/g, "");
    const h = head.find((f) => t.startsWith(f));
    if (h) t = t.slice(h.length);
    const e = tail.find((f) => t.endsWith(f) && t.length > f.length);
    if (e) t = t.slice(0, -e.length);
  }
  return t;
}

/** Is the text a question rather than a statement? */
export const isQuestion = (text: string): boolean =>
  /[?？]\s*$|[吗呢么]\s*$|(什么|哪些|哪个|哪款|多少|有没有|是不是|怎么样|如何|为什么|咋)/.test(text) ||
  // 有几个客户 / 还剩几条 is a question; 见了几个领导 is not.
  /((有|是|剩|还有|一共|总共|共)几(个|条|家|位)|几(个|条|家|位)\s*[?？]?\s*$)/.test(text);

/** A literal for use inside a RegExp. */
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
