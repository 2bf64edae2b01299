// A contract as the rep reads it: a card (number, customer, amount, status, dates, lines) and
// the details that do not fit on it; the list of contracts in scope.
import { z } from "zod";
import { card, text, type Reply } from "../../render/reply.ts";
import { formatFenZh, formatQuantity } from "../money/index.ts";
import type { ContractFull } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

export const dayOf = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
export const statusName = (status: string): string => zhContracts.statusNames[status] ?? status;
export const amountOf = (c: { amountFen: bigint }): string => formatFenZh(Number(c.amountFen));
export const linesOf = (c: { lines: unknown }): unknown[] => (Array.isArray(c.lines) ? c.lines : []);

const LINES_SHOWN = 10;
const lineSchema = z.object({ name: z.string(), unit: z.string().nullable().optional(), quantity: z.number().int(), amount: z.number().int() });

/** The contract's lines as text (name, quantity, amount), the first ten and then the count. */
function linesText(c: { lines: unknown }): string | null {
  const lines = linesOf(c);
  if (!lines.length) return null;
  const shown = lines.slice(0, LINES_SHOWN).map((raw, i) => {
    const l = lineSchema.safeParse(raw);
    return l.success ? zhContracts.lineItem(i + 1, l.data.name.slice(0, 40), `${formatQuantity(l.data.quantity)}${l.data.unit ?? ""}`, formatFenZh(l.data.amount)) : `${i + 1}. —`;
  });
  return [zhContracts.linesHead, ...shown, ...(lines.length > LINES_SHOWN ? [zhContracts.linesMore(lines.length)] : [])].join("\n");
}

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
    linesText(c),
  ].filter((s): s is string => s !== null);
  const replies: Reply[] = [card({ taskId, title: title.slice(0, 36), description: `#${c.code} ${c.title}`.slice(0, 44), fields })];
  if (extra.length) replies.push(text(extra.join("\n")));
  return replies;
}

export function contractListText(rows: ContractFull[], total: number): string {
  if (!rows.length) return zhContracts.listEmpty;
  return [zhContracts.listTitle(rows.length, total), ...rows.map((c) => zhContracts.listLine(c.number, c.code, c.customer.name, amountOf(c), statusName(c.status)))].join("\n");
}
