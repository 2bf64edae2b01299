import { z } from "zod";
import { formatAmountYuan, parseAmountYuan } from "../money/index.ts";
import { moveStage, stageOf, winStages, type MoveResult } from "./opportunities.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { zhOpportunities } from "./messages.ts";
import { zhRules } from "./messages-rules.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext, type ActionDef } from "../../actions/action.ts";
import { resolveOpportunity } from "./opportunity-ref.ts";
import type { Opportunity } from "../../generated/prisma/client.ts";

/** Why a stage move did not happen, as the rep reads it. */
export function explainMove(r: Exclude<MoveResult, { kind: "moved" }>, code: number, stage: string, current: string, settings: CrmSettings): Reply {
  switch (r.kind) {
    case "unknown_stage":
      return text(zhOpportunities.oppUnknownStage(stage, settings.opportunities.stages.map((s) => s.name)));
    case "same_stage":
      return text(zhOpportunities.oppSameStage(code, stage));
    case "closed":
      return text(zhOpportunities.oppClosed(code, current));
    case "missing": {
      const items = r.fields.map((f) => zhOpportunities.gateFields[f]!.label);
      const example = `商机 #${code} ${r.fields.map((f) => zhOpportunities.gateFields[f]!.example).join(" ")}`;
      return text(zhOpportunities.oppMissing(stage, items, example));
    }
    case "skip_needs_approval":
      return text(zhOpportunities.oppSkipNeedsReason(code, r.skipped, stage));
    case "needs_amount":
      return text(zhRules.oppWonNeedsAmount(code));
    case "win_needs_approval":
      return text(zhRules.oppWonTooEarly(code, current, winStages(settings)));
  }
}

async function move(
  ctx: ActionContext,
  ref: string,
  to: string,
  extra: { lostReason?: string; amount?: number },
  done: (code: number, from: string) => string,
) {
  const found = await resolveOpportunity(ctx, ref);
  if ("reply" in found) return [found.reply];
  const { opp } = found;
  const r = await moveStage(ctx.tx, ctx.actor, opp, to, ctx.now, ctx.settings, extra);
  return [r.kind === "moved" ? text(done(opp.code, r.from)) : explainMove(r, opp.code, to, opp.stage, ctx.settings)];
}

/** How a skip (or an early win) with a reason is filed for approval: the approvals domain
 * answers for it (given by the assembly point, as approvals act on opportunities). */
export type SkipApproval = (
  ctx: ActionContext,
  opp: Opportunity,
  to: string,
  skipped: string[],
  reason: string,
  moved: (code: number, from: string) => string,
  amount?: number,
) => Promise<Reply[]>;

/** 推进 (or 赢单) with a reason: a skip becomes an approval request to the manager; a plain move just moves. */
async function requestSkip(
  skipApproval: SkipApproval,
  ctx: ActionContext,
  ref: string,
  to: string,
  reason: string,
  moved: (code: number, from: string) => string,
  amount?: number,
) {
  const found = await resolveOpportunity(ctx, ref);
  if ("reply" in found) return [found.reply];
  const { opp } = found;
  const first = await moveStage(ctx.tx, ctx.actor, opp, to, ctx.now, ctx.settings, { amount });
  if (first.kind === "moved") return [text(moved(opp.code, first.from))];
  if (first.kind !== "skip_needs_approval" && first.kind !== "win_needs_approval") return [explainMove(first, opp.code, to, opp.stage, ctx.settings)];
  return skipApproval(ctx, opp, to, first.skipped, reason, moved, amount);
}

const outcomeStage = (settings: CrmSettings, outcome: "won" | "lost") => settings.opportunities.stages.find((s) => s.outcome === outcome)!.name;

const opportunityAdvanceAction = (skipApproval: SkipApproval) => defineAction({
  name: "opportunity.advance",
  command: "推进",
  aliases: ["advance", "move"],
  summary: "把商机推进到下一阶段；缺少阶段要求的信息时会告诉你缺什么",
  usage: "推进 <#编号> <阶段> [理由:跳阶段的理由]",
  example: "推进 #5 需求确认",
  params: z.object({
    ref: z.string().trim().min(1).max(32),
    stage: z.string().trim().min(1).max(16),
    reason: z.string().trim().min(1).max(500).optional(),
  }),
  labels: { ref: "商机编号", stage: "阶段", reason: "理由" },
  positional: ["ref", "stage"],
  named: { 理由: "reason", reason: "reason" },
  restOfLine: ["理由", "reason"],
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  async run(ctx, p) {
    const moved = (code: number, from: string) => zhOpportunities.oppMoved(code, from, p.stage, stageOf(ctx.settings, p.stage)!.probability);
    if (p.reason === undefined) return move(ctx, p.ref, p.stage, {}, moved);
    return requestSkip(skipApproval, ctx, p.ref, p.stage, p.reason, moved);
  },
});

const opportunityWonAction = (skipApproval: SkipApproval) => defineAction({
  name: "opportunity.won",
  command: "赢单",
  aliases: ["won", "win"],
  summary: "商机赢单，记下成交金额（从较早阶段赢单要写理由送审批）",
  usage: "赢单 <#编号> <金额> [理由:从较早阶段直接赢单的理由]",
  example: "赢单 #5 48万",
  params: z.object({
    ref: z.string().trim().min(1).max(32),
    amount: z.string().transform((v, c) => parseAmountYuan(v) ?? (c.addIssue({ code: "custom", message: zhOpportunities.oppBadAmount(v) }), z.NEVER)),
    reason: z.string().trim().min(1).max(500).optional(),
  }),
  labels: { ref: "商机编号", amount: "成交金额", reason: "理由" },
  positional: ["ref", "amount"],
  named: { 理由: "reason", reason: "reason" },
  restOfLine: ["理由", "reason"],
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  async run(ctx, p) {
    const won = (code: number) => zhOpportunities.oppWon(code, formatAmountYuan(p.amount));
    const stage = outcomeStage(ctx.settings, "won");
    if (p.reason === undefined) return move(ctx, p.ref, stage, { amount: p.amount }, won);
    return requestSkip(skipApproval, ctx, p.ref, stage, p.reason, won, p.amount);
  },
});

const opportunityLostAction = defineAction({
  name: "opportunity.lost",
  command: "输单",
  aliases: ["lost", "lose"],
  summary: "商机输单，必须写原因（用于复盘）",
  usage: "输单 <#编号> <原因>",
  example: "输单 #5 预算被砍，明年再议",
  params: z.object({ ref: z.string().trim().min(1).max(32), reason: z.string().trim().min(1).max(500) }),
  labels: { ref: "商机编号", reason: "输单原因" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, reason: rest.join(" ") || undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  async run(ctx, p) {
    return move(ctx, p.ref, outcomeStage(ctx.settings, "lost"), { lostReason: p.reason }, (code) => zhOpportunities.oppLost(code, p.reason));
  },
});

/** 推进, 赢单 and 输单, with skips filed for approval by `skipApproval`. */
export function opportunityStageActions(skipApproval: SkipApproval): ActionDef[] {
  return [opportunityAdvanceAction(skipApproval), opportunityWonAction(skipApproval), opportunityLostAction];
}
