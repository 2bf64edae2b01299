// 申请折扣 and 申请合同审批: file a request on an opportunity; the flows in the config pick
// the approvers, who get cards.
import { z } from "zod";
import { zhOpportunities, resolveOpportunity } from "../opportunities/index.ts";
import { applyWithinAuthority, submitApproval, type NewSubmission } from "./approval-submit.ts";
import { formatDiscountShare, parseDiscountShare } from "../money/index.ts";
import { zhApprovals } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { announceRequest, approverNames } from "./approval-card.ts";

type Built = { submission: NewSubmission } | { reply: Reply };

async function file(ctx: ActionContext, ref: string, build: (opp: NewSubmission["opp"]) => Built, direct: (code: number) => string): Promise<Reply[]> {
  const found = await resolveOpportunity(ctx, ref);
  if ("reply" in found) return [found.reply];
  const built = build(found.opp);
  if ("reply" in built) return [built.reply];
  const { submission } = built;
  const kind = zhApprovals.approvalKinds[submission.kind]!;
  const r = await submitApproval(ctx.tx, ctx.actor, submission, ctx.now, ctx.settings, ctx.admins);
  switch (r.kind) {
    case "already_pending":
      return [text(zhApprovals.approvalPending(kind, r.code))];
    case "missing_approver":
      return [text(zhOpportunities.approvalMissingApprover(r.who))];
    case "no_approval_needed": {
      await applyWithinAuthority(ctx.tx, ctx.actor, submission, ctx.now, ctx.settings);
      return [text(zhApprovals.approvalNotNeeded(direct(found.opp.code)))];
    }
    case "requested":
      await announceRequest(ctx, r.request, r.first, r.ccIds);
      return [text(zhApprovals.approvalRequested(kind, r.request.code, approverNames(r.first)))];
  }
}

export const discountRequestAction = defineAction({
  name: "approval.discount",
  command: "申请折扣",
  aliases: ["discount"],
  summary: "为商机申请特殊折扣，按规则送主管审批",
  usage: "申请折扣 <#商机> <折扣> <理由>",
  example: "申请折扣 #5 85折 客户预算有限，竞品报价更低",
  params: z.object({
    ref: z.string().trim().min(1).max(32),
    discount: z.string().transform((v, c) => parseDiscountShare(v) ?? (c.addIssue({ code: "custom", message: zhApprovals.badDiscount(v) }), z.NEVER)),
    reason: z.string().trim().min(1).max(500),
  }),
  labels: { ref: "商机编号", discount: "折扣", reason: "理由" },
  fromTokens: ([ref, discount, ...rest]) => ({ ok: true, raw: { ref, discount, reason: rest.join(" ") || undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  run: (ctx, p) =>
    file(
      ctx,
      p.ref,
      (opp) => ({
        submission: { kind: "discount", opp, facts: { discount: p.discount, amount: opp.amount ? Number(opp.amount) : undefined }, payload: { discount: p.discount }, reason: p.reason },
      }),
      (code) => zhApprovals.effectDiscount(code, formatDiscountShare(p.discount)),
    ),
});

export const contractRequestAction = defineAction({
  name: "approval.contract",
  command: "申请合同审批",
  // "contract" is 合同's (the contract records); this opportunity-level request keeps a longer one
  aliases: ["contract-approval"],
  summary: "商机进入签约前申请合同审批（大额会签财务和总监，法务条款改动给法务）",
  usage: "申请合同审批 <#商机> [法务:有改动] <说明>",
  example: "申请合同审批 #5 法务:有改动 付款方式改为分三期",
  params: z.object({
    ref: z.string().trim().min(1).max(32),
    legal: z.enum(["有改动", "无改动", "yes", "no"]).optional(),
    reason: z.string().trim().min(1).max(500),
  }),
  labels: { ref: "商机编号", legal: "法务条款", reason: "说明" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, reason: rest.join(" ") || undefined } }),
  named: { 法务: "legal", legal: "legal" },
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  run: (ctx, p) =>
    file(
      ctx,
      p.ref,
      (opp) => {
        if (!opp.amount) return { reply: text(zhApprovals.contractNoAmount(opp.code)) };
        const amount = Number(opp.amount);
        const legalTermsChanged = p.legal === "有改动" || p.legal === "yes";
        return { submission: { kind: "contract", opp, facts: { amount, legalTermsChanged }, payload: { amount, legalTermsChanged }, reason: p.reason } };
      },
      (code) => zhApprovals.effectContract(code),
    ),
});
