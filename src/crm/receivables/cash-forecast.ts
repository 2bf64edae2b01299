// The cash forecast of the reports: per calendar month, what the instalments of live
// contracts due that month still owe (amount minus paid), on these owners' contracts; and
// what is still owed on instalments due before the first month (overdue by then).
import type { Tx } from "../../db/tx.ts";
import { LIVE_CONTRACT_STATUSES } from "../contracts/index.ts";
import type { Fen } from "../money/index.ts";
import { dayOf } from "./status.ts";

export interface CashByMonth {
  /** One entry per month asked for, in order. */
  months: Array<{ month: string; owedFen: Fen }>;
  /** Owed on instalments due before the first month. */
  earlierFen: Fen;
}

const lastDayOf = (month: string): string => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return dayOf(new Date(Date.UTC(y, m, 0)));
};

/** `months`: consecutive YYYY-MM keys (local months; due dates are local days). */
export async function cashDueByMonth(tx: Tx, ownerIds: readonly string[], months: readonly string[]): Promise<CashByMonth> {
  const out: CashByMonth = { months: months.map((month) => ({ month, owedFen: 0 })), earlierFen: 0 };
  if (months.length === 0 || ownerIds.length === 0) return out;
  // summed per month in SQL: a live contract is never void, and paid < amount, so what a plan
  // still owes (planOwed) is amount − paid
  const rows = await tx.$queryRaw<Array<{ month: string; owed: bigint }>>`
    SELECT to_char(p.due_date, 'YYYY-MM') AS month, SUM(p.amount_fen - p.paid_fen)::bigint AS owed
    FROM payment_plans p JOIN contracts k ON k.id = p.contract_id
    WHERE p.due_date <= ${lastDayOf(months.at(-1)!)}::date AND p.paid_fen < p.amount_fen
      AND k.owner_id = ANY(${[...ownerIds]}::uuid[]) AND k.status = ANY(${LIVE_CONTRACT_STATUSES}::text[])
    GROUP BY 1`;
  const first = months[0]!;
  for (const r of rows) {
    const owed = Number(r.owed);
    if (r.month < first) out.earlierFen += owed;
    else {
      const slot = out.months.find((m) => m.month === r.month);
      if (slot) slot.owedFen += owed;
    }
  }
  return out;
}
