// Which contract a 回款 command names: #3, 合同#3, HT-2026-0001, or a customer's name — that
// customer's one live contract still owed money (several: the rep is asked which).
import type { ActionContext } from "../../actions/action.ts";
import { contractScope, findContractInScope, LIVE_CONTRACT_STATUSES, type ContractFull } from "../contracts/index.ts";
import { zhReceivables } from "./messages.ts";

export type ContractLookup = { contract: ContractFull } | { problem: string };

const CONTRACT_LIKE = /^(?:合同\s*)?#\s*\d+$|^[A-Za-z]{1,6}-\d/;

export async function contractFor(ctx: ActionContext, ref: string, byCustomer: boolean): Promise<ContractLookup> {
  const r = ref.trim().replace(/^合同\s*(?=[A-Za-z])/, "");
  const direct = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, r);
  if (direct) return { contract: direct };
  if (!byCustomer || CONTRACT_LIKE.test(r)) return { problem: zhReceivables.contractNotFound(r) };
  const candidates = await ctx.tx.contract.findMany({
    where: {
      AND: [contractScope(ctx.actor, ctx.settings), { status: { in: LIVE_CONTRACT_STATUSES }, customer: { name: { contains: r, mode: "insensitive" } } }],
    },
    include: { plans: { select: { amountFen: true, paidFen: true } } },
    orderBy: { code: "asc" },
    take: 20,
  });
  const owing = candidates.filter((c) => c.plans.length === 0 || c.plans.some((p) => p.paidFen < p.amountFen));
  if (owing.length === 0) return { problem: zhReceivables.customerNoContract(r) };
  if (owing.length > 1) return { problem: zhReceivables.customerSeveral(r, owing.map((c) => c.number).join("、")) };
  const one = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, owing[0]!.number);
  return one ? { contract: one } : { problem: zhReceivables.contractNotFound(r) };
}
