// A rep leaves: everything they own goes somewhere and they stop getting work. With
// "manager" (and an active manager) customers, non-converted leads, open opportunities
// and pending reminders go to the manager. With "pool" (or no manager) customers go to the
// pool (their open opportunities with them), open leads are dealt out again by the same
// round-robin that places new leads (unplaceable ones stay unassigned for a manager to
// 分配), closed leads and other opportunities go to the manager or the customer's owner,
// and reminders are cancelled. Converted leads and closed opportunities keep their owner:
// they are history and credit. Open tickets assigned to them go to the manager (or back to
// unassigned), and their WeCom external contacts are scheduled for transfer to whoever now
// has each customer. Called by 离职 and by WeCom's delete_user event.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { handOverContracts } from "../contracts/index.ts";
import { scheduleResignedTransfers, type TransferPlan } from "../external-contacts/index.ts";
import { OPEN_LEAD_STATUSES, pickAssignee } from "../leads/index.ts";
import { groupBy, moveToPool, POOL_REASON } from "../pool/index.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export type LeaveMode = "manager" | "pool";

export interface HandoverResult {
  mode: LeaveMode;
  /** The rep's manager (told in both modes), if active. */
  manager: User | null;
  customers: number;
  opportunities: number;
  leads: number;
  /** Pool mode: leads dealt out, per new owner. */
  leadsDealt: Array<{ user: User; count: number }>;
  leadsUnassigned: number;
  reminders: number;
  /** Open tickets reassigned (to the manager, or unassigned without one). */
  tickets: number;
  /** Contracts not completed or void, handed to the manager (or to no one). */
  contracts: number;
  externalContacts: TransferPlan;
}

interface Ctx {
  tx: Tx;
  actorId: string | null;
  rep: User;
  now: Date;
}

type AuditRow = Prisma.AuditEntryCreateManyInput;
const ownerChange = (c: Ctx, entity: string, id: string, to: string | null): AuditRow => ({
  actorId: c.actorId,
  action: "assign",
  entity,
  entityId: id,
  detail: { before: { ownerId: c.rep.id }, after: { ownerId: to }, reason: POOL_REASON.repLeft },
  at: c.now,
});

export async function handOverLeavingRep(
  tx: Tx,
  actor: User | null,
  rep: User,
  requested: LeaveMode | undefined,
  now: Date,
  settings: CrmSettings,
): Promise<HandoverResult> {
  const c: Ctx = { tx, actorId: actor?.id ?? null, rep, now };
  const manager = rep.managerId ? await tx.user.findFirst({ where: { id: rep.managerId, active: true } }) : null;
  const mode: LeaveMode = (requested ?? settings.pool.onRepLeaves) === "manager" && manager ? "manager" : "pool";
  // Inactive first, so the round-robin below never deals a lead back to them.
  await tx.user.update({ where: { id: rep.id }, data: { active: false, updatedAt: now } });
  await tx.auditEntry.create({
    data: { actorId: c.actorId, action: "update", entity: "user", entityId: rep.id, detail: { before: { active: rep.active }, after: { active: false } }, at: now },
  });
  // Whoever reported to them now reports to their manager (or to no one), so approvals and
  // escalations never go to someone who has left.
  const reports = await tx.user.updateMany({ where: { managerId: rep.id }, data: { managerId: manager?.id ?? null, updatedAt: now } });
  if (reports.count) {
    await tx.auditEntry.create({
      data: { actorId: c.actorId, action: "update", entity: "user", entityId: rep.id, detail: { reportsMovedTo: manager?.id ?? null, count: reports.count }, at: now },
    });
  }
  const result: HandoverResult = {
    mode,
    manager,
    customers: 0,
    opportunities: 0,
    leads: 0,
    leadsDealt: [],
    leadsUnassigned: 0,
    reminders: 0,
    tickets: 0,
    contracts: 0,
    externalContacts: { byTakeover: [], unassigned: 0 },
  };
  if (mode === "manager") await toManager(c, manager!, result);
  else await toPool(c, manager, settings, result);
  result.tickets = await reassignOpenTickets(c, manager);
  result.contracts = await handOverContracts(tx, c.actorId, rep.id, manager?.id ?? null, now, POOL_REASON.repLeft);
  // After the records moved: each external contact goes to its customer's new owner.
  result.externalContacts = await scheduleResignedTransfers(tx, c.actorId, rep, manager, now);
  return result;
}

/** Open tickets assigned to the rep go to their manager (none: unassigned, for the service group to pick up). */
async function reassignOpenTickets(c: Ctx, manager: User | null): Promise<number> {
  const tickets = await c.tx.ticket.findMany({ where: { assigneeId: c.rep.id, status: { notIn: ["resolved", "closed"] } }, select: { id: true } });
  if (tickets.length === 0) return 0;
  const to = manager?.id ?? null;
  await c.tx.ticket.updateMany({ where: { id: { in: tickets.map((t) => t.id) } }, data: { assigneeId: to, updatedAt: c.now } });
  await c.tx.auditEntry.createMany({
    data: tickets.map((t) => ({ ...ownerChange(c, "ticket", t.id, to), detail: { before: { assigneeId: c.rep.id }, after: { assigneeId: to }, reason: POOL_REASON.repLeft } })),
  });
  return tickets.length;
}

async function toManager(c: Ctx, manager: User, r: HandoverResult): Promise<void> {
  const { tx, rep, now } = c;
  const customers = await tx.customer.findMany({ where: { ownerId: rep.id }, select: { id: true } });
  await tx.customer.updateMany({
    where: { id: { in: customers.map((x) => x.id) } },
    data: { ownerId: manager.id, ownedSince: now, poolWarnedAt: null, updatedAt: now },
  });
  await tx.poolEvent.createMany({
    data: customers.map((x) => ({ customerId: x.id, kind: "moved", fromUserId: rep.id, toUserId: manager.id, reason: POOL_REASON.repLeft, at: now })),
  });
  r.customers = customers.length;
  const leads = await tx.lead.findMany({ where: { ownerId: rep.id, status: { not: "converted" } }, select: { id: true } });
  await tx.lead.updateMany({ where: { id: { in: leads.map((l) => l.id) } }, data: { ownerId: manager.id, updatedAt: now } });
  r.leads = leads.length;
  const opps = await tx.opportunity.findMany({ where: { ownerId: rep.id, closedAt: null }, select: { id: true } });
  await tx.opportunity.updateMany({ where: { id: { in: opps.map((o) => o.id) } }, data: { ownerId: manager.id, updatedAt: now } });
  r.opportunities = opps.length;
  r.reminders = (await tx.reminder.updateMany({ where: { userId: rep.id, status: "pending" }, data: { userId: manager.id } })).count;
  await tx.auditEntry.createMany({
    data: [
      ...customers.map((x) => ownerChange(c, "customer", x.id, manager.id)),
      ...leads.map((l) => ownerChange(c, "lead", l.id, manager.id)),
      ...opps.map((o) => ownerChange(c, "opportunity", o.id, manager.id)),
    ],
  });
}

async function toPool(c: Ctx, manager: User | null, settings: CrmSettings, r: HandoverResult): Promise<void> {
  const { tx, rep, now } = c;
  const customers = await tx.customer.findMany({ where: { ownerId: rep.id } });
  // Their open opportunities on these customers go to the pool with them.
  r.opportunities = await tx.opportunity.count({ where: { ownerId: rep.id, closedAt: null, customer: { ownerId: rep.id } } });
  const moved = await moveToPool(tx, customers, { actorId: c.actorId, kind: "moved", reason: POOL_REASON.repLeft, guard: { ownerId: rep.id } }, now);
  r.customers = moved.length;
  // Open opportunities on customers someone else owns go to that owner.
  const opps = await tx.opportunity.findMany({ where: { ownerId: rep.id, closedAt: null }, include: { customer: { select: { ownerId: true } } } });
  for (const [to, group] of groupBy(opps, (o) => o.customer.ownerId ?? manager?.id ?? null)) {
    await tx.opportunity.updateMany({ where: { id: { in: group.map((o) => o.id) } }, data: { ownerId: to, updatedAt: now } });
    await tx.auditEntry.createMany({ data: group.map((o) => ownerChange(c, "opportunity", o.id, to)) });
  }
  r.opportunities += opps.length;
  await dealOutLeads(c, manager, settings, r);
  r.reminders = (await tx.reminder.updateMany({ where: { userId: rep.id, status: "pending" }, data: { status: "cancelled" } })).count;
}

async function dealOutLeads(c: Ctx, manager: User | null, settings: CrmSettings, r: HandoverResult): Promise<void> {
  const { tx, rep, now } = c;
  const leads = await tx.lead.findMany({ where: { ownerId: rep.id, status: { not: "converted" } }, orderBy: { code: "asc" } });
  const dealt = new Map<string, { user: User; count: number }>();
  const audits: AuditRow[] = [];
  for (const lead of leads) {
    const open = OPEN_LEAD_STATUSES.includes(lead.status);
    const to = open ? await pickAssignee(tx, lead, settings, now) : manager;
    await tx.lead.update({ where: { id: lead.id }, data: { ownerId: to?.id ?? null, updatedAt: now } });
    audits.push(ownerChange(c, "lead", lead.id, to?.id ?? null));
    if (!to) r.leadsUnassigned += open ? 1 : 0;
    else if (open) dealt.set(to.id, { user: to, count: (dealt.get(to.id)?.count ?? 0) + 1 });
  }
  await tx.auditEntry.createMany({ data: audits });
  r.leads = leads.length;
  r.leadsDealt = [...dealt.values()];
}
