// 发票: the invoices the actor may see (newest first), one contract's (`发票 合同#3`), one
// invoice (`发票 #5`); finance (the finance group) and admins record the printed number
// (`发票 #5 号码:12345678`) and void an issued invoice (`发票 #5 作废 抬头写错`), which frees
// its amount under the contract's cap again.
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { text, type Reply } from "../../render/reply.ts";
import { findContractInScope, seesAllMoney } from "../contracts/index.ts";
import { formatFenZh } from "../money/index.ts";
import { contractRoom, invoiceReply, listLine, statusName } from "./invoice-render.ts";
import { approvalCodeOf, findInvoiceInScope, INVOICE_INCLUDE, invoiceScope, recordNumber, voidIssued, type InvoiceFull } from "./invoices.ts";
import { zhInvoices } from "./messages.ts";

const LIST_SIZE = 15;
const INVOICE_REF = /^(?:发票\s*)?[#＃]\s*(\d{1,9})$/u;

const params = z.object({
  ref: z.string().trim().max(64).optional(),
  word: z.string().trim().max(16).optional(),
  rest: z.string().trim().max(200).default(""),
  number: z.string().trim().max(40).optional(),
});
type Params = z.infer<typeof params>;

function fromTokens(tokens: string[]): TokenResult {
  const t = [...tokens];
  if ((t[0] === "合同" || t[0] === "发票") && t[1]) t.splice(0, 2, `${t[0]}${t[1]}`);
  const [ref, word, ...rest] = t;
  return { ok: true, raw: { ref, word, rest: rest.join(" ") } };
}

async function list(ctx: ActionContext): Promise<Reply[]> {
  const rows = await ctx.tx.invoice.findMany({ where: invoiceScope(ctx.actor, ctx.settings), orderBy: { code: "desc" }, take: LIST_SIZE + 1, include: INVOICE_INCLUDE });
  if (rows.length === 0) return [text(zhInvoices.listEmpty)];
  const shown = rows.slice(0, LIST_SIZE);
  return [text([zhInvoices.listTitle(shown.length, rows.length > LIST_SIZE), ...shown.map(listLine)].join("\n"))];
}

async function ofContract(ctx: ActionContext, ref: string): Promise<Reply[]> {
  const contract = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, ref);
  if (!contract) return [text(zhInvoices.contractNotFound(ref))];
  const rows = await ctx.tx.invoice.findMany({ where: { contractId: contract.id }, orderBy: { code: "asc" }, include: INVOICE_INCLUDE });
  const room = await contractRoom(ctx, contract);
  const totals = zhInvoices.contractTotals(formatFenZh(Number(contract.amountFen)), formatFenZh(room.used), formatFenZh(room.left));
  return [text([zhInvoices.contractListTitle(contract.number, rows.length), ...rows.map(listLine), totals].join("\n"))];
}

async function setNumber(ctx: ActionContext, inv: InvoiceFull, raw: string): Promise<Reply[]> {
  if (!seesAllMoney(ctx.actor, ctx.settings)) return [text(zhInvoices.financeOnly)];
  const number = raw.replace(/\s+/g, "");
  if (!/^\d{8,20}$/.test(number)) return [text(zhInvoices.badNumber(raw))];
  if (inv.status !== "issued") return [text(zhInvoices.numberNotIssued(inv.code, statusName(inv.status)))];
  await recordNumber(ctx.tx, ctx.actor, inv, number, ctx.now);
  return [text(zhInvoices.numberSaved(inv.code, inv.invoiceNumber, number))];
}

async function voidOne(ctx: ActionContext, inv: InvoiceFull, reason: string): Promise<Reply[]> {
  if (!seesAllMoney(ctx.actor, ctx.settings)) return [text(zhInvoices.financeOnly)];
  if (!reason) return [text(zhInvoices.voidNeedsReason(inv.code))];
  if (inv.status === "pending_approval") return [text(zhInvoices.voidPending(inv.code, await approvalCodeOf(ctx.tx, inv.id)))];
  if (!(await voidIssued(ctx.tx, ctx.actor, inv, reason, ctx.now))) return [text(zhInvoices.voidNotIssued(inv.code, statusName(inv.status)))];
  const room = await contractRoom(ctx, inv.contract);
  return [text(zhInvoices.voided(inv.code, formatFenZh(Number(inv.amountFen)), inv.contract.number, formatFenZh(room.left)))];
}

async function run(ctx: ActionContext, p: Params): Promise<Reply[]> {
  if (!p.ref) return list(ctx);
  const code = INVOICE_REF.exec(p.ref)?.[1];
  if (!code) return ofContract(ctx, p.ref);
  const inv = await findInvoiceInScope(ctx.tx, ctx.actor, ctx.settings, Number(code));
  if (!inv) return [text(zhInvoices.notFound(`#${code}`))];
  if (p.number !== undefined) return setNumber(ctx, inv, p.number);
  if (!p.word) return [await invoiceReply(ctx, inv)];
  if (/^(作废|void)$/i.test(p.word)) return voidOne(ctx, inv, p.rest);
  return [text(zhInvoices.unknownSub(p.word))];
}

export const invoiceViewAction = defineAction({
  name: "invoice.view",
  command: "发票",
  aliases: ["invoices"],
  summary: "查看发票（全部、某个合同的、某一张）；财务登记发票号码或作废发票",
  usage: zhInvoices.viewUsage,
  example: "发票 #5 号码:12345678",
  params,
  labels: { ref: "发票编号或合同", word: "操作", rest: "原因", number: "发票号码" },
  named: { 号码: "number", 发票号码: "number", number: "number" },
  fromTokens,
  roles: ALL_ROLES,
  effect: "write",
  run,
});
