// Who may see and work a ticket: its assignee, the customer's owner, their managers (the
// ones they report to, and managers of their team), the group's configured manager, admins.
import { canSee } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { OPEN_TICKET_STATUSES, TICKET_PEOPLE, type TicketWithPeople } from "./ticket-context.ts";

export function canSeeTicket(actor: User, t: TicketWithPeople, settings: CrmSettings): boolean {
  if (actor.role === "admin" || t.assigneeId === actor.id) return true;
  const owner = t.customer?.owner ?? null;
  // Whoever hears of an SLA breach can look at the ticket, whatever their role.
  if (t.assignee?.managerId === actor.id || owner?.managerId === actor.id) return true;
  if (t.serviceGroup && settings.service.groups[t.serviceGroup]?.manager === actor.wecomUserId) return true;
  return canSee(actor, t.assignee) || canSee(actor, owner);
}

/** The ticket by its number, if the actor may see it. */
export async function findTicketInScope(tx: Tx, actor: User, code: number, settings: CrmSettings): Promise<TicketWithPeople | null> {
  const t = await tx.ticket.findUnique({ where: { code }, include: TICKET_PEOPLE });
  return t && canSeeTicket(actor, t, settings) ? t : null;
}

/** Tickets assigned to the user: open ones first (soonest due first), then the latest done. */
export async function ticketsAssignedTo(tx: Tx, user: User, limit: number): Promise<{ tickets: TicketWithPeople[]; open: number }> {
  const open = { assigneeId: user.id, status: { in: [...OPEN_TICKET_STATUSES] } };
  // One after the other: a transaction's queries share one connection.
  const openTickets = await tx.ticket.findMany({ where: open, include: TICKET_PEOPLE, orderBy: [{ dueAt: "asc" }, { code: "asc" }], take: limit });
  const openCount = await tx.ticket.count({ where: open });
  const room = limit - openTickets.length;
  const done =
    room > 0
      ? await tx.ticket.findMany({ where: { assigneeId: user.id, status: { notIn: [...OPEN_TICKET_STATUSES] } }, include: TICKET_PEOPLE, orderBy: { updatedAt: "desc" }, take: Math.min(room, 5) })
      : [];
  return { tickets: [...openTickets, ...done], open: openCount };
}
