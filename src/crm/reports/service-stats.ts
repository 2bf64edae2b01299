// Service numbers over a period: 满意度 (survey answers: the average, the 1–5 distribution, per
// assignee) and tickets (opened, solved, past SLA, per priority). Whose tickets: an admin all,
// a manager those assigned to their team (report scope), a rep those assigned to or opened by
// them. Chat, pictures and REST all read these.
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../auth/users.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { TICKET_PRIORITIES } from "../../config/crm/service-settings.ts";
import type { Period } from "./period.ts";
import { reportScope } from "./report-scope.ts";

export async function ticketScope(tx: Tx, actor: User): Promise<Prisma.TicketWhereInput> {
  const scope = await reportScope(tx, actor);
  if (scope.kind === "all") return {};
  if (scope.kind === "team") return { assigneeId: { in: scope.ids } };
  return { OR: [{ assigneeId: actor.id }, { createdById: actor.id }] };
}

/** Two decimals, as a number (3.6666 → 3.67); null without answers. */
const avg = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum * 100) / n) / 100);

export interface Satisfaction {
  period: Period;
  responses: number;
  average: number | null;
  /** Index 0 is score 1 … index 4 is score 5. */
  distribution: number[];
  assignees: Array<{ id: string | null; name: string | null; responses: number; average: number | null }>;
}

export async function satisfaction(tx: Tx, actor: User, period: Period): Promise<Satisfaction> {
  const rows = await tx.ticket.findMany({
    where: { AND: [await ticketScope(tx, actor), { surveyScore: { not: null }, surveyAt: { gte: period.from, lt: period.to } }] },
    select: { surveyScore: true, assignee: { select: { id: true, name: true, wecomUserId: true } } },
  });
  const distribution = [0, 0, 0, 0, 0];
  const per = new Map<string, { id: string | null; name: string | null; n: number; sum: number }>();
  let sum = 0;
  for (const r of rows) {
    const score = r.surveyScore!;
    distribution[score - 1]! += 1;
    sum += score;
    const key = r.assignee?.id ?? "";
    const a = per.get(key) ?? { id: r.assignee?.id ?? null, name: r.assignee ? (r.assignee.name ?? r.assignee.wecomUserId) : null, n: 0, sum: 0 };
    a.n += 1;
    a.sum += score;
    per.set(key, a);
  }
  const assignees = [...per.values()]
    // Most answers first; between equals the lower average (what needs a look) first.
    .sort((a, b) => b.n - a.n || a.sum / a.n - b.sum / b.n || (a.id ?? "").localeCompare(b.id ?? ""))
    .map((a) => ({ id: a.id, name: a.name, responses: a.n, average: avg(a.sum, a.n) }));
  return { period, responses: rows.length, average: avg(sum, rows.length), distribution, assignees };
}

export interface TicketCounts {
  opened: number;
  solved: number;
  pastSla: number;
}

export interface TicketStats {
  period: Period;
  total: TicketCounts;
  priorities: Array<{ priority: string } & TicketCounts>;
}

/** Opened: created in the period. Solved: resolved in it. Past SLA: the deadline fell in the
 * period (up to now) and the ticket was not resolved by then. */
export async function ticketStats(tx: Tx, actor: User, period: Period, now: Date): Promise<TicketStats> {
  const scope = await ticketScope(tx, actor);
  const range = { gte: period.from, lt: period.to };
  const slaEnd = now < period.to ? now : period.to;
  const opened = await tx.ticket.groupBy({ by: ["priority"], where: { AND: [scope, { createdAt: range }] }, _count: { _all: true } });
  const solved = await tx.ticket.groupBy({ by: ["priority"], where: { AND: [scope, { resolvedAt: range }] }, _count: { _all: true } });
  const due = await tx.ticket.findMany({ where: { AND: [scope, { dueAt: { gte: period.from, lt: slaEnd } }] }, select: { priority: true, dueAt: true, resolvedAt: true } });
  const late = due.filter((t) => t.resolvedAt === null || t.resolvedAt > t.dueAt);
  const count = (rows: Array<{ priority: string; _count: { _all: number } }>, p: string) => rows.find((r) => r.priority === p)?._count._all ?? 0;
  const priorities = TICKET_PRIORITIES.map((p) => ({ priority: p, opened: count(opened, p), solved: count(solved, p), pastSla: late.filter((t) => t.priority === p).length }));
  const total = priorities.reduce((s, p) => ({ opened: s.opened + p.opened, solved: s.solved + p.solved, pastSla: s.pastSla + p.pastSla }), { opened: 0, solved: 0, pastSla: 0 });
  return { period, total, priorities };
}
