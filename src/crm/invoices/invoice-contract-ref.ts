// Which contract a 开票 command names: #3, 合同#3, HT-2026-0001, or a customer's name — that
// customer's one live contract in scope (several: the numbers are listed and the rep asked;
// none: said so). Free text proposes 开票 with the customer's name (给华为开20万的专票).
import type { ActionContext } from "../../actions/action.ts";
import { contractScope, findContractInScope, LIVE_CONTRACT_STATUSES, type ContractFull } from "../contracts/index.ts";
import { zhInvoices } from "./messages.ts";

export type InvoiceContractLookup = { contract: ContractFull } | { problem: string };

const CONTRACT_LIKE = /^(?:合同\s*)?[#＃]\s*\d+$|^[A-Za-z]{1,6}-\d/u;

export async function invoiceContractFor(ctx: ActionContext, ref: string): Promise<InvoiceContractLookup> {
  const r = ref.trim().replace(/^合同\s*(?=[A-Za-z])/u, "").replace(/＃/gu, "#");
  const direct = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, r);
  if (direct) return { contract: direct };
  if (CONTRACT_LIKE.test(r)) return { problem: zhInvoices.contractNotFound(r) };
  const live = await ctx.tx.contract.findMany({
    where: { AND: [contractScope(ctx.actor, ctx.settings), { status: { in: LIVE_CONTRACT_STATUSES }, customer: { name: { contains: r, mode: "insensitive" } } }] },
    select: { number: true },
    orderBy: { code: "asc" },
    take: 20,
  });
  if (live.length === 0) return { problem: zhInvoices.customerNoContract(r) };
  if (live.length > 1) return { problem: zhInvoices.customerSeveral(r, live.map((c) => c.number).join("、")) };
  const one = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, live[0]!.number);
  return one ? { contract: one } : { problem: zhInvoices.contractNotFound(r) };
}
