// An invoice as a rep or finance reads it in chat: one invoice with its contract's totals,
// or a list of lines.
import type { ActionContext } from "../../actions/action.ts";
import { zh } from "../../messages/zh.ts";
import { text, type Reply } from "../../render/reply.ts";
import { formatWhen } from "../../time/when.ts";
import { formatFenZh } from "../money/index.ts";
import { approvalCodeOf, invoicedFen, type InvoiceFull } from "./invoices.ts";
import { zhInvoices } from "./messages.ts";

export const statusName = (s: string): string => zhInvoices.statusNames[s] ?? s;
export const typeName = (t: string): string => zhInvoices.typeNames[t] ?? t;

/** What may still be invoiced on a contract, and what is taken, in fen. */
export async function contractRoom(ctx: Pick<ActionContext, "tx">, contract: { id: string; amountFen: bigint }): Promise<{ used: number; left: number }> {
  const used = await invoicedFen(ctx.tx, contract.id);
  return { used, left: Math.max(0, Number(contract.amountFen) - used) };
}

export async function invoiceReply(ctx: ActionContext, inv: InvoiceFull): Promise<Reply> {
  const requester = inv.requestedById ? await ctx.tx.user.findUnique({ where: { id: inv.requestedById } }) : null;
  const approval = await approvalCodeOf(ctx.tx, inv.id);
  const room = await contractRoom(ctx, inv.contract);
  const lines = [
    zhInvoices.title(inv.code, statusName(inv.status)),
    zhInvoices.fieldContract(inv.contract.number, inv.contract.customer.name),
    zhInvoices.fieldTitle(inv.title),
    ...(inv.taxId ? [zhInvoices.fieldTaxId(inv.taxId)] : []),
    zhInvoices.fieldType(typeName(inv.type)),
    zhInvoices.fieldAmount(formatFenZh(Number(inv.amountFen))),
    ...(inv.invoiceNumber ? [zhInvoices.fieldNumber(inv.invoiceNumber)] : []),
    zhInvoices.fieldRequested(requester ? zh.whoName(requester.name, requester.wecomUserId) : "系统", formatWhen(inv.createdAt, ctx.timeZone)),
    ...(inv.issuedAt ? [zhInvoices.fieldIssued(formatWhen(inv.issuedAt, ctx.timeZone))] : []),
    ...(approval ? [zhInvoices.fieldApproval(approval)] : []),
    zhInvoices.contractTotals(formatFenZh(Number(inv.contract.amountFen)), formatFenZh(room.used), formatFenZh(room.left)),
  ];
  return text(lines.join("\n"));
}

export const listLine = (inv: InvoiceFull): string =>
  zhInvoices.listLine(inv.code, inv.contract.number, inv.contract.customer.name, formatFenZh(Number(inv.amountFen)), typeName(inv.type), statusName(inv.status));
