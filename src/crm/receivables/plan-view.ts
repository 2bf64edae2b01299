// What 回款 #N and 回款记录 show: each instalment with its derived status, paid and owed; the
// payments of a contract.
import type { Tx } from "../../db/tx.ts";
import type { PaymentPlan } from "../../generated/prisma/client.ts";
import type { ContractFull } from "../contracts/index.ts";
import { formatFenZh } from "../money/index.ts";
import { zhReceivables } from "./messages.ts";
import { plansOf } from "./plans.ts";
import { dayOf, planOwed, planStatus } from "./status.ts";

export function planLines(plans: readonly PaymentPlan[], contractStatus: string, today: string): string[] {
  return plans.map((p) =>
    zhReceivables.planLine(p.position, dayOf(p.dueDate), formatFenZh(Number(p.amountFen)), formatFenZh(Number(p.paidFen)), formatFenZh(planOwed(p, contractStatus)), planStatus(p, contractStatus, today)),
  );
}

export async function planText(tx: Tx, c: ContractFull, today: string): Promise<string> {
  const plans = await plansOf(tx, c.id);
  const head = zhReceivables.planTitle(c.number, c.customer.name, formatFenZh(Number(c.amountFen)));
  if (!plans.length) return `${head}\n${zhReceivables.noPlan(c.number)}`;
  const paid = plans.reduce((s, p) => s + Number(p.paidFen), 0);
  const owed = plans.reduce((s, p) => s + planOwed(p, c.status), 0);
  const overdue = plans.filter((p) => planStatus(p, c.status, today) === "逾期").reduce((s, p) => s + planOwed(p, c.status), 0);
  const prepaid = await tx.payment.aggregate({ where: { contractId: c.id, status: "confirmed" }, _sum: { prepaidFen: true } });
  const pre = Number(prepaid._sum.prepaidFen ?? 0n);
  const status = zhReceivables.contractStatus[c.status] ?? c.status;
  return [
    `${head}（${status}）`,
    ...planLines(plans, c.status, today),
    zhReceivables.planTotals(formatFenZh(paid), formatFenZh(owed), overdue ? formatFenZh(overdue) : ""),
    ...(pre ? [zhReceivables.prepaidTotal(formatFenZh(pre))] : []),
  ].join("\n");
}

export async function paymentsText(tx: Tx, c: ContractFull): Promise<string> {
  const rows = await tx.payment.findMany({ where: { contractId: c.id }, orderBy: [{ receivedOn: "asc" }, { code: "asc" }], take: 50 });
  if (!rows.length) return zhReceivables.noPayments(c.number);
  return [
    zhReceivables.paymentsTitle(c.number),
    ...rows.map((p) => zhReceivables.paymentLine(p.code, dayOf(p.receivedOn), formatFenZh(Number(p.amountFen)), p.method ?? "", zhReceivables.paymentStatus[p.status] ?? p.status)),
  ].join("\n");
}
