import { z } from "zod";
import { formatAmountYuan, parseAmountYuan } from "../money/index.ts";
import { openOpportunitiesOf, updateOpportunity, type OpportunityFields } from "./opportunities.ts";
import { formatWhen, parseWhen } from "../../time/when.ts";
import { zhOpportunities } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, everyonesListing } from "../../actions/action.ts";
import { resolveOpportunity } from "./opportunity-ref.ts";
import { opportunityView } from "./opportunity-view.ts";
import { FORECAST_CATEGORY_LABELS, parseForecastCategory } from "./forecast-category.ts";

const dateOnly = (d: Date, tz: string) => formatWhen(d, tz).split(" ")[0]!;

export const opportunityMineAction = defineAction({
  name: "opportunity.mine",
  command: "我的商机",
  aliases: ["myopps", "opps"],
  summary: "列出你进行中的商机",
  usage: "我的商机",
  example: "我的商机",
  ...everyonesListing,
  async run(ctx) {
    const opps = await openOpportunitiesOf(ctx.tx, ctx.actor, 30);
    if (opps.length === 0) return [text(zhOpportunities.oppListEmpty)];
    const lines = opps.map((o) =>
      zhOpportunities.oppLine(o.code, o.name, o.stage, o.amount ? formatAmountYuan(Number(o.amount)) : null, o.expectedCloseDate ? dateOnly(o.expectedCloseDate, ctx.timeZone) : null),
    );
    return [text([zhOpportunities.oppListTitle(opps.length), ...lines].join("\n"))];
  },
});

export const opportunityUpdateAction = defineAction({
  name: "opportunity.update",
  command: "商机",
  aliases: ["opp"],
  summary: "查看一个商机（只写编号），或填写商机信息（阶段门槛要用）：需求、预算、金额、预计成交、决策人，以及你的预测分类（承诺、可能、乐观）",
  usage: "商机 <#编号> [需求:…] [预算:…] [金额:…] [预计成交:…] [决策人:…] [预测:承诺|可能|乐观]",
  example: "商机 #5 预算:50万 需求:私有化部署",
  params: z.object({
    ref: z.string().trim().min(1).max(32),
    needsAnalysis: z.string().trim().min(1).max(500).optional(),
    budget: z.string().optional(),
    amount: z.string().optional(),
    expectedCloseDate: z.string().optional(),
    decisionMaker: z.string().trim().min(1).max(32).optional(),
    forecastCategory: z.string().trim().min(1).max(8).optional(),
  }),
  labels: { ref: "商机编号" },
  positional: ["ref"],
  named: { 需求: "needsAnalysis", 预算: "budget", 金额: "amount", 预计成交: "expectedCloseDate", 决策人: "decisionMaker", 预测: "forecastCategory" },
  restOfLine: ["需求"],
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  async run(ctx, p) {
    const fields: OpportunityFields = {};
    const said: string[] = [];
    for (const key of ["budget", "amount"] as const) {
      if (p[key] === undefined) continue;
      const yuan = parseAmountYuan(p[key]);
      if (yuan === null) return [text(zhOpportunities.oppBadAmount(p[key]))];
      fields[key] = yuan;
      said.push(`${zhOpportunities.gateFields[key]!.label} ${formatAmountYuan(yuan)}`);
    }
    if (p.expectedCloseDate !== undefined) {
      const at = parseWhen(p.expectedCloseDate, ctx.now, ctx.timeZone);
      if (!at) return [text(zhOpportunities.oppBadDate(p.expectedCloseDate))];
      fields.expectedCloseDate = at;
      said.push(`${zhOpportunities.gateFields["expectedCloseDate"]!.label} ${dateOnly(at, ctx.timeZone)}`);
    }
    for (const key of ["needsAnalysis", "decisionMaker"] as const) {
      if (p[key] === undefined) continue;
      fields[key] = p[key];
      said.push(`${zhOpportunities.gateFields[key]!.label} ${p[key]}`);
    }
    if (p.forecastCategory !== undefined) {
      const category = parseForecastCategory(p.forecastCategory);
      if (category === undefined) return [text(zhOpportunities.oppBadForecastCategory(p.forecastCategory))];
      fields.forecastCategory = category;
      said.push(`${zhOpportunities.forecastLabel} ${category ? FORECAST_CATEGORY_LABELS[category] : zhOpportunities.forecastNone}`);
    }
    const found = await resolveOpportunity(ctx, p.ref);
    if ("reply" in found) return [found.reply];
    const { opp } = found;
    // Only the number: show it (what the stalled-deal card's 查看商机 button runs).
    if (said.length === 0) return [await opportunityView(ctx, opp)];
    // The forecast counts open deals only: a category on a won or lost deal would mean nothing.
    if (opp.closedAt && fields.forecastCategory) return [text(zhOpportunities.oppForecastClosed(opp.code, opp.stage))];
    await updateOpportunity(ctx.tx, ctx.actor, opp, fields, ctx.now);
    return [text(zhOpportunities.oppUpdated(opp.code, said))];
  },
});
