// 工单 #编号 (details and history) and 我的工单 (assigned to me, open first). A ticket outside
// the user's scope answers "not found", and the attempt is audited.
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import type { TicketWithPeople } from "./ticket-context.ts";
import { findTicketInScope, ticketsAssignedTo } from "./ticket-scope.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhTickets } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, everyonesListing, type ActionContext } from "../../actions/action.ts";

export const ticketCodeParam = z.string().trim().regex(/^#?\d{1,9}$/, "工单编号是数字，如 #12");
export const ticketCodeOf = (ref: string): number => Number(ref.replace("#", ""));
export const isTicketRef = (ref: string): boolean => /^#\d{1,9}$/.test(ref.trim());

/** The ticket a user named, or the "not found" reply (also for one outside their scope, audited). */
export async function resolveTicket(ctx: ActionContext, ref: string, intent: "read" | "write"): Promise<{ ticket: TicketWithPeople } | { reply: Reply }> {
  const ticket = await findTicketInScope(ctx.tx, ctx.actor, ticketCodeOf(ref), ctx.settings);
  if (ticket) return { ticket };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: `${intent}_denied`, entity: "ticket", detail: { ref }, at: ctx.now });
  return { reply: text(zhTickets.ticketNotFound(ref.replace("#", ""))) };
}

const who = (u: { name: string | null; wecomUserId: string } | null): string | null => (u ? zh.whoName(u.name, u.wecomUserId) : null);
const status = (s: string) => zhTickets.ticketStatus[s] ?? s;
const overdue = (t: TicketWithPeople, now: Date) => (t.status !== "resolved" && t.status !== "closed" ? t.dueAt < now : (t.resolvedAt ?? t.dueAt) > t.dueAt);

export async function ticketDetails(ctx: ActionContext, t: TicketWithPeople): Promise<string> {
  const notes = await ctx.tx.ticketNote.findMany({ where: { ticketId: t.id }, include: { author: true }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const creator = t.createdById ? await ctx.tx.user.findUnique({ where: { id: t.createdById } }) : null;
  const tz = ctx.timeZone;
  const lines = [
    zhTickets.ticketShowTitle(t.code, status(t.status), t.priority, t.type),
    ...(t.customer ? [zhTickets.ticketShowCustomer(`${t.customer.name}（客户#${t.customer.code}）`)] : []),
    zhTickets.ticketShowAssignee(who(t.assignee), t.serviceGroup),
    zhTickets.ticketShowDue(formatWhen(t.dueAt, tz), overdue(t, ctx.now)),
    zhTickets.ticketShowSource(zhTickets.ticketSources[t.source] ?? t.source, who(creator), formatWhen(t.createdAt, tz)),
    zhTickets.ticketShowProblem(t.title),
    ...(t.surveyScore !== null ? [zhTickets.ticketShowSurvey(t.surveyScore, t.surveyComment)] : []),
    zhTickets.ticketHistoryTitle,
    ...notes.map((n) =>
      zhTickets.ticketHistoryLine(
        formatWhen(n.at, tz),
        who(n.author) ?? zhTickets.ticketSystem,
        n.toStatus ? zhTickets.ticketHistoryMove(n.fromStatus ? status(n.fromStatus) : null, status(n.toStatus)) : null,
        n.content,
      ),
    ),
  ];
  return lines.join("\n");
}

export const ticketShowAction = defineAction({
  name: "ticket.show",
  command: "工单详情",
  aliases: ["ticket"],
  summary: "看一个工单的详情和全部记录（也可以发「工单 #编号」）",
  usage: "工单 #<编号>",
  example: "工单 #12",
  params: z.object({ ref: ticketCodeParam }),
  labels: { ref: "工单编号" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const found = await resolveTicket(ctx, p.ref, "read");
    if ("reply" in found) return [found.reply];
    return [text(await ticketDetails(ctx, found.ticket))];
  },
});

const LIST_LIMIT = 20;

export const ticketMineAction = defineAction({
  ...everyonesListing,
  name: "ticket.mine",
  command: "我的工单",
  aliases: ["mytickets", "tickets"],
  summary: "分配给你的工单，未完成的在前",
  usage: "我的工单",
  example: "我的工单",
  async run(ctx) {
    const { tickets, open } = await ticketsAssignedTo(ctx.tx, ctx.actor, LIST_LIMIT);
    if (tickets.length === 0) return [text(zhTickets.ticketsMineEmpty)];
    const lines = tickets.map((t) =>
      zhTickets.ticketsMineLine(t.code, status(t.status), t.priority, t.type, t.customer?.name ?? null, t.title, formatWhen(t.dueAt, ctx.timeZone), overdue(t, ctx.now)),
    );
    return [text([zhTickets.ticketsMineTitle(open), ...lines].join("\n"))];
  },
});
