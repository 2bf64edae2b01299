// The customer's answer to a sent quote: 报价 #3 接受 moves the opportunity to
// quotes.acceptStage (when that is a plain move forward; otherwise the rep is told what the
// move needs), 报价 #3 拒绝 <原因> records why. Only a sent, still valid version is answered.
import type { ActionContext } from "../../actions/action.ts";
import { audit } from "../../auth/audit.ts";
import { text, type Reply } from "../../render/reply.ts";
import { explainMove, moveStage } from "../opportunities/index.ts";
import { zhQuotes } from "./messages.ts";
import { statusOf } from "./quote-render.ts";
import type { QuoteFull } from "./quotes.ts";

export async function answerQuote(ctx: ActionContext, q: QuoteFull, accepted: boolean, reason: string, today: string): Promise<Reply[]> {
  const status = statusOf(q, today);
  if (status !== "sent") return [text(zhQuotes.notAnswerable(q.code, zhQuotes.statusNames[status] ?? status))];
  if (!accepted && !reason) return [text(zhQuotes.rejectNeedsReason(q.code))];
  await ctx.tx.quote.update({
    where: { id: q.id },
    data: { status: accepted ? "accepted" : "rejected", answeredAt: ctx.now, answerReason: reason || null, updatedAt: ctx.now },
  });
  const detail = { before: { status: "sent" }, after: { status: accepted ? "accepted" : "rejected", reason: reason || null }, version: q.version };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "update", entity: "quote", entityId: q.id, detail, at: ctx.now });
  if (!accepted) return [text(zhQuotes.rejected(q.code, q.version, reason))];
  const replies = [text(zhQuotes.accepted(q.code, q.version))];
  const target = ctx.settings.quotes.acceptStage;
  const opp = q.opportunity;
  const order = ctx.settings.opportunities.stages.map((s) => s.name);
  if (opp.closedAt || order.indexOf(opp.stage) >= order.indexOf(target)) return replies;
  const moved = await moveStage(ctx.tx, ctx.actor, opp, target, ctx.now, ctx.settings, {});
  replies.push(moved.kind === "moved" ? text(zhQuotes.acceptedMoved(opp.code, moved.from, target)) : explainMove(moved, opp.code, target, opp.stage, ctx.settings));
  return replies;
}
