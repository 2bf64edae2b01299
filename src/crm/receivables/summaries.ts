// What other domains show of 回款: a customer's money on the 360° card, the instalments due
// and overdue for 今日待办, and what came in over a period for the weekly report. Statuses
// come from planStatus, like everywhere else. Only live contracts (effective, executing,
// completed) count; dates are 'YYYY-MM-DD' local days in CRM_TIMEZONE.
import type { Tx } from "../../db/tx.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { LIVE_CONTRACT_STATUSES } from "../contracts/index.ts";
import type { Fen } from "../money/index.ts";
import { addDays, dateOf, dayOf, planOwed, planStatus, type InstalmentStatus } from "./status.ts";

export interface CustomerMoney {
  contracts: number;
  amountFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
  overdueFen: Fen;
  /** The next instalment still owed that is not yet overdue. */
  next: { contract: string; dueDate: string; owedFen: Fen } | null;
}

/** One round trip: the customer's live contracts with their instalments, added up here with
 * the same status rule as everywhere (bench:money keeps it within the 50 ms p99 target). */
export async function customerMoneySummary(tx: Tx, customerId: string, today: string): Promise<CustomerMoney> {
  const rows = await tx.$queryRaw<Array<{ id: string; number: string; status: string; contract_fen: bigint; due_date: Date | null; amount_fen: bigint | null; paid_fen: bigint | null }>>`
    SELECT c.id::text AS id, c.number, c.status, c.amount_fen AS contract_fen, pp.due_date, pp.amount_fen, pp.paid_fen
    FROM contracts c LEFT JOIN payment_plans pp ON pp.contract_id = c.id
    WHERE c.customer_id = ${customerId}::uuid AND c.status IN (${Prisma.join(LIVE_CONTRACT_STATUSES)})`;
  const out: CustomerMoney = { contracts: 0, amountFen: 0, paidFen: 0, owedFen: 0, overdueFen: 0, next: null };
  const seen = new Set<string>();
  for (const r of rows) {
    if (!seen.has(r.id)) {
      seen.add(r.id);
      out.contracts++;
      out.amountFen += Number(r.contract_fen);
    }
    if (r.due_date === null || r.amount_fen === null || r.paid_fen === null) continue;
    const p = { dueDate: r.due_date, amountFen: r.amount_fen, paidFen: r.paid_fen };
    const owed = planOwed(p, r.status);
    out.paidFen += Number(r.paid_fen);
    out.owedFen += owed;
    if (planStatus(p, r.status, today) === "逾期") out.overdueFen += owed;
    else if (owed > 0 && (!out.next || dayOf(r.due_date) < out.next.dueDate)) out.next = { contract: r.number, dueDate: dayOf(r.due_date), owedFen: owed };
  }
  return out;
}

export interface DueInstalment {
  contract: string;
  contractCode: number;
  customer: string;
  position: number;
  dueDate: string;
  owedFen: Fen;
  status: InstalmentStatus;
}

/** Per owner: open instalments due from today up to `days` ahead, and the overdue ones (oldest first). */
export async function instalmentsDueFor(tx: Tx, ownerIds: readonly string[], today: string, days: number): Promise<Map<string, DueInstalment[]>> {
  const rows = await tx.paymentPlan.findMany({
    where: {
      dueDate: { lte: dateOf(addDays(today, days)) },
      paidFen: { lt: tx.paymentPlan.fields.amountFen },
      contract: { ownerId: { in: [...ownerIds] }, status: { in: LIVE_CONTRACT_STATUSES } },
    },
    orderBy: [{ dueDate: "asc" }, { position: "asc" }],
    include: { contract: { select: { number: true, code: true, status: true, ownerId: true, customer: { select: { name: true } } } } },
  });
  const out = new Map<string, DueInstalment[]>();
  for (const p of rows) {
    const owner = p.contract.ownerId!;
    const item = { contract: p.contract.number, contractCode: p.contract.code, customer: p.contract.customer.name, position: p.position, dueDate: dayOf(p.dueDate), owedFen: planOwed(p, p.contract.status), status: planStatus(p, p.contract.status, today) };
    out.set(owner, [...(out.get(owner) ?? []), item]);
  }
  return out;
}

/** Confirmed payments received from `from` to `to` (inclusive local days) on these owners' contracts. */
export async function receiptsBetween(tx: Tx, ownerIds: readonly string[], from: string, to: string): Promise<{ count: number; amountFen: Fen }> {
  const r = await tx.payment.aggregate({
    where: { status: "confirmed", receivedOn: { gte: dateOf(from), lte: dateOf(to) }, contract: { ownerId: { in: [...ownerIds] } } },
    _sum: { amountFen: true },
    _count: true,
  });
  return { count: r._count, amountFen: Number(r._sum.amountFen ?? 0n) };
}

/** The statement behind receiptsByOwner, for reports that fold it into one query of their own:
 * rows (owner_id uuid, fen bigint) per owner in `ownerIds` (an SQL uuid[] expression; null:
 * every owner, plus a NULL row for contracts without one) with confirmed payments received
 * from `from` to `to` (inclusive local days) on their contracts. */
export function receiptsByOwnerSql(ownerIds: Prisma.Sql | null, from: string, to: string): Prisma.Sql {
  return Prisma.sql`
    SELECT c.owner_id, SUM(p.amount_fen)::bigint AS fen
    FROM payments p JOIN contracts c ON c.id = p.contract_id
    WHERE p.status = 'confirmed' AND p.received_on BETWEEN ${from}::date AND ${to}::date AND ${ownerIds ? Prisma.sql`c.owner_id = ANY(${ownerIds})` : Prisma.sql`TRUE`}
    GROUP BY c.owner_id`;
}

/** Per owner: confirmed payments received from `from` to `to` (inclusive local days) on their
 * contracts, in one grouped query (owners without any are absent). */
export async function receiptsByOwner(tx: Tx, ownerIds: readonly string[], from: string, to: string): Promise<Map<string, Fen>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<{ owner_id: string; fen: bigint }>>`
    SELECT r.owner_id::text AS owner_id, r.fen FROM (${receiptsByOwnerSql(Prisma.sql`${[...ownerIds]}::uuid[]`, from, to)}) r`;
  return new Map(rows.map((r) => [r.owner_id, Number(r.fen)]));
}

/** The 回款 each customer has received so far, as SQL for a report that joins it in its own
 * statement: confirmed payments on the customer's contracts (any contract status; a payment is
 * money in), one row (customer_id uuid, fen bigint) per customer that has any. */
export const receiptsByCustomerSql: Prisma.Sql = Prisma.sql`SELECT c.customer_id, SUM(p.amount_fen)::bigint AS fen
  FROM payments p JOIN contracts c ON c.id = p.contract_id
  WHERE p.status = 'confirmed'
  GROUP BY c.customer_id`;

/** Per customer among those `customerIds` selects (an SQL query of customer ids): how many
 * instalments are 逾期 on `today` and what they still owe (customer health), as an SQL query of
 * rows (customer_id, overdue_count int, overdue_fen bigint), customers without any absent.
 * planStatus's rule in SQL: on a live contract (never void), not fully paid, due before today
 * (local day); owed = amount − paid. test/reports/health-facts.test.ts holds it to planStatus. */
export function overdueByCustomerSql(customerIds: Prisma.Sql, today: string): Prisma.Sql {
  return Prisma.sql`
    SELECT k.customer_id, COUNT(*)::int AS overdue_count, SUM(pp.amount_fen - pp.paid_fen)::bigint AS overdue_fen
    FROM payment_plans pp JOIN contracts k ON k.id = pp.contract_id
    WHERE k.customer_id IN (${customerIds}) AND k.status IN (${Prisma.join(LIVE_CONTRACT_STATUSES)})
      AND pp.paid_fen < pp.amount_fen AND pp.due_date < ${today}::date
    GROUP BY k.customer_id`;
}
