// Moving a ticket through 新建 → 处理中 → 待客户确认 → 已解决 → 已关闭, and notes. Every move
// and note is a TicketNote (and audited); a move the machine does not allow is refused.
// Resolving cancels the SLA jobs and tells the customer, with the satisfaction survey;
// 处理 on an unassigned ticket makes the actor its assignee; reopening restarts the SLA jobs.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import { zh } from "../../messages/zh.ts";
import { zhTickets } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { TICKET_MOVES, TICKET_PEOPLE, withCode, type TicketContext, type TicketStatus, type TicketWithPeople } from "./ticket-context.ts";
import { cancelTicketSla, scheduleTicketSla } from "./ticket-sla.ts";

export type StatusChange = { kind: "changed"; ticket: TicketWithPeople } | { kind: "refused"; message: string };

const label = (s: string): string => zhTickets.ticketStatus[s] ?? s;

export async function changeStatus(ctx: TicketContext, actor: User, ticket: TicketWithPeople, to: TicketStatus, note?: string): Promise<StatusChange> {
  const from = ticket.status as TicketStatus;
  const allowed = TICKET_MOVES[from] ?? [];
  if (!allowed.includes(to)) {
    await audit(ctx.tx, { actorId: actor.id, action: "status_refused", entity: "ticket", entityId: ticket.id, detail: { from, to }, at: ctx.now });
    return { kind: "refused", message: zhTickets.ticketMoveRefused(ticket.code, label(from), label(to), allowed.map(label)) };
  }
  const takes = to === "in_progress" && !ticket.assigneeId;
  const reopens = from === "resolved" && to === "in_progress";
  // Only the row still in `from` moves: two people acting at once cannot both move it.
  const moved = await ctx.tx.ticket.updateMany({
    where: { id: ticket.id, status: from },
    data: {
      status: to,
      updatedAt: ctx.now,
      ...(takes ? { assigneeId: actor.id } : {}),
      ...(to === "resolved" ? { resolvedAt: ctx.now } : {}),
      ...(reopens ? { resolvedAt: null, surveySentAt: null } : {}),
      ...(to === "closed" ? { closedAt: ctx.now } : {}),
    },
  });
  if (moved.count === 0) return { kind: "refused", message: zhTickets.ticketChangedMeanwhile(ticket.code) };
  await ctx.tx.ticketNote.create({ data: { ticketId: ticket.id, authorId: actor.id, fromStatus: from, toStatus: to, content: note ?? null, at: ctx.now } });
  await audit(ctx.tx, { actorId: actor.id, action: "status", entity: "ticket", entityId: ticket.id, detail: { before: { status: from }, after: { status: to }, ...(note ? { note } : {}) }, at: ctx.now });
  let after = await ctx.tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: TICKET_PEOPLE });
  if (takes || reopens) await scheduleTicketSla(ctx.tx, after, after.assignee ?? actor, ctx.now, ctx.settings);
  if (to === "resolved" || to === "closed") await cancelTicketSla(ctx.tx, ticket.id, ctx.now);
  if (to === "resolved") after = await announceResolution(ctx, actor, after);
  return { kind: "changed", ticket: after };
}

/** The customer hears it is done and gets the survey; whoever opened the ticket and the
 * customer's owner hear it too (unless they resolved it themselves). */
async function announceResolution(ctx: TicketContext, actor: User, t: TicketWithPeople): Promise<TicketWithPeople> {
  const s = ctx.settings.service;
  const told = new Set([actor.id]);
  const creator = t.createdById ? await ctx.tx.user.findUnique({ where: { id: t.createdById } }) : null;
  for (const u of [creator, t.customer?.owner ?? null]) {
    if (!u || told.has(u.id)) continue;
    told.add(u.id);
    ctx.notify(u, text(zhTickets.ticketResolvedNotice(t.code, t.customer?.name ?? null, t.title, zh.whoName(actor.name, actor.wecomUserId))));
  }
  if (!t.identityId) return t;
  await ctx.tellCustomer(t.identityId, `${withCode(s.resolvedText, t.code)}\n${withCode(s.surveyText, t.code)}`);
  await ctx.tx.ticket.update({ where: { id: t.id }, data: { surveySentAt: ctx.now } });
  return { ...t, surveySentAt: ctx.now };
}

/** A note on the ticket without a move; the assignee hears of it when someone else writes it. */
export async function addTicketNote(ctx: TicketContext, actor: User, ticket: TicketWithPeople, content: string): Promise<void> {
  await ctx.tx.ticketNote.create({ data: { ticketId: ticket.id, authorId: actor.id, content, at: ctx.now } });
  await ctx.tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: ctx.now } });
  await audit(ctx.tx, { actorId: actor.id, action: "note", entity: "ticket", entityId: ticket.id, detail: { note: content }, at: ctx.now });
  if (ticket.assignee && ticket.assignee.id !== actor.id) ctx.notify(ticket.assignee, text(zhTickets.ticketNoteNotice(ticket.code, zh.whoName(actor.name, actor.wecomUserId), content)));
}
