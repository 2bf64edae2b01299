// 渠道分析 / 活动分析 [期间] [销售] and 活动 [名称] [成本 金额]: conversion per lead source and
// per campaign, and the spend that prices it. Default period: this month (活动 and
// 活动 <名称>: all time, like the spend they set against).
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { zh } from "../../messages/zh.ts";
import { text, type Reply } from "../../render/reply.ts";
import { MONEY_ERROR_TEXT, parseAmount } from "../money/index.ts";
import { conversionReport, type LeadRange } from "./campaign-figures.ts";
import { campaignKnown, MAX_CAMPAIGN_COST_FEN, setCampaignCost } from "./campaign-spend.ts";
import { campaignsReply, sourcesReply } from "./campaign-view.ts";
import { zhCampaigns } from "./messages-campaigns.ts";
import { parsePeriod, periodAt } from "./period.ts";
import { periodAndWho } from "./report-args.ts";
import { namedScope, reportScope, type ReportScope } from "./report-scope.ts";

const COST_WORD = "成本";

function periodAndPerson(tokens: string[]): TokenResult {
  const read = periodAndWho(tokens, zhCampaigns.badPeriod);
  if (!read.ok) return read;
  const { period, who, extra } = read.raw;
  if (extra.length) return { ok: false, problem: zh.tooManyParams(extra.join(" ")) };
  return { ok: true, raw: { ...(period !== undefined ? { period } : {}), ...(who !== undefined ? { person: who } : {}) } };
}

const reportParams = z.object({ period: z.string().trim().min(1).max(20).optional(), person: z.string().trim().min(1).max(32).optional() });

type Scoped = { scope: ReportScope; whose: string };

/** The actor's scope, or one person's or team's when named and readable; a refusal otherwise. */
async function scopeFor(ctx: ActionContext, person: string | undefined): Promise<Scoped | Reply[]> {
  if (person !== undefined) {
    const named = await namedScope(ctx.tx, ctx.actor, person);
    if (named.kind === "none") return [text(zhCampaigns.personNotVisible(person))];
    if (named.kind === "team_denied") return [text(zhCampaigns.teamNotVisible(named.name))];
    return { scope: named.scope, whose: zhCampaigns.whosePerson(named.name) };
  }
  const scope = await reportScope(ctx.tx, ctx.actor);
  return { scope, whose: scope.kind === "all" ? zhCampaigns.whoseAll : scope.kind === "team" ? zhCampaigns.whoseTeam : zhCampaigns.whoseSelf };
}

async function periodReport(ctx: ActionContext, p: z.infer<typeof reportParams>, draw: typeof sourcesReply, title: (period: string, whose: string) => string, file: string): Promise<Reply[]> {
  const period = p.period === undefined ? periodAt("month", ctx.now, ctx.timeZone) : parsePeriod(p.period, ctx.now, ctx.timeZone);
  if (!period) return [text(zhCampaigns.badPeriod(p.period!))];
  const scoped = await scopeFor(ctx, p.person);
  if (Array.isArray(scoped)) return scoped;
  const range: LeadRange = { from: period.from, to: period.to };
  const report = await conversionReport(ctx.tx, ctx.settings, { scope: scoped.scope, viewerSeesCost: ctx.actor.role !== "rep", range });
  return draw(report, title(period.label, scoped.whose), period.label, `${file}-${period.key}.png`);
}

export const sourceReportAction = defineAction({
  name: "report.sources",
  command: "渠道分析",
  aliases: ["线索来源", "来源分析", "sources"],
  summary: "各线索来源的转化：线索 → MQL → 转化 → 赢单 → 成交额和回款，附图",
  usage: "渠道分析 [期间] [销售]",
  example: "渠道分析 上月",
  params: reportParams,
  labels: { period: "期间", person: "销售" },
  fromTokens: periodAndPerson,
  roles: ALL_ROLES,
  effect: "read",
  run: (ctx, p) => periodReport(ctx, p, sourcesReply, zhCampaigns.sourcesTitle, "sources"),
});

export const campaignReportAction = defineAction({
  name: "report.campaigns",
  command: "活动分析",
  aliases: ["campaigns"],
  summary: "各活动的转化、成交和回款，记了成本的还有单条线索成本和 ROI，附图",
  usage: "活动分析 [期间] [销售]",
  example: "活动分析 本季",
  params: reportParams,
  labels: { period: "期间", person: "销售" },
  fromTokens: periodAndPerson,
  roles: ALL_ROLES,
  effect: "read",
  run: (ctx, p) => periodReport(ctx, p, campaignsReply, zhCampaigns.campaignsTitle, "campaigns"),
});

/** 活动 | 活动 <名称> | 活动 <名称> 成本 <金额> [备注:…] (成本2万 glued too). */
function campaignTokens(tokens: string[]): TokenResult {
  const [name, ...rest] = tokens;
  if (name === undefined) return { ok: true, raw: {} };
  if (rest.length === 0) return { ok: true, raw: { name } };
  const [word, ...after] = rest;
  if (!word!.startsWith(COST_WORD)) return { ok: false, problem: zh.tooManyParams(rest.join(" ")) };
  const glued = word!.slice(COST_WORD.length);
  const values = glued ? [glued, ...after] : after;
  if (values.length > 1) return { ok: false, problem: zh.tooManyParams(values.slice(1).join(" ")) };
  return { ok: true, raw: { name, cost: values[0] ?? "" } };
}

export const campaignAction = defineAction({
  name: "report.campaign",
  command: "活动",
  aliases: ["campaign"],
  summary: "活动列表及其转化；经理和管理员用「活动 <名称> 成本 <金额>」记录花费（新数字覆盖旧的）",
  usage: "活动 [名称] [成本 <金额>] [备注:…]",
  example: "活动 双11直播 成本 2万",
  params: z.object({
    name: z.string().trim().min(1).max(64).optional(),
    cost: z.string().trim().max(32).optional(),
    note: z.string().trim().min(1).max(200).optional(),
  }),
  labels: { name: "活动名称", cost: "成本", note: "备注" },
  fromTokens: campaignTokens,
  named: { 备注: "note", note: "note" },
  restOfLine: ["备注", "note"],
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    if (p.cost !== undefined) {
      if (ctx.actor.role === "rep") return [text(zhCampaigns.costWriteDenied)];
      if (p.cost === "") return [text(zhCampaigns.costMissing)];
      // A cost is money spent: above 0, at most 1亿元.
      const fen = parseAmount(p.cost);
      if (!fen.ok) return [text(zhCampaigns.costBad(p.cost, MONEY_ERROR_TEXT[fen.error]))];
      if (fen.value > MAX_CAMPAIGN_COST_FEN) return [text(zhCampaigns.costTooLarge(p.cost))];
      const change = await setCampaignCost(ctx.tx, ctx.actor, p.name!, fen.value, p.note, ctx.now);
      return [text(zhCampaigns.costSet(change.name, change.afterFen, change.beforeFen))];
    }
    const scoped = await scopeFor(ctx, undefined);
    if (Array.isArray(scoped)) return scoped;
    if (p.name !== undefined && !(await campaignKnown(ctx.tx, p.name))) return [text(zhCampaigns.noSuchCampaign(p.name))];
    const report = await conversionReport(ctx.tx, ctx.settings, { scope: scoped.scope, viewerSeesCost: ctx.actor.role !== "rep", range: null, campaign: p.name });
    const title = p.name === undefined ? zhCampaigns.campaignsTitle(zhCampaigns.allTime, scoped.whose) : zhCampaigns.oneCampaignTitle(p.name, scoped.whose);
    return campaignsReply(report, title, zhCampaigns.allTime, "campaigns-all.png");
  },
});

export const campaignActions = [sourceReportAction, campaignReportAction, campaignAction];
