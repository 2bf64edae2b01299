// Ticket SLA: the assignee gets a reminder card before the deadline; at the deadline the
// group's (or the assignee's) manager is told, urgently, and the assignee hears it went up.
import { z } from "zod";
import { ticketCard } from "./ticket-card.ts";
import { escalationTargets, TICKET_SLA_BREACH_JOB, TICKET_SLA_REMIND_JOB, ticketStillDue } from "./ticket-sla.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhTickets } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind, type JobMessage } from "../../scheduler/job-kind.ts";

const payload = z.object({ ticketId: z.uuid(), assigneeId: z.uuid() });

export const ticketSlaRemindJob = defineJobKind({
  kind: TICKET_SLA_REMIND_JOB,
  payload,
  quiet: "defer",
  async run(ctx, p) {
    const t = await ticketStillDue(ctx.tx, p.ticketId, p.assigneeId);
    if (!t) return [];
    const due = formatWhen(t.dueAt, ctx.timeZone);
    return [{ userId: p.assigneeId, line: zhTickets.ticketRemindLine(t.code, t.title, due), reply: ticketCard(t, `tkt-${t.code}-r${ctx.job.id}`, zhTickets.ticketRemindDesc(due), ctx.timeZone) }];
  },
});

export const ticketSlaBreachJob = defineJobKind({
  kind: TICKET_SLA_BREACH_JOB,
  payload,
  quiet: "defer",
  async run(ctx, p) {
    const t = await ticketStillDue(ctx.tx, p.ticketId, p.assigneeId);
    if (!t) return [];
    // The ticket's own SLA (the config may have changed since it was opened).
    const hours = Math.round((t.dueAt.getTime() - t.createdAt.getTime()) / 3_600_000);
    const assignee = zh.whoName(t.assignee!.name, t.assignee!.wecomUserId);
    const status = zhTickets.ticketStatus[t.status] ?? t.status;
    const up = zhTickets.ticketBreachEscalation(t.code, t.priority, t.type, t.customer?.name ?? null, t.title, assignee, hours, status);
    const managers = (await escalationTargets(ctx.tx, t, ctx.settings)).filter((m) => m.id !== p.assigneeId);
    const mine = zhTickets.ticketBreachAssignee(t.code, hours);
    const messages: JobMessage[] = managers.map((m) => ({ userId: m.id, line: up, reply: text(up) }));
    return [...messages, { userId: p.assigneeId, line: mine, reply: text(mine) }];
  },
});
