// New contracts in chat: from a quote the customer accepted (`转合同 报价#3`: the lines and
// total of the frozen accepted version, one contract per version) or directly on an
// opportunity (`合同 新建 商机#3 12万`, or a customer with exactly one open opportunity).
// One live contract per deal: add-ons are a new deal, a renewal the renewal deal.
// Either way the contract approval flows decide whether it is effective at once.
import { z } from "zod";
import type { ActionContext } from "../../actions/action.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { Opportunity } from "../../generated/prisma/client.ts";
import { text, type Reply } from "../../render/reply.ts";
import { localDateKey } from "../../util/local-time.ts";
import { findCustomerInScope } from "../customers/index.ts";
import { formatFenZh, MONEY_ERROR_TEXT, parseAmount } from "../money/index.ts";
import { findOpportunityInScope, zhOpportunities } from "../opportunities/index.ts";
import { submitContract } from "./contract-approval.ts";
import type { ContractOptions } from "./contract-options.ts";
import { contractReplies } from "./contract-render.ts";
import { scheduleRenewal } from "./contract-renewal.ts";
import { CONTRACT_INCLUDE, createContract, type NewContract } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

const QUOTE_STATUS: Record<string, string> = { draft: "草稿", pending_approval: "待审批", approved: "已审批", sent: "已发送", accepted: "已接受", rejected: "已拒绝", expired: "已过期" };

/** A frozen quote version as the quotes domain stores it (only what a contract keeps). */
const snapshotSchema = z.object({
  lines: z.array(
    z.object({
      name: z.string(),
      unit: z.string().nullable(),
      quantity: z.number().int(),
      unitPrice: z.number().int(),
      listUnitPrice: z.number().int(),
      discount: z.number().int(),
      taxRate: z.number().int(),
      amount: z.number().int(),
      tax: z.number().int(),
      net: z.number().int(),
    }),
  ),
  totals: z.object({ total: z.number().int() }),
});

const today = (ctx: ActionContext) => localDateKey(ctx.now, ctx.timeZone);

async function create(ctx: ActionContext, opp: Opportunity & { customer: { name: string } }, c: Omit<NewContract, "customerId" | "opportunityId" | "ownerId" | "status" | "title" | "signDate">, o: ContractOptions): Promise<Reply[]> {
  const contract = await createContract(
    ctx.tx,
    ctx.actor,
    {
      ...c,
      customerId: opp.customerId,
      opportunityId: opp.id,
      ownerId: opp.ownerId ?? ctx.actor.id,
      title: opp.name,
      signDate: o.signDate ?? today(ctx),
      startDate: o.startDate ?? null,
      endDate: o.endDate ?? null,
      paymentTerms: o.paymentTerms ?? null,
      legalChanged: o.legalChanged ?? false,
      status: "pending_approval",
    },
    ctx.settings,
    today(ctx),
    ctx.now,
  );
  await scheduleRenewal(ctx.tx, contract, o.endDate ?? null, ctx.settings, ctx.timeZone, ctx.now);
  const head = text(zhContracts.created(contract.number, contract.code, opp.customer.name, formatFenZh(c.amountFen)));
  const outcome = await submitContract(ctx, contract, opp, o.reason);
  const shown = await ctx.tx.contract.findUniqueOrThrow({ where: { id: contract.id }, include: CONTRACT_INCLUDE });
  return [head, ...outcome, ...contractReplies(shown, `contract-${contract.code}-${ctx.newId()}`)];
}

/** One contract per deal: the deal's live (not void) contract refuses another — add-ons are a
 * new deal, a renewal its renewal deal. The deal's row lock holds until commit, so two at once
 * cannot both pass. */
async function dealTaken(ctx: ActionContext, opp: Opportunity): Promise<Reply[] | null> {
  await ctx.tx.$queryRawUnsafe(`SELECT id FROM opportunities WHERE id = $1::uuid FOR UPDATE`, opp.id);
  const other = await ctx.tx.contract.findFirst({ where: { opportunityId: opp.id, status: { not: "void" } }, orderBy: { code: "asc" }, include: { renewalOpportunity: { select: { code: true } } } });
  if (!other) return null;
  return [text(zhContracts.dealHasContract(opp.code, other.number, zhContracts.statusNames[other.status] ?? other.status, other.renewalOpportunity?.code ?? null))];
}

const lostStage = (ctx: ActionContext, opp: Opportunity) => opp.closedAt !== null && ctx.settings.opportunities.stages.find((s) => s.name === opp.stage)?.outcome === "lost";

/** 转合同 报价#3 …: the accepted version's lines and total, once per version. */
export async function contractFromQuote(ctx: ActionContext, ref: string, o: ContractOptions): Promise<Reply[]> {
  const code = /^(?:报价\s*)?#?\s*(\d{1,9})$/.exec(ref.trim())?.[1];
  const quote = code ? await ctx.tx.quote.findFirst({ where: { code: Number(code), opportunity: ownedWithin(ctx.actor) }, include: { opportunity: { include: { customer: { select: { name: true } } } } } }) : null;
  if (!quote) return [text(zhContracts.quoteNotFound(ref))];
  if (quote.status !== "accepted") return [text(zhContracts.quoteNotAccepted(quote.code, QUOTE_STATUS[quote.status] ?? quote.status))];
  if (lostStage(ctx, quote.opportunity)) return [text(zhContracts.oppClosedLost(quote.opportunity.code))];
  const existing = await ctx.tx.contract.findFirst({ where: { quoteId: quote.id, quoteVersion: quote.version, status: { not: "void" } } });
  if (existing) return [text(zhContracts.quoteAlreadyContracted(quote.code, quote.version, existing.number))];
  const taken = await dealTaken(ctx, quote.opportunity);
  if (taken) return taken;
  const version = await ctx.tx.quoteVersion.findUnique({ where: { quoteId_version: { quoteId: quote.id, version: quote.version } } });
  const snapshot = version ? snapshotSchema.safeParse(version.snapshot) : null;
  if (!version || !snapshot?.success) return [text(zhContracts.quoteVersionMissing(quote.code, quote.version))];
  const amountFen = Number(version.totalFen);
  return create(ctx, quote.opportunity, { amountFen, lines: snapshot.data.lines, quoteId: quote.id, quoteVersion: quote.version }, o);
}

/** 合同 新建 <商机#N|客户> <金额> …: on the opportunity named, or a customer's only open one. */
export async function contractDirect(ctx: ActionContext, head: string, o: ContractOptions): Promise<Reply[]> {
  const words = head.split(/\s+/).filter(Boolean);
  const amountWord = words.pop();
  if (!amountWord || !words.length) return [text(zhContracts.needAmount)];
  const amount = parseAmount(amountWord);
  if (!amount.ok) return [text(zhContracts.badAmount(MONEY_ERROR_TEXT[amount.error]))];
  const ref = words.join(" ");
  const oppCode = /^(?:商机\s*)?#\s*(\d{1,9})$|^商机\s*(\d{1,9})$/.exec(ref);
  let opp: (Opportunity & { customer: { name: string } }) | null = null;
  if (oppCode) {
    opp = await findOpportunityInScope(ctx.tx, ctx.actor, `#${oppCode[1] ?? oppCode[2]}`);
    if (!opp) return [text(zhOpportunities.oppNotFound(ref))];
  } else {
    const customer = await findCustomerInScope(ctx.tx, ctx.actor, ref);
    if (!customer) return [text(zhContracts.customerNotFound(ref))];
    const open = await ctx.tx.opportunity.findMany({ where: { AND: [{ customerId: customer.id, closedAt: null }, ownedWithin(ctx.actor)] }, include: { customer: { select: { name: true } } }, take: 2 });
    if (open.length !== 1) return [text(zhContracts.customerNoDeal(customer.name, open.length))];
    opp = open[0]!;
  }
  if (lostStage(ctx, opp)) return [text(zhContracts.oppClosedLost(opp.code))];
  return (await dealTaken(ctx, opp)) ?? create(ctx, opp, { amountFen: amount.value }, o);
}
