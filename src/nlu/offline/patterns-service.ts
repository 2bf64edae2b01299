// Service requests and answers to followers: 给华为开个工单，打印机卡纸 → ticket.create;
// 回复农夫山泉：样品已寄出 → follower.reply. Without these, both read like follow-up notes.
import type { ProposedAction } from "../engine.ts";
import { cleanName, takeName } from "./names.ts";
import { clauses, trimFiller } from "./text.ts";
import { propose, refBefore, refOf, type Utterance } from "./utterance.ts";

const TICKET = /(开|建|提|报|起)(个|一个|一张)?(服务|售后|维修)?工单/;
const PRIORITY = /\b(P[123])\b|(紧急|加急|很急)/i;
const REPLY = /^(?:帮我)?(?:回复一下|回复|回一下|回个消息给|回消息给|答复)\s*(.{2,12}?)\s*[:：，,]\s*(?:说)?(.+)$/;

/** 给华为开个工单 / 华为那边设备坏了，帮我开个售后工单 */
const FOR_CUSTOMER = /(?:给|为)(.{2,12}?)(?:那边|这边|的)?(?:开|建|提|报|起)(?:个|一个|一张)?(?:服务|售后|维修)?工单/;
/** Clauses that only say how urgent it is. */
const URGENCY_ONLY = /^(比较|很|非常|特别)?(急|紧急|加急|着急)(的|了)?$|^P[123]$/i;

/** 给华为开个工单，打印机卡纸（P1）: the customer, the problem (the other clauses), the priority. */
export function ticketOf(u: Utterance): ProposedAction | null {
  const m = TICKET.exec(u.text);
  if (!m) return null;
  const direct = FOR_CUSTOMER.exec(u.text);
  const customer = (direct ? (cleanName(takeName(direct[1]!, 0)) ?? cleanName(direct[1]!)) : null) ?? refBefore(u, m.index) ?? refOf(u);
  if (!customer) return null;
  const problem = clauses(u.text)
    .map((c) => trimFiller(c.text.replace(/^(帮我|请|麻烦)/, ""), [], ["吧", "。"]))
    .filter((c) => c && !TICKET.test(c) && !URGENCY_ONLY.test(c))
    .map((c) => c.replace(new RegExp(`^${customer}(那边|这边|的)?`), ""))
    .join("，");
  const p = PRIORITY.exec(u.text);
  const priority = p ? (p[1] ? p[1].toUpperCase() : "P1") : undefined;
  return propose("ticket.create", { customer, ...(problem ? { title: problem } : {}), ...(priority ? { priority } : {}) });
}

/** 回复农夫山泉：样品已经寄出 */
export function followerReplyOf(u: Utterance): ProposedAction | null {
  const m = REPLY.exec(u.text.trim());
  if (!m) return null;
  const ref = cleanName(takeName(m[1]!, 0)) ?? cleanName(m[1]!);
  // The rep's own punctuation: the same span of the text as written.
  const content = u.original.trim().slice(u.text.trim().length - m[2]!.length).trim();
  return ref && content ? propose("follower.reply", { ref, content }) : null;
}
