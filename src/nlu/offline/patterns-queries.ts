// Questions that read: help, what to do today, my reminders / leads / opportunities /
// customers (several in one question), approvals waiting or one approval, the pool, exports.
import type { ProposedAction } from "../engine.ts";
import { commandWords } from "./commands.ts";
import { paymentsAskedOf } from "./patterns-money.ts";
import { isQuestion } from "./text.ts";
import { propose, type Utterance } from "./utterance.ts";

const HELP = /^(帮助|help|菜单|使用说明|说明书|怎么用|如何使用|你能(帮我)?(做|干)(些)?(什么|啥|嘛)|你会(做)?(什么|啥)|有(哪些|什么|啥)功能|能(做|干)(什么|啥|嘛))[?？吗呢啊!！]*$/i;
const HOW_TO = /^(怎么|如何|怎样)(用|使用)?\s*([\u4e00-\u9fa5A-Za-z]{1,8}?)[?？吗呢啊]*$/;

function helpOf(text: string): ProposedAction | null {
  if (HELP.test(text)) return propose("help", {});
  const how = HOW_TO.exec(text);
  const word = how?.[3];
  return word && commandWords().includes(word) ? propose("help", { command: word }) : null;
}

const AGENDA = [
  /(?:^|[,，。!！;；~\s])(请问|帮我看看|帮我看下|看看|看下|查下|查一下|那)?(我)?(今天|今日|今儿|明天|这周|本周)(我)?(都)?(的|有|该|要|应该|需要|得)?(什么|啥|哪些|些)?(事)?(要|该|需要)?(做|干|忙|处理|安排|待办|任务|日程|跟进|办|联系)/,
  /^(看看|看下|看一下|查看|列出|列一下)?(我的|我)?(今天的?|今日)?(待办|代办|今日待办|日程|任务)(事项|清单|列表)?(有哪些|有什么|有啥)?[?？吗呢]*$/,
  // 这周还有哪些事没办 / 还有什么事没做 / 手上还有啥活要干
  /(还有|还剩|有)(哪些|什么|啥|多少|几件)(事|事情|活|活儿|任务|待办)(没|要|该|待|需要|得)(办|做|处理|干|跟|完成|联系)/,
  /(还有|还剩)(哪些|什么|啥|多少|几个)(客户)?(没|要|该|待|需要|得)(跟进|联系|回访|处理)/,
  /\b(agenda|to-?dos?|tasks?|schedule|to\s+do\s+list)\b/i,
  /^what\s+(do|should|have|must)\s+i\b.*(今天|明天|this\s+week|本周|这周)/i,
];
/** English asks for the agenda that are not questions about something else: my tasks, what's on my agenda. */
const AGENDA_ENGLISH = /^(what'?s|what\s+is|what\s+do|what\s+should|show|list|see|check|view|open|my|today'?s)\b|(\bmy|\btoday'?s?|今天(?:'s)?)\s+(agenda|to-?dos?|tasks?|schedule)\b/i;

/** A listing frame (我的…, 我手上…, 进行中的…) and a way of asking for it. */
const MINE = /(我的|我手上|我手头|我在跟|我正在跟|我目前|我手里|我名下|我负责|我现在|我跟着|我跟的|进行中的|我最近的|我还有|我设置过|我有|我都有|我现在有|\bmy\b)/i;
const ASK = /(有哪些|哪些|多少|几个|几条|啥|什么|列|看|发我|给我|来着|都|怎么样|列表|清单|[?？]|^我(的|手头的?|手上的?|名下的?)\S{2,8}$|\b(show|list|see|check|view|what)\b)/i;
const KINDS: ReadonlyArray<[RegExp, string]> = [
  [/提醒|\breminders?\b/i, "reminder.list"],
  [/线索|\bleads?\b/i, "lead.mine"],
  [/商机|单子|pipeline|\bdeals?\b|\bopportunit(y|ies)\b/i, "opportunity.mine"],
  [/客户|\bcustomers?\b|\bclients?\b/i, "customer.mine"],
  [/工单|\btickets?\b/i, "ticket.mine"],
  [/合同|\bcontracts?\b/i, "contract.mine"],
];

/** 商机列表 / 看看线索清单: a listing without 我的. */
const BARE_LIST = /^(看看|看下|看一下|列出|列一下|打开|查看)?(线索|商机|客户|提醒)(列表|清单)(发我|给我|发一下|看看)?[?？吗呢]*$|^(最近)?(有)?(哪些|什么|几条|几个|多少)新的?(线索|商机|客户)[?？吗呢]*$/;

function listingsOf(text: string): ProposedAction[] {
  const bare = BARE_LIST.exec(text);
  if (bare) return KINDS.filter(([re]) => re.test(bare[2] ?? bare[8]!)).map(([, action]) => propose(action, {}));
  if (!MINE.test(text) || !ASK.test(text) || /(导出|下载|导一|新建|加个|录|建个|#\d|\d{5,}|提醒我)/.test(text)) return [];
  const found = KINDS.map(([re, action]) => ({ action, at: text.search(re) })).filter((k) => k.at >= 0);
  return found.sort((a, b) => a.at - b.at).map((k) => propose(k.action, {}));
}

const EXPORT_KINDS: ReadonlyArray<[RegExp, string]> = [
  [/线索/, "线索"],
  [/客户/, "客户"],
  [/商机|单子/, "商机"],
  [/合同/, "合同"],
  [/回款/, "回款"],
  [/发票/, "发票"],
];

/** 导出我的线索和客户: one export per kind named, in the order named. */
function exportsOf(text: string): ProposedAction[] {
  if (!/(导出|导一份|导一下|导个|下载)/.test(text) || /(导入|import)/i.test(text)) return [];
  return EXPORT_KINDS.map(([re, kind]) => ({ kind, at: text.search(re) }))
    .filter((k) => k.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((k) => propose("data.export", { kind: k.kind }));
}

function approvalsOf(text: string): ProposedAction | null {
  if (/待我审批|(有|哪些|什么|谁).{0,4}(要|需要|等|找|让)我?(审批|批|审)|我的待审批|我(还)?有(几个|几条|多少|哪些)?待(我)?审批/.test(text) && (isQuestion(text) || /待我审批|我的待审批|我(还)?有(几个|几条|多少|哪些)?待(我)?审批/.test(text))) return propose("approval.mine", {});
  const ref =
    /审批\s*#?(\d{1,9}).{0,6}(走到哪|进度|状态|到哪|怎么样|情况|详情)/.exec(text)?.[1] ?? /(看|查)(下|看|一下)?审批\s*#?(\d{1,9})/.exec(text)?.[3];
  return ref ? propose("approval.show", { ref }) : null;
}

function poolListOf(text: string): ProposedAction | null {
  if (!/^(看看|看一下|查看|列出|打开)?公海(里|上)?(有)?(哪些|什么|啥)?(客户)?(列表)?(第\s*\d+\s*页)?[?？吗呢]*$/.test(text)) return null;
  const page = /第\s*(\d{1,6})\s*页/.exec(text)?.[1];
  return propose("pool.list", page ? { page } : {});
}

const AUDIT = /(审计|操作记录|操作日志|修改记录|改动记录|变更记录|修改历史|被谁改|谁改过|谁改了|谁动过)/;

/** 商机#27的审计记录 / 线索#8都被谁改过 / 审计 刘洋: audit.trail of a lead or an opportunity. */
function auditOf(text: string): ProposedAction | null {
  const m = AUDIT.exec(text);
  if (!m) return null;
  const opp = /商机\s*#?\s*(\d{1,9})/.exec(text)?.[1];
  if (opp) return propose("audit.trail", { ref: `商机#${opp}` });
  const lead = /(?:线索)?\s*#\s*(\d{1,9})|线索\s*(\d{1,9})/.exec(text);
  if (lead) return propose("audit.trail", { ref: `#${lead[1] ?? lead[2]}` });
  const named = /^审计(?:一下)?\s*(?:线索)?\s*([\u4e00-\u9fa5]{2,4}|[A-Za-z][A-Za-z ]{1,20})$/.exec(text.trim()) ?? /线索\s*([\u4e00-\u9fa5]{2,4}?)的?(?:审计|操作|修改|改动|变更)/.exec(text);
  return named ? propose("audit.trail", { ref: named[1]!.trim() }) : null;
}

/** The reads a request asks for (several when it lists several), or none. */
export function queriesOf(u: Utterance): ProposedAction[] {
  const t = u.text;
  // 还有几个工单没处理完: the rep's own open tickets.
  if (/(还有|还剩)(几个|哪些|多少|什么)工单(没|要|待|需要)/.test(t)) return [propose("ticket.mine", {})];
  const one = helpOf(t) ?? approvalsOf(t) ?? poolListOf(t) ?? auditOf(t) ?? paymentsAskedOf(u);
  if (one) return [one];
  const exports = exportsOf(t);
  if (exports.length) return exports;
  // my tasks / what are my tasks, not "my tasks are too many lol".
  const english = AGENDA_ENGLISH.test(t) && (t.split(/\s+/).length <= 4 || /^(what|show|list|see|check|view|open)\b|[?？]$/i.test(t));
  const agenda = AGENDA.some((re) => re.test(t)) && (!/[a-z]{3}/i.test(t) || english);
  if (agenda && !/(提醒我|记得|去了|拜访|聊了|好无聊|无聊|玩|吃)/.test(t)) return [propose("agenda.today", {})];
  return listingsOf(t);
}
