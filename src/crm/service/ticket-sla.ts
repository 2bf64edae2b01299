// A ticket's SLA: resolution due slaHours[priority] after creation. Two jobs, scheduled with
// the assignment: a reminder to the assignee when remindAtPercent of the time has passed,
// and at the deadline the escalation (urgent) to the group's manager or the assignee's.
// Both are cancelled when the ticket is resolved or closed, and check it when they run.
import { activeAdmins } from "../../auth/admins.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import { scheduleJobs, type NewJob } from "../../scheduler/jobs.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { TicketPriority } from "../../config/crm/service-settings.ts";
import { isOpenTicket, TICKET_PEOPLE, type Ticket, type TicketWithPeople } from "./ticket-context.ts";

export const TICKET_SLA_REMIND_JOB = "ticket_sla_remind";
export const TICKET_SLA_BREACH_JOB = "ticket_sla_breach";
const KINDS = [TICKET_SLA_REMIND_JOB, TICKET_SLA_BREACH_JOB];

const HOUR = 3_600_000;

export const slaDueAt = (createdAt: Date, priority: TicketPriority, settings: CrmSettings): Date =>
  new Date(createdAt.getTime() + settings.service.slaHours[priority] * HOUR);

/** Schedules what is still ahead of `now` for the ticket's assignee (at creation, on assignment, on reopening). */
export function scheduleTicketSla(tx: Tx, ticket: Ticket, assignee: User, now: Date, settings: CrmSettings): Promise<number> {
  const span = ticket.dueAt.getTime() - ticket.createdAt.getTime();
  const remindAt = new Date(ticket.createdAt.getTime() + Math.round((span * settings.service.remindAtPercent) / 100));
  const payload = { ticketId: ticket.id, assigneeId: assignee.id };
  // The scheduling time in the key: after a reopening the jobs are new, not the cancelled ones.
  const key = (kind: string) => `${kind}:${ticket.id}:${now.getTime()}`;
  const jobs: NewJob[] = [];
  if (remindAt > now) {
    jobs.push({ kind: TICKET_SLA_REMIND_JOB, dueAt: remindAt, uniqueKey: key(TICKET_SLA_REMIND_JOB), recipientId: assignee.id, urgent: ticket.priority === "P1", payload });
  }
  if (ticket.dueAt > now) jobs.push({ kind: TICKET_SLA_BREACH_JOB, dueAt: ticket.dueAt, uniqueKey: key(TICKET_SLA_BREACH_JOB), urgent: true, payload });
  return scheduleJobs(tx, jobs, now);
}

/** Cancels the ticket's pending SLA jobs. */
export async function cancelTicketSla(tx: Tx, ticketId: string, now: Date): Promise<number> {
  const r = await tx.job.updateMany({
    where: { status: "pending", kind: { in: KINDS }, OR: KINDS.map((k) => ({ uniqueKey: { startsWith: `${k}:${ticketId}:` } })) },
    data: { status: "cancelled", finishedAt: now },
  });
  return r.count;
}

/** The ticket, if it is still open and still with this assignee (else the job has nothing to say). */
export async function ticketStillDue(tx: Tx, ticketId: string, assigneeId: string): Promise<TicketWithPeople | null> {
  const t = await tx.ticket.findUnique({ where: { id: ticketId }, include: TICKET_PEOPLE });
  return t && isOpenTicket(t) && t.assigneeId === assigneeId ? t : null;
}

/** Who hears of a breach: the group's manager from the config, else the assignee's manager, else the admins. */
export async function escalationTargets(tx: Tx, ticket: TicketWithPeople, settings: CrmSettings): Promise<User[]> {
  const configured = ticket.serviceGroup ? settings.service.groups[ticket.serviceGroup]?.manager : undefined;
  if (configured) {
    await tx.user.createMany({ data: [{ wecomUserId: configured }], skipDuplicates: true });
    const m = await tx.user.findFirst({ where: { wecomUserId: configured, active: true } });
    if (m) return [m];
  }
  const managerId = ticket.assignee?.managerId;
  const manager = managerId ? await tx.user.findFirst({ where: { id: managerId, active: true } }) : null;
  return manager ? [manager] : activeAdmins(tx);
}
