// Opening a ticket (from a customer's keyword, a rep's 工单 or the API): type and priority
// from the input, else the text's keyword, else the defaults; routed to a service group (or
// the customer's owner), the SLA scheduled, the assignee sent a card, the customer told.
import { activeAdmins } from "../../auth/admins.ts";
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import { zhTickets } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { pickTicketAssignee } from "./ticket-assignment.ts";
import { ticketCard } from "./ticket-card.ts";
import { TICKET_PEOPLE, withCode, type NewTicket, type TicketContext, type TicketWithPeople } from "./ticket-context.ts";
import { ticketKeywordOf } from "./ticket-keywords.ts";
import { scheduleTicketSla, slaDueAt } from "./ticket-sla.ts";

export const MAX_TICKET_TITLE = 500;

/** The customer and the owner who stands behind the ticket (the customer's, else the lead's). */
async function whoseCustomer(ctx: TicketContext, input: NewTicket): Promise<{ customerId: string | null; owner: User | null }> {
  const identity = input.identityId
    ? await ctx.tx.channelIdentity.findUnique({ where: { id: input.identityId }, include: { contact: true, lead: { include: { owner: true } } } })
    : null;
  if (input.identityId && !identity) throw new Error(`no channel identity ${input.identityId}`);
  const customerId = input.customerId ?? identity?.contact?.customerId ?? null;
  const customer = customerId ? await ctx.tx.customer.findUnique({ where: { id: customerId }, include: { owner: true } }) : null;
  if (customerId && !customer) throw new Error(`no customer ${customerId}`);
  return { customerId, owner: customer?.owner ?? identity?.lead?.owner ?? null };
}

export async function openTicket(ctx: TicketContext, input: NewTicket): Promise<TicketWithPeople> {
  const s = ctx.settings.service;
  const keyword = ticketKeywordOf(input.title, ctx.settings);
  const type = input.type ?? keyword?.type ?? s.defaultType;
  if (!s.types.includes(type)) throw new Error(`unknown ticket type ${type}`);
  const priority = input.priority ?? keyword?.priority ?? s.defaultPriority;
  const { customerId, owner } = await whoseCustomer(ctx, input);
  const assignment = await pickTicketAssignee(ctx.tx, ctx.settings, type, owner);
  const created = await ctx.tx.ticket.create({
    data: {
      customerId,
      identityId: input.identityId ?? null,
      title: input.title.trim().slice(0, MAX_TICKET_TITLE),
      type,
      priority,
      serviceGroup: assignment?.group ?? null,
      assigneeId: assignment?.assignee.id ?? null,
      createdById: input.createdBy?.id ?? null,
      source: input.source,
      dueAt: slaDueAt(ctx.now, priority, ctx.settings),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
  });
  const ticket = await ctx.tx.ticket.findUniqueOrThrow({ where: { id: created.id }, include: TICKET_PEOPLE });
  await ctx.tx.ticketNote.create({ data: { ticketId: ticket.id, authorId: input.createdBy?.id ?? null, toStatus: "new", content: zhTickets.ticketOpenedNote(zhTickets.ticketSources[input.source] ?? input.source), at: ctx.now } });
  await audit(ctx.tx, {
    actorId: input.createdBy?.id ?? null,
    action: "create",
    entity: "ticket",
    entityId: ticket.id,
    detail: { code: ticket.code, type, priority, source: input.source, assignee: assignment?.assignee.wecomUserId ?? null, group: assignment?.group ?? null },
    at: ctx.now,
  });
  if (assignment) {
    await scheduleTicketSla(ctx.tx, ticket, assignment.assignee, ctx.now, ctx.settings);
    if (assignment.assignee.id !== input.createdBy?.id) ctx.notify(assignment.assignee, ticketCard(ticket, `tkt-${ticket.code}-new`, zhTickets.ticketNewCardDesc, ctx.timeZone));
  } else {
    for (const admin of await activeAdmins(ctx.tx)) ctx.notify(admin, text(zhTickets.ticketUnassignable(ticket.code, ticket.type, ticket.customer?.name ?? null, ticket.title)));
  }
  if (ticket.identityId) await ctx.tellCustomer(ticket.identityId, withCode(s.ackText, ticket.code));
  return ticket;
}
