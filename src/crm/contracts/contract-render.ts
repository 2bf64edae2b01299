// A contract as the rep reads it: a card (number, customer, amount, status, dates, lines) and
// the details that do not fit on it; the list of contracts in scope.
import { card, text, type Reply } from "../../render/reply.ts";
import { formatFenZh } from "../money/index.ts";
import type { ContractFull } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

export const dayOf = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
export const statusName = (status: string): string => zhContracts.statusNames[status] ?? status;
export const amountOf = (c: { amountFen: bigint }): string => formatFenZh(Number(c.amountFen));
export const linesOf = (c: { lines: unknown }): unknown[] => (Array.isArray(c.lines) ? c.lines : []);

export function contractReplies(c: ContractFull, taskId: string): Reply[] {
  const fields = [
    { label: zhContracts.fieldCustomer, value: c.customer.name.slice(0, 64) },
    { label: zhContracts.fieldAmount, value: amountOf(c) },
    { label: zhContracts.fieldSign, value: dayOf(c.signDate) ?? "—" },
    { label: zhContracts.fieldPeriod, value: zhContracts.period(dayOf(c.startDate), dayOf(c.endDate)) },
    { label: zhContracts.fieldLines, value: zhContracts.linesCount(linesOf(c).length) },
    ...(c.opportunity ? [{ label: zhContracts.fieldOpp, value: `#${c.opportunity.code} ${c.opportunity.name}`.slice(0, 64) }] : []),
  ];
  const title = zhContracts.cardTitle(c.number, statusName(c.status));
  const extra = [
    c.paymentTerms ? `${zhContracts.fieldTerms}：${c.paymentTerms}` : null,
    c.legalChanged ? `${zhContracts.fieldLegal}：${zhContracts.legalChanged}` : null,
    c.statusReason ? zhContracts.statusReason(c.statusReason) : null,
    c.renewalOpportunity ? zhContracts.renewalOf(c.renewalOpportunity.code) : null,
  ].filter((s): s is string => s !== null);
  const replies: Reply[] = [card({ taskId, title: title.slice(0, 36), description: `#${c.code} ${c.title}`.slice(0, 44), fields })];
  if (extra.length) replies.push(text(extra.join("\n")));
  return replies;
}

export function contractListText(rows: ContractFull[], total: number): string {
  if (!rows.length) return zhContracts.listEmpty;
  return [zhContracts.listTitle(rows.length, total), ...rows.map((c) => zhContracts.listLine(c.number, c.code, c.customer.name, amountOf(c), statusName(c.status)))].join("\n");
}
