// Deal talk: 预算大概50万 / 金额改成80万 / 预计月底成交 / 决策人是李总 → opportunity.update;
// 把华为推进到方案演示 / 华为进入报价阶段 → opportunity.advance; 赢单 with an amount, 输单
// with a reason. The opportunity is named by its customer (the action finds it) or #编号.
import type { ProposedAction } from "../engine.ts";
import { AMOUNT_SOURCE, amountParam, amountYuan } from "./numbers.ts";
import { cleanName, isStrong, takeName } from "./names.ts";
import { clauses, isQuestion, trimFiller } from "./text.ts";
import type { TimeSpan } from "./times.ts";
import { iso, propose, refBefore, refOf, type Utterance } from "./utterance.ts";

const FILL =
  "(?:人民币|大概|大约|大致|约|差不多|是|有|在|为|:|能到|可能|估计|应该|给到|只有|就|最多|最少|不到|不超过|控制在|将近|接近|一共|总共|报了|改成|改为|改到|调到|调整为|调整到|提到|涨到|降到|砍到|变成|定在|定为|了|\\s)*";
const MIN_YUAN = 100;

const yuanOf = (token: string | undefined) => {
  const yuan = token === undefined ? null : amountYuan(token);
  return yuan !== null && yuan >= MIN_YUAN ? amountParam(yuan) : null;
};

/** The amount after (or before) a keyword: 预算大概50万, 50万的预算, 预算从60万提到了75万 (the new one). */
function amountAfter(text: string, keyword: string): string | null {
  const moved = new RegExp(`(?:${keyword})${FILL}从\\s*(?:${AMOUNT_SOURCE})\\s*(?:提|涨|降|调|改|砍|加|减)(?:到|成|为|至)了?\\s*(${AMOUNT_SOURCE})`).exec(text);
  const after = new RegExp(`(?:${keyword})${FILL}(${AMOUNT_SOURCE})`).exec(text);
  const before = new RegExp(`(${AMOUNT_SOURCE})(?:左右)?的(?:${keyword})`).exec(text);
  return yuanOf(moved?.[1]) ?? yuanOf(after?.[1]) ?? yuanOf(before?.[1]);
}

const CLOSE_AFTER = /^\s*(前|之前|左右|以前|底)?(能|可以|就|应该能|争取)?(成交|签约|签单|签合同|下单|拿下|落地|关单|签下来|签)/;
const CLOSE_BEFORE = /(预计|估计|争取|计划|有望)(于|在)?(成交|签约|签单)?(时间|日期)?(是|在|为|于|:|改到|改成|改为|调到)?\s*$/;

/** The time a deal is expected to close (预计月底成交), if the text gives one. */
export function closeTime(u: Utterance): TimeSpan | null {
  for (const t of u.times) {
    if (!t.at) continue;
    const after = u.text.slice(t.index + t.text.length);
    const before = u.text.slice(Math.max(0, t.index - 12), t.index);
    if (/^\s*(前|之前|左右)?\s*(回款|付款|打款|到账|交付|上线|验收|开票)/.test(after)) continue;
    if (CLOSE_AFTER.test(after) || CLOSE_BEFORE.test(before)) return t;
  }
  return null;
}

/** Whose and what the decision maker is, before the name: 他们老板陈总, 董事长杨总, 对方的总经理. */
const DM_ROLE = /^(他们|她们|对方|人家|客户|他们公司|公司)?的?(大老板|老板|董事长|总经理|总裁|副总裁|副总|一把手|老大|CEO|CTO|CFO|总监)?的?/;

function decisionMakerOf(text: string): string | null {
  const named = /(决策人|拍板的人?|拍板人|最终决策人?|做决定的人?|决策者)(是|为|:)?\s*/.exec(text);
  const at = named ? named.index + named[0].length : 0;
  const role = named ? (DM_ROLE.exec(text.slice(at))?.[0] ?? "") : "";
  const who = named
    ? takeName(text, at + role.length)
    : /([\u4e00-\u9fa5]{1,3}(总|总监|经理|主任|董事长|老板))(拍板|说了算|是决策人|做决定|来拍板|最终决策)/.exec(text)?.[1];
  return who ? cleanName(who) : null;
}

const WANT = "(?:他们|对方|客户)?(?:要做|要买|要上|要采购|需要|想要|想做|想上|想买|打算做|打算上|要)";

/** 需求是…, 需求明确了：要做…, 确认了下需求，要50间客房的智能门锁: what the customer needs. */
function needsOf(text: string): string | null {
  const m =
    /需求(是|为|主要是|主要在|:)\s*([^,，。;；!！?？]{2,100})/.exec(text) ??
    new RegExp(`需求(?:也|已经|基本|终于)?(?:明确了?|确认了?|清楚了?|定了|敲定了?|确定了?|摸清了?)?\\s*[:：]\\s*(?:就是|是|主要是)?${WANT}?\\s*([^,，。;；!！?？]{2,100})`).exec(text) ??
    new RegExp(`需求(?:也|已经|基本|终于)?(?:明确了?|确认了?|清楚了?|定了|敲定了?|确定了?|摸清了?)?\\s*[,，]\\s*${WANT}\\s*([^,，。;；!！?？]{2,100})`).exec(text);
  return m ? trimFiller(m[m.length - 1]!) : null;
}

/** opportunity.update with whatever deal facts the text states (the amount is 赢单's own when it is won). */
export function updateOf(u: Utterance, ref: string | null, won = false): ProposedAction | null {
  // 预算批下来了，大概80万: what became of the budget, then its amount.
  const budget = amountAfter(u.text, "预算(?:也|已经|终于)?(?:批下来了?|批复了?|下来了?|批了|定了|确定了?|到位了?|落实了?|审批通过了?|通过了?)?\\s*[,，]?");
  const amount = won ? null : amountAfter(u.text, "金额|合同额|合同金额|成交额|总价|总金额|订单金额|这单|那单|单子|报价|报的价|价格|标的");
  // A deal won has closed: 预计下月初回款 is about the money, not the close.
  const close = won ? null : closeTime(u);
  const decisionMaker = decisionMakerOf(u.text);
  const needsAnalysis = needsOf(u.text);
  const fields = {
    ...(budget ? { budget } : {}),
    ...(amount ? { amount } : {}),
    ...(close?.at ? { expectedCloseDate: iso(u, close.at) } : {}),
    ...(decisionMaker ? { decisionMaker } : {}),
    ...(needsAnalysis ? { needsAnalysis } : {}),
  };
  return ref && Object.keys(fields).length ? propose("opportunity.update", { ref, ...fields }) : null;
}

const DEFAULT_STAGES = ["初步沟通", "需求确认", "方案演示", "报价谈判", "合同签署", "赢单", "输单"];
const STAGE_WORDS: Record<string, string> = {
  沟通: "初步沟通", 初步: "初步沟通", 需求: "需求确认", 确认需求: "需求确认", 方案: "方案演示", 演示: "方案演示", 报价: "报价谈判",
  谈判: "报价谈判", 商务谈判: "报价谈判", 合同: "合同签署", 签约: "合同签署", 签合同: "合同签署", 签署: "合同签署", 成交: "赢单",
};

const differsByOne = (a: string, b: string) => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1;

/** A default stage for what was written (报价 → 报价谈判, 方按演示 → 方案演示), or the word itself for configured ones. */
export function stageName(word: string): string {
  const w = word.replace(/^(推进到|推到|进入到|进入|到|至)/, "").replace(/(阶段|环节)$/, "");
  if (DEFAULT_STAGES.includes(w)) return w;
  const near = DEFAULT_STAGES.filter((s) => s.includes(w) || w.includes(s) || differsByOne(s, w));
  if (near.length === 1) return near[0]!;
  return STAGE_WORDS[w] ?? w;
}

const MOVE =
  /(推进到|推进至|推到|推进为|进入到|进入|进到|转到|改成|改为|改到|移到|挪到|直接跳到|跳到|跳至|直接到|直接进|到了|已经到|可以进)(了)?\s*(?:下一?个?阶段\s*[:：]\s*)?([\u4e00-\u9fa5A-Za-z]{2,8}?)(阶段|环节|了|吧|$|[,，。;；!！\s])/;
const REASON = /(理由是?|原因是?|因为|由于)\s*[:：]?\s*/;

/** The stage a move names, and where; 中兴那边需求确认了，推进一下: the stage it reached. */
function moveOf(text: string): { stage: string; index: number } | null {
  const named = /推进(一下)?\s*(#\d{1,9}|[\u4e00-\u9fa5A-Za-z]{2,8}?)\s*(到|至)\s*([\u4e00-\u9fa5A-Za-z]{2,8}?)(阶段|环节|了|吧|$|[,，。;；!！\s])/.exec(text);
  if (named) return { stage: stageName(named[4]!), index: named.index + named[0].indexOf(named[2]!) + named[2]!.length };
  const m = MOVE.exec(text);
  if (m) {
    const stage = stageName(m[3]!);
    // 推进到 takes any (configured) stage; 进入/改成/到了 only a known one or a word ending in 阶段.
    if (/^(推|直接推)/.test(m[1]!) || m[4] === "阶段" || DEFAULT_STAGES.includes(stage)) return { stage, index: m.index };
    return null;
  }
  // 安泰保险到报价阶段了 / 已走到合同环节: a stage reached, said with 阶段 (收到报价了 is not one).
  const reached2 = /(?<![收拿看聊谈发提说讲做想得办送寄传现])(?:走到|来到|到|处于|正在|在)\s*([\u4e00-\u9fa5A-Za-z]{2,8}?)(阶段|环节)/.exec(text);
  if (reached2 && !isQuestion(text) && DEFAULT_STAGES.slice(0, 5).includes(stageName(reached2[1]!))) return { stage: stageName(reached2[1]!), index: reached2.index };
  const push = /推进(一下)?/.exec(text);
  const reached = DEFAULT_STAGES.slice(0, 5).find((s) => text.includes(`${s}了`));
  return push && reached ? { stage: reached, index: text.indexOf(reached) } : null;
}

/** The amount named anywhere (for 赢单): one with a unit, or at least a thousand yuan. */
function anyAmount(text: string): string | null {
  for (const m of text.matchAll(new RegExp(AMOUNT_SOURCE, "g"))) {
    const yuan = amountYuan(m[0]);
    if (yuan !== null && (yuan >= 1000 || /[万亿wW]/.test(m[0]))) return amountParam(yuan);
  }
  return null;
}

const WON = /(赢单|赢了|签单了|签约了|签约成功|签了|签下|合同签了|拿下|成交了|中标了?)/;
const LOST = /(输单|丢单|丢了|输了|输掉了|没拿下|黄了|凉了|凉凉了?|吹了|泡汤了?|没戏了|没戏|没成|选了(竞品|别家|别人|其他家)|(?<=单)飞了|决定不(做|买|上|采购|合作)了|被.{0,6}截胡了?|选择了(竞品|别家)|跟别人签了|被.{0,8}抢走|放弃了)/;

/** Words that make an outcome a deal's. */
const DEAL_WORDS = /(单|项目|商机|合作|合同|订单|标|客户|对方|竞品|预算|价格|报价)/;

/** The reason given: after 因为/原因, else the clauses besides the one stating the outcome. */
function reasonOf(text: string, at: number, outcome: RegExp): string | null {
  const m = REASON.exec(text);
  if (m) return trimFiller(text.slice(m.index + m[0].length)) || null;
  const rest = clauses(text).filter((c) => !(at >= c.index && at < c.index + c.text.length) || c.text.replace(outcome, "").length > 6);
  return rest.length ? trimFiller(rest.map((c) => c.text).join(",")) : null;
}

/** 赢单！天宇光伏 88万: the name opening the words after an outcome said first. */
function nameAfter(u: Utterance, at: number): string | null {
  const start = /^[\s,，。!！:：~～]*/.exec(u.text.slice(at))![0].length + at;
  return start > at || at === 0 ? cleanName(takeName(u.text, start)) : null;
}

/** 推进 / 赢单 / 输单, or null. */
export function stageOf(u: Utterance): ProposedAction | null {
  const lost = LOST.exec(u.text);
  if (lost) {
    const ref = refBefore(u, lost.index) ?? nameAfter(u, lost.index + lost[0].length);
    // 饭都凉了 / 钱包丢了: only a record surely named, or a deal spoken of, is lost.
    const hit = u.names.find((h) => h.name === ref);
    if (!(hit ? hit.tier === 1 || isStrong(hit) : u.recentNames.includes(ref ?? "")) && !DEAL_WORDS.test(u.text)) return null;
    const reason = reasonOf(u.text, lost.index, LOST);
    return ref ? propose("opportunity.lost", { ref, ...(reason ? { reason } : {}) }) : null;
  }
  const won = WON.exec(u.text);
  // 月底前要把鼎新的合同签下来: a plan to sign is not a win.
  const wonClause = won ? (clauses(u.text).find((c) => won.index >= c.index && won.index < c.index + c.text.length) ?? null) : null;
  const planned = wonClause !== null && /(预计|争取|计划|打算|要把|得把|准备|希望|必须|力争|尽快|如果|等)/.test(u.text.slice(wonClause.index, won!.index));
  if (won && !planned && !/(预计|能|可以|争取|计划|打算|要|会)$/.test(u.text.slice(0, won.index))) {
    const ref = u.names.find((h) => h.index > won.index && h.index < won.index + won[0].length + 2)?.name ?? refBefore(u, won.index) ?? nameAfter(u, won.index + won[0].length);
    const amount = anyAmount(u.text);
    return ref ? propose("opportunity.won", { ref, ...(amount ? { amount } : {}) }) : null;
  }
  const move = moveOf(u.text);
  if (!move) return null;
  const ref = refBefore(u, move.index) ?? refOf(u);
  if (!ref || !cleanName(move.stage) || move.stage === "赢单" || move.stage === "输单") return null;
  const reason = REASON.exec(u.text);
  const why = reason ? trimFiller(u.text.slice(reason.index + reason[0].length)) : "";
  return propose("opportunity.advance", { ref, stage: move.stage, ...(why ? { reason: why } : {}) });
}
