// Who gets a new ticket: the first service group that takes its type, round-robin among its
// active members, passing over those at the load cap (everyone full: the least loaded).
// No group for the type, or nobody active in it: the customer's owner.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { OPEN_TICKET_STATUSES } from "./ticket-context.ts";

export interface TicketAssignment {
  assignee: User;
  /** The service group it was routed to; null when it went to the customer's owner. */
  group: string | null;
}

/** The group that takes this type: the first listing it, in file order. */
function groupForType(settings: CrmSettings, type: string): string | null {
  return Object.entries(settings.service.groups).find(([, g]) => g.types.includes(type))?.[0] ?? null;
}

/** The group's active members in turn order: who got one of its tickets longest ago (or never)
 * first, then as listed. Locks their rows so two tickets at once cannot take the same turn. */
async function membersInTurn(tx: Tx, settings: CrmSettings, group: string): Promise<User[]> {
  const ids = settings.service.groups[group]?.members ?? [];
  if (ids.length === 0) return [];
  // Staff named in the config may not have written to the bot yet.
  await tx.user.createMany({ data: ids.map((wecomUserId) => ({ wecomUserId })), skipDuplicates: true });
  const users = await tx.user.findMany({ where: { wecomUserId: { in: ids }, active: true }, orderBy: { id: "asc" } });
  if (users.length === 0) return [];
  await tx.$queryRaw`SELECT id FROM users WHERE id = ANY(${users.map((u) => u.id)}::uuid[]) ORDER BY id FOR UPDATE`;
  const last = await tx.ticket.groupBy({ by: ["assigneeId"], where: { serviceGroup: group, assigneeId: { in: users.map((u) => u.id) } }, _max: { code: true } });
  const lastCode = (u: User) => last.find((l) => l.assigneeId === u.id)?._max.code ?? 0;
  const listed = (u: User) => ids.indexOf(u.wecomUserId);
  return users.sort((a, b) => lastCode(a) - lastCode(b) || listed(a) - listed(b));
}

/** Open tickets per user. */
async function loads(tx: Tx, users: User[]): Promise<Map<string, number>> {
  const rows = await tx.ticket.groupBy({
    by: ["assigneeId"],
    where: { assigneeId: { in: users.map((u) => u.id) }, status: { in: [...OPEN_TICKET_STATUSES] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assigneeId!, r._count._all]));
}

/** The next person in the type's group; else the fallback (the customer's owner) when active; else null. */
export async function pickTicketAssignee(tx: Tx, settings: CrmSettings, type: string, fallback: User | null): Promise<TicketAssignment | null> {
  const group = groupForType(settings, type);
  const members = group ? await membersInTurn(tx, settings, group) : [];
  if (group && members.length > 0) {
    const load = await loads(tx, members);
    const of = (u: User) => load.get(u.id) ?? 0;
    const free = members.find((u) => of(u) < settings.service.loadCap);
    const assignee = free ?? members.reduce((least, u) => (of(u) < of(least) ? u : least));
    return { assignee, group };
  }
  return fallback?.active ? { assignee: fallback, group: null } : null;
}
