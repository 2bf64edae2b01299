// The satisfaction survey sent on resolution: the customer's next message, when it reads as
// a score (5, 5 很满意, 五分, 4分 还行), is stored on the ticket and closes it.
import { audit } from "../../auth/audit.ts";
import { zhTickets } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { withCode, type TicketContext } from "./ticket-context.ts";

export interface SurveyAnswer {
  score: number;
  comment: string | null;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

// A score 1–5 (not part of a longer number), an optional 分 / 星 (not 分钟), then the comment.
const ANSWER = /^(?:评分|打分|评价)?[:：\s]*([1-5]|[一二两三四五])(?![0-9.])\s*(分(?!钟)|星)?[\s,，.。!！:：、~～-]*([\s\S]*)$/;

/** The score and comment in a customer's reply, or null when it is not an answer. */
export function parseSurveyAnswer(input: string): SurveyAnswer | null {
  const m = ANSWER.exec(input.normalize("NFKC").trim());
  if (!m) return null;
  const digit = m[1]!;
  const unit = m[2];
  const comment = (m[3] ?? "").trim().slice(0, 500);
  // 一直不能用, 两个问题: a Chinese numeral is a score only with 分 / 星 or on its own.
  if (DIGITS[digit] !== undefined && !unit && comment) return null;
  // 3天后再说, 5个人: a number that counts something else is not a score.
  if (!unit && /^[个天号点月年人次台件元块万千百十小周楼层]/.test(comment)) return null;
  return { score: DIGITS[digit] ?? Number(digit), comment: comment || null };
}

/** Stores the answer to the survey waiting on this identity's latest resolved ticket and
 * closes it; the thank-you text, or null when no survey waits or the text is no answer. */
export async function answerSurvey(ctx: TicketContext, identityId: string, input: string): Promise<string | null> {
  const ticket = await ctx.tx.ticket.findFirst({
    where: { identityId, status: "resolved", surveySentAt: { not: null }, surveyAt: null },
    orderBy: { surveySentAt: "desc" },
    include: { assignee: true },
  });
  if (!ticket) return null;
  const answer = parseSurveyAnswer(input);
  if (!answer) return null;
  const stored = await ctx.tx.ticket.updateMany({
    where: { id: ticket.id, status: "resolved", surveyAt: null },
    data: { surveyScore: answer.score, surveyComment: answer.comment, surveyAt: ctx.now, status: "closed", closedAt: ctx.now, updatedAt: ctx.now },
  });
  if (stored.count === 0) return null;
  const note = zhTickets.ticketSurveyNote(answer.score, answer.comment);
  await ctx.tx.ticketNote.create({ data: { ticketId: ticket.id, authorId: null, fromStatus: "resolved", toStatus: "closed", content: note, at: ctx.now } });
  await audit(ctx.tx, { actorId: null, action: "survey", entity: "ticket", entityId: ticket.id, detail: { score: answer.score, comment: answer.comment }, at: ctx.now });
  if (ticket.assignee) ctx.notify(ticket.assignee, text(zhTickets.ticketSurveyNotice(ticket.code, answer.score, answer.comment)));
  return withCode(ctx.settings.service.thanksText, ticket.code);
}
