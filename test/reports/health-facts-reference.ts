// The customer-health facts as they were gathered before the single statement (several
// findMany over id lists, added up in JS, the overdue rule through planStatus): the reference
// health-facts.test.ts holds healthRows to. Test-only; not used by the app.
import type { Tx } from "../../src/db/tx.ts";
import type { CrmSettings } from "../../src/config/crm/crm-settings.ts";
import { dateOf, planOwed, planStatus } from "../../src/crm/receivables/status.ts";
import { OPEN_TICKET_STATUSES } from "../../src/crm/service/index.ts";
import { EXTERNAL_CHANNEL } from "../../src/crm/external-contacts/index.ts";
import { LIVE_CONTRACT_STATUSES } from "../../src/crm/contracts/index.ts";
import type { HealthFacts } from "../../src/crm/reports/health-score.ts";
import { localDateKey } from "../../src/util/local-time.ts";

const DAY_MS = 86_400_000;

export interface HealthCustomer {
  id: string;
  createdAt: Date;
  lastFollowUpAt: Date | null;
}

function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Yuan (Decimal, two places) → fen. */
const fenOfYuan = (amount: { toString(): string } | null): number => (amount === null ? 0 : Math.round(Number(amount.toString()) * 100));

/** Idle days are local calendar days in CRM_TIMEZONE (followed up yesterday evening: 1 day). */
export async function referenceHealthFacts(tx: Tx, customers: readonly HealthCustomer[], settings: CrmSettings, now: Date, timeZone: string): Promise<Map<string, HealthFacts>> {
  const today = localDateKey(now, timeZone);
  const h = settings.reports.health;
  const ids = customers.map((c) => c.id);
  const out = new Map<string, HealthFacts>();
  for (const c of customers) {
    const since = c.lastFollowUpAt ?? c.createdAt;
    out.set(c.id, {
      idleDays: Math.max(0, Math.round((Date.parse(today) - Date.parse(localDateKey(since, timeZone))) / DAY_MS)),
      neverFollowedUp: c.lastFollowUpAt === null,
      overdue: { count: 0, owedFen: 0 },
      urgentTickets: [],
      lastSurvey: null,
      deletedBy: [],
      orders: { recentFen: 0, previousFen: 0 },
    });
  }
  if (ids.length === 0) return out;
  const of = (id: string | null) => (id ? out.get(id) : undefined);

  // One after the other: a transaction's queries share one connection.
  const plans = await tx.paymentPlan.findMany({
    where: { dueDate: { lt: dateOf(today) }, paidFen: { lt: tx.paymentPlan.fields.amountFen }, contract: { customerId: { in: ids }, status: { in: LIVE_CONTRACT_STATUSES } } },
    select: { dueDate: true, amountFen: true, paidFen: true, contract: { select: { customerId: true, status: true } } },
  });
  for (const p of plans) {
    if (planStatus(p, p.contract.status, today) !== "逾期") continue;
    const f = of(p.contract.customerId)!;
    f.overdue = { count: f.overdue.count + 1, owedFen: f.overdue.owedFen + planOwed(p, p.contract.status) };
  }

  const urgent = await tx.ticket.findMany({
    where: { customerId: { in: ids }, status: { in: [...OPEN_TICKET_STATUSES] }, priority: { in: h.tickets.priorities } },
    select: { customerId: true, code: true, priority: true },
    orderBy: { code: "asc" },
  });
  for (const t of urgent) of(t.customerId)?.urgentTickets.push({ code: t.code, priority: t.priority });

  const surveyed = await tx.ticket.findMany({
    where: { customerId: { in: ids }, surveyScore: { not: null }, surveyAt: { not: null } },
    select: { customerId: true, code: true, surveyScore: true },
    orderBy: [{ surveyAt: "desc" }, { code: "desc" }],
  });
  for (const t of surveyed) {
    const f = of(t.customerId);
    if (f && !f.lastSurvey) f.lastSurvey = { score: t.surveyScore!, code: t.code };
  }

  const ended = await tx.channelIdentity.findMany({
    where: { channel: EXTERNAL_CHANNEL, subscribed: false, unsubscribedAt: { not: null }, contact: { customerId: { in: ids } } },
    select: { unsubscribedAt: true, contact: { select: { id: true, name: true, customerId: true } } },
  });
  if (ended.length > 0) {
    const deletions = await tx.auditEntry.findMany({
      where: { action: "customer_deleted_rep", entity: "contact", entityId: { in: ended.map((e) => e.contact!.id) } },
      select: { entityId: true, at: true },
    });
    for (const e of ended) {
      const byCustomer = deletions.some((d) => d.entityId === e.contact!.id && d.at >= e.unsubscribedAt!);
      const f = of(e.contact!.customerId);
      if (byCustomer && f && !f.deletedBy.includes(e.contact!.name)) f.deletedBy.push(e.contact!.name);
    }
  }

  const recentFrom = monthsBefore(now, h.orders.months);
  const previousFrom = monthsBefore(now, 2 * h.orders.months);
  const addOrder = (customerId: string, at: Date, fen: number) => {
    const f = of(customerId);
    if (!f || at >= now || at < previousFrom) return;
    if (at >= recentFrom) f.orders.recentFen += fen;
    else f.orders.previousFen += fen;
  };
  const contracts = await tx.contract.findMany({
    where: { customerId: { in: ids }, status: { in: LIVE_CONTRACT_STATUSES } },
    select: { customerId: true, opportunityId: true, amountFen: true, signDate: true, effectiveAt: true, createdAt: true },
  });
  for (const c of contracts) addOrder(c.customerId, c.signDate ?? c.effectiveAt ?? c.createdAt, Number(c.amountFen));
  const contracted = new Set(contracts.map((c) => c.opportunityId).filter((id): id is string => id !== null));
  const wonStages = settings.opportunities.stages.filter((s) => s.outcome === "won").map((s) => s.name);
  const won = await tx.opportunity.findMany({
    where: { customerId: { in: ids }, stage: { in: wonStages }, closedAt: { gte: previousFrom, lt: now } },
    select: { id: true, customerId: true, amount: true, closedAt: true },
  });
  for (const o of won) if (!contracted.has(o.id)) addOrder(o.customerId, o.closedAt!, fenOfYuan(o.amount));
  return out;
}
