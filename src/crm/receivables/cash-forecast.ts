// The cash forecast of the reports: per calendar month, what the instalments of live
// contracts due that month still owe (amount minus paid), on these owners' contracts; and
// what is still owed on instalments due before the first month (overdue by then).
import type { Tx } from "../../db/tx.ts";
import { LIVE_CONTRACT_STATUSES } from "../contracts/index.ts";
import type { Fen } from "../money/index.ts";
import { dateOf, dayOf, planOwed } from "./status.ts";

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
  const rows = await tx.paymentPlan.findMany({
    where: {
      dueDate: { lte: dateOf(lastDayOf(months.at(-1)!)) },
      paidFen: { lt: tx.paymentPlan.fields.amountFen },
      contract: { ownerId: { in: [...ownerIds] }, status: { in: LIVE_CONTRACT_STATUSES } },
    },
    select: { dueDate: true, amountFen: true, paidFen: true, contract: { select: { status: true } } },
  });
  const first = months[0]!;
  for (const p of rows) {
    const month = dayOf(p.dueDate).slice(0, 7);
    const owed = planOwed(p, p.contract.status);
    if (month < first) out.earlierFen += owed;
    else {
      const slot = out.months.find((m) => m.month === month);
      if (slot) slot.owedFen += owed;
    }
  }
  return out;
}
