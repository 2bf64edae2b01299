// `商机 #N` alone: what the opportunity holds — stage, amounts, the approved discount, dates,
// decision maker, needs, owner — with how to fill the rest.
import { formatAmount } from "../crm/amount.ts";
import { formatDiscount } from "../crm/discount.ts";
import { stageOf, type OpportunityWithCustomer } from "../crm/opportunities.ts";
import { formatWhen } from "../crm/when.ts";
import { zh } from "../messages/zh.ts";
import { text, type Reply } from "../render/reply.ts";
import type { ActionContext } from "./action.ts";

export async function opportunityDetails(ctx: ActionContext, opp: OpportunityWithCustomer): Promise<Reply> {
  const owner = opp.ownerId ? await ctx.tx.user.findUnique({ where: { id: opp.ownerId } }) : null;
  const field = (label: string, value: string | null | undefined) => (value ? [zh.oppViewField(label, value)] : []);
  const money = (v: { toString(): string } | null) => (v === null ? null : formatAmount(Number(v)));
  const lines = [
    zh.oppViewTitle(opp.code, opp.name, opp.customer.name),
    zh.oppViewStage(opp.stage, stageOf(ctx.settings, opp.stage)?.probability ?? 0),
    ...field(zh.gateFields["amount"]!.label, money(opp.amount)),
    ...field(zh.gateFields["budget"]!.label, money(opp.budget)),
    ...field(zh.oppDiscountLabel, opp.discount === null ? null : formatDiscount(Number(opp.discount))),
    ...field(zh.gateFields["expectedCloseDate"]!.label, opp.expectedCloseDate ? formatWhen(opp.expectedCloseDate, ctx.timeZone).split(" ")[0] : null),
    ...field(zh.gateFields["decisionMaker"]!.label, opp.decisionMaker),
    ...field(zh.gateFields["needsAnalysis"]!.label, opp.needsAnalysis),
    ...field(zh.gateFields["lostReason"]!.label, opp.lostReason),
    ...field(zh.oppOwnerLabel, owner ? (owner.name ?? owner.wecomUserId) : null),
  ];
  if (!opp.closedAt) lines.push(zh.oppViewHint(opp.code));
  return text(lines.join("\n"));
}
