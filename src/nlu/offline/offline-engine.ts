// The engine used without an LLM (no OPENAI_* configured, and in tests): patterns for the
// common free-text forms. A message is cut into requests (…，顺便/然后/另外…); a question
// gets the reads it asks for; a statement may hold several writes (a follow-up, the deal
// facts it mentions, a stage move, reminders). When unsure it proposes nothing — the caller
// then answers with help — and it never throws.
import type { NluEngine, ProposedAction, UnderstandingContext } from "../engine.ts";
import { isInjection } from "./guard.ts";
import { approvalOf, discountOf } from "./patterns-approval.ts";
import { CONTACT, followUpsOf } from "./patterns-followup.ts";
import { leadsOf } from "./patterns-lead.ts";
import { closeTime, stageOf, updateOf } from "./patterns-opportunity.ts";
import { queriesOf } from "./patterns-queries.ts";
import { reportsOf } from "./patterns-reports.ts";
import { quoteOf } from "./patterns-quote.ts";
import { recordChangesOf } from "./patterns-records.ts";
import { planOf, reminderChangeOf, remindersOf } from "./patterns-reminder.ts";
import { historyOf, searchesOf } from "./patterns-search.ts";
import { invoiceOf, paymentOf } from "./patterns-money.ts";
import { followerReplyOf, ticketOf } from "./patterns-service.ts";
import { stepsOf } from "./patterns-steps.ts";
import { typedCommandOf } from "./patterns-typed.ts";
import { saneRef } from "./names.ts";
import { normalize, segments } from "./text.ts";
import { part, readUtterance, refOf, type Clock, type Utterance } from "./utterance.ts";

/** Longer than any chat note: not something to guess at. */
const MAX_TEXT = 1000;

const nonNull = <T>(xs: ReadonlyArray<T | null>): T[] => xs.filter((x): x is T => x !== null);

/** Clauses that carry deal news (推进, 签了, 丢了, 申请…) rather than talk with the customer. */
const DEAL_CLAUSE = /[^,，。;；]*(推进|推到|进入|跳到|跳过|直接到|赢|签了|签约了|签约成功|丢|输|黄了|凉|没戏|申请|理由|阶段)[^,，。;；]*/g;

/** The follow-up, deal and reminder writes a statement holds. */
function writes(u: Utterance): ProposedAction[] {
  const { before, reminders } = remindersOf(u);
  const story = reminders.length ? part(u, before) : u;
  if (!story.text.trim()) return reminders;
  const lead = leadsOf(story);
  if (lead.length) return [...lead, ...reminders];
  const stage = stageOf(story);
  const discount = discountOf(story);
  const ref = stage ? String(stage.params["ref"]) : discount ? String(discount.params["ref"]) : refOf(story);
  const won = stage?.action === "opportunity.won";
  // A discount request's reason often names a budget: that is not a deal update.
  const update = discount ? null : updateOf(story, ref, won);
  const deal = [update, stage, discount].filter((a): a is ProposedAction => a !== null);
  // Deal news is a follow-up too only when the customer was talked to besides (迈瑞回消息了…，推到方案演示吧).
  const talk = deal.length ? part(story, story.text.replace(DEAL_CLAUSE, "")) : story;
  // 跟进 远洋物流 客户同意进入报价阶段: a note typed as one is a follow-up whatever news it holds.
  const typedNote = /^跟进\s*(一下|了)?\s*[:：]?\s*\S/.test(story.text);
  const news = !typedNote && (won || stage?.action === "opportunity.lost" || discount !== null || (deal.length > 0 && !CONTACT.test(talk.text)));
  const content = reminders.length ? story.text.replace(/[,，。;；\s]+$/, "") : u.original;
  const noted = typedNote ? story : talk;
  const close = closeTime(noted);
  const followUps = news ? [] : followUpsOf(close ? { ...noted, times: noted.times.filter((t) => t !== close) } : noted, content);
  const found = [...followUps, ...deal, ...reminders];
  return found.length ? found : nonNull([planOf(story)]);
}

function interpretRequest(u: Utterance): ProposedAction[] {
  const steps = stepsOf(u);
  if (steps.length) return steps;
  const reports = reportsOf(u);
  if (reports.length) return reports;
  const reads = queriesOf(u);
  if (reads.length) return reads;
  const history = historyOf(u);
  if (history) return [history];
  const found = searchesOf(u);
  if (found.length) return found;
  // A new person with a mobile (展会上加了个客户，王磊，138…) is a lead, whatever else the story says.
  if (leadsOf(u).length) return writes(u);
  const change = reminderChangeOf(u) ?? followerReplyOf(u) ?? ticketOf(u) ?? approvalOf(u) ?? quoteOf(u) ?? invoiceOf(u) ?? paymentOf(u);
  if (change) return [change];
  const records = recordChangesOf(u);
  return records.length ? records : writes(u);
}

/** Fields that name the record a proposal acts on. */
const RECORD_FIELDS = ["ref", "customer"] as const;

/** The last look at a proposal's record name (saneRef): a glued 网易李雷 becomes 网易, a fragment drops the proposal. */
function checked(a: ProposedAction, recent: readonly string[]): ProposedAction | null {
  if (a.action === "search") return a;
  let params = a.params;
  for (const key of RECORD_FIELDS) {
    const v = params[key];
    if (typeof v !== "string") continue;
    const sane = saneRef(v.trim(), recent);
    if (!sane) return null;
    if (sane !== v) params = { ...params, [key]: sane };
  }
  return params === a.params ? a : { ...a, params };
}

const refIn = (a: ProposedAction): string | null => {
  const r = a.params["ref"] ?? a.params["customer"] ?? a.params["name"];
  return typeof r === "string" && a.action !== "search" ? r : null;
};

export function interpretOffline(text: string, ctx: UnderstandingContext): ProposedAction[] {
  if (typeof text !== "string" || text.length > MAX_TEXT) return [];
  // Cut as written, so a note keeps the rep's own punctuation; matching reads each part normalised.
  const whole = text.trim();
  if (!whole || isInjection(normalize(whole))) return [];
  const clock: Clock = { now: ctx.now, timeZone: ctx.timeZone };
  const recent = ctx.recentNames ?? [];
  let carried: string | null = null;
  const out: ProposedAction[] = [];
  for (const request of segments(whole)) {
    // A command typed with names (推进 远洋物流 报价谈判): read as the grammar reads it.
    const typed = typedCommandOf(request, clock);
    const read: ProposedAction[] = typed ? [typed] : interpretRequest(readUtterance(request, clock, recent, carried));
    const found: ProposedAction[] = nonNull(read.map((a) => checked(a, recent)));
    out.push(...found);
    // 恒瑞那单先推到需求确认，然后申请9折: a later request without a name means the same record.
    carried = found.map(refIn).find((r) => r !== null) ?? carried;
  }
  return out;
}

export const offlineEngine: NluEngine = {
  name: "offline",
  async interpret(text, ctx) {
    try {
      return interpretOffline(text, ctx);
    } catch {
      // A pattern bug must not lose the message: no proposal means the user gets help.
      return [];
    }
  },
};
