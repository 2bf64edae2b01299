// Steps on records named by number: 工单12我开始处理了 → ticket.start, #15 那个工单已经解决了，客户重启
// 路由器就好了 → ticket.resolve with its note, 工单8可以关了 → ticket.close; and several steps in one
// request, one per clause: 完成提醒2，取消提醒4 → reminder.done and reminder.cancel.
import type { ProposedAction } from "../engine.ts";
import { queriesOf } from "./patterns-queries.ts";
import { historyOf, searchesOf } from "./patterns-search.ts";
import { reminderChangeOf } from "./patterns-reminder.ts";
import { clauses, isQuestion, trimFiller } from "./text.ts";
import { part, propose, type Utterance } from "./utterance.ts";

/** A ticket named by its number: 工单12, 工单#12, #12 那个工单, 12号工单. */
const TICKET_CODE = /工单\s*(#?)\s*(\d{1,9})(?!\d)|(#)\s*(\d{1,9})\s*(?:号)?\s*(?:那个|这个|那张|这张|的)?\s*工单|(?<![#\d])(\d{1,9})\s*号\s*工单/;

/** What was done to it, the most finished first. */
const TICKET_STEPS: ReadonlyArray<[RegExp, string]> = [
  [/(已经?解决|解决了|解决掉了|修好了|搞定了|处理好了|处理完了|弄好了|恢复了|恢复正常|好了(?![吗没]))/, "ticket.resolve"],
  [/(关闭|关掉|关了|可以关|结单|关单)/, "ticket.close"],
  [/(等客户确认|待客户确认|待确认|等客户回复|等对方确认|等客户反馈)/, "ticket.wait"],
  [/(开始处理|开始弄|开始修|开始跟|在处理|处理中|正在处理|接手|接了|我来处理|我来跟|着手处理|去处理)/, "ticket.start"],
];

/** Words around the number that are not the note. */
const NOT_NOTE = /^(那个|这个|那张|这张|的|我|已经|已|了|吧|啦)+$/;

/** ticket.start / resolve / close / wait of a ticket named by number, or null. */
function ticketStepOf(u: Utterance): ProposedAction | null {
  const m = TICKET_CODE.exec(u.original) ?? TICKET_CODE.exec(u.text);
  if (!m || /(提醒我|记得|别忘)/.test(u.text)) return null;
  const hash = m[1] ?? m[3] ?? "";
  const ref = `${hash}${m[2] ?? m[4] ?? m[5]}`;
  // 工单5处理好了吗 / #12 工单现在什么情况: asking after it is looking at it.
  if (isQuestion(u.text) || /(进度|状态|情况|到哪了)/.test(u.text)) return propose("ticket.show", { ref });
  const src = m.input;
  // 工单#8 备注：客户要求周五前上门: a note on it.
  const noted = /(?:备注|记一笔|补充)(?:一下)?\s*[:：]\s*(.+)$/.exec(src);
  if (noted) return propose("ticket.note", { ref, note: noted[1]!.trim() });
  const step = TICKET_STEPS.find(([re]) => re.test(src));
  // 看看工单5 / 工单 #5: looking at it.
  if (!step) return /^(看看|看下|看一下|查看|查一下|查下|打开)?\s*(工单\s*#?\s*\d{1,9}|#\d{1,9}\s*(号)?工单)\s*(的)?(详情|情况)?$/.test(src.trim()) ? propose("ticket.show", { ref }) : null;
  // The note: the other clauses (客户重启路由器就好了), as written.
  const at = m.index;
  const note = clauses(src)
    .filter((c) => !(at >= c.index && at < c.index + c.text.length))
    .map((c) => trimFiller(c.text, [], ["了"]))
    .filter((c) => !NOT_NOTE.test(c.replace(step[0], "")) && c.replace(step[0], "") !== "")
    .filter((c) => c && !NOT_NOTE.test(c))
    .join("，");
  return propose(step[1], { ref, ...(note ? { note } : {}) });
}

/** One step per clause when every clause is one, or a read (完成提醒2，取消提醒4，再看看我的提醒还剩啥). */
function eachClause(u: Utterance): ProposedAction[] {
  const parts = clauses(u.text);
  if (parts.length < 2) return [];
  const found = parts.map((c): ProposedAction[] | null => {
    const p = part(u, c.text);
    const step = /提醒/.test(c.text) && /\d/.test(c.text) ? reminderChangeOf(p) : /工单|#\d/.test(c.text) ? ticketStepOf({ ...p, original: c.text }) : null;
    if (step) return [step];
    const p2 = part(u, c.text.replace(/^(再|然后|顺便|另外|还有)/, ""));
    const reads = queriesOf(p2);
    if (reads.length) return reads;
    const history = historyOf(p2);
    if (history) return [history];
    const found = searchesOf(p2);
    return found.length ? found : null;
  });
  // A step or a read in every clause (完成提醒2，取消提醒4… / 查一下星桥物流，再看看我的工单).
  if (!found.every((f) => f !== null)) return [];
  const all = found.flatMap((f) => f ?? []);
  const seen = new Set<string>();
  return all.filter((a) => {
    const key = JSON.stringify(a);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The steps a request takes on numbered records, or none. */
export function stepsOf(u: Utterance): ProposedAction[] {
  const each = eachClause(u);
  if (each.length) return each;
  const ticket = ticketStepOf(u);
  return ticket ? [ticket] : [];
}
