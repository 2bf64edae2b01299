// What 商机 #N alone shows (and the 查看商机 button of a stalled-deal notice): the
// opportunity with every field it has, its stage and days in it, and how to update it.
import { formatAmountYuan, formatDiscountShare } from "../money/index.ts";
import { daysInStage } from "./opportunity-stall.ts";
import type { OpportunityWithCustomer } from "./opportunities.ts";
import { formatWhen } from "../../time/when.ts";
import { zhOpportunities } from "./messages.ts";
import { FORECAST_CATEGORY_LABELS, isForecastCategory } from "./forecast-category.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";

export async function opportunityView(ctx: ActionContext, opp: OpportunityWithCustomer): Promise<Reply> {
  const day = (d: Date) => formatWhen(d, ctx.timeZone).split(" ")[0]!;
  const owner = opp.ownerId ? await ctx.tx.user.findUnique({ where: { id: opp.ownerId }, select: { name: true, wecomUserId: true } }) : null;
  const labels = zhOpportunities.oppViewLabels;
  const gate = (key: string) => zhOpportunities.gateFields[key]!.label;
  const rows: Array<[string, string | null]> = [
    [labels["stage"]!, opp.closedAt ? opp.stage : zhOpportunities.oppViewStage(opp.stage, daysInStage(opp, ctx.now))],
    [gate("amount"), opp.amount === null ? null : formatAmountYuan(Number(opp.amount))],
    [gate("budget"), opp.budget === null ? null : formatAmountYuan(Number(opp.budget))],
    [gate("expectedCloseDate"), opp.expectedCloseDate ? day(opp.expectedCloseDate) : null],
    [gate("needsAnalysis"), opp.needsAnalysis],
    [gate("decisionMaker"), opp.decisionMaker],
    [zhOpportunities.forecastLabel, isForecastCategory(opp.forecastCategory) ? FORECAST_CATEGORY_LABELS[opp.forecastCategory] : null],
    [labels["discount"]!, opp.discount === null ? null : formatDiscountShare(Number(opp.discount))],
    [labels["contract"]!, opp.contractStatus ? (zhOpportunities.oppViewContract[opp.contractStatus] ?? opp.contractStatus) : null],
    [gate("lostReason"), opp.lostReason],
    [labels["closed"]!, opp.closedAt ? day(opp.closedAt) : null],
    [labels["owner"]!, owner ? (owner.name ?? owner.wecomUserId) : null],
  ];
  const lines = rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== "").map(([label, value]) => zhOpportunities.oppViewLine(label, value));
  return text([zhOpportunities.oppViewTitle(opp.code, opp.name, opp.customer.name), ...lines, ...(opp.closedAt ? [] : [zhOpportunities.oppViewHint(opp.code)])].join("\n"));
}
