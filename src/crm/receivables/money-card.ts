// The money lines of a customer's 360° card: its live contracts, paid and still owed, what is
// overdue and the next instalment. Registered with the customers domain by the assembly point.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import { formatFenZh } from "../money/index.ts";
import { zhReceivables } from "./messages.ts";
import { customerMoneySummary } from "./summaries.ts";

export async function moneyCardLines(tx: Tx, _viewer: User, customerId: string, today: string): Promise<string[]> {
  const m = await customerMoneySummary(tx, customerId, today);
  if (m.contracts === 0) return [];
  return [
    zhReceivables.cardMoney(m.contracts, formatFenZh(m.amountFen), formatFenZh(m.paidFen), formatFenZh(m.owedFen), m.overdueFen ? formatFenZh(m.overdueFen) : null),
    ...(m.next ? [zhReceivables.cardNext(m.next.contract, m.next.dueDate, formatFenZh(m.next.owedFen))] : []),
  ];
}
