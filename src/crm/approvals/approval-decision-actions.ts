// 同意 / 驳回 (buttons on the card, or typed: 同意 #12, 驳回 #12 <理由>) and 撤回审批. The
// clicked card shows the outcome; the other approvers' cards of an 或签 step show who handled
// it (or, when a card can no longer be updated, a message says so); the requester hears back.
import { z } from "zod";
import { decide, withdraw, type DecideResult, type TaskWithApprover } from "./approval-decisions.ts";
import type { EffectResult } from "./approval-effects.ts";
import { formatDiscountShare } from "../money/index.ts";
import type { ApprovalRequest } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { zhApprovals } from "./messages.ts";
import { cardUpdate, text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { approverNames, sendCards, summaryOf } from "./approval-card.ts";
import { approvalCodeParam, codeOf } from "./approval-view-actions.ts";

/** Updates the card an approver was sent (using the code WeCom returned when it was sent). */
async function updateSentCard(ctx: ActionContext, task: TaskWithApprover, replaceName: string, fallback: string): Promise<void> {
  const sent = task.cardTaskId
    ? await ctx.tx.outboxMessage.findFirst({ where: { recipient: task.approver.wecomUserId, status: "sent", body: { path: ["card", "taskId"], equals: task.cardTaskId } } })
    : null;
  const click = sent?.responseCode && sent.sentAt ? { taskId: task.cardTaskId!, responseCode: sent.responseCode, clickedAt: sent.sentAt } : undefined;
  ctx.notify(task.approver, cardUpdate(click, replaceName, fallback));
}

/** A decision typed rather than clicked: the approver's own card is updated all the same,
 * so its buttons cannot be pressed afterwards. */
async function updateOwnCard(ctx: ActionContext, requestId: string, replaceName: string, said: string): Promise<void> {
  if (ctx.card?.responseCode) return;
  const task = await ctx.tx.approvalTask.findFirst({ where: { approverId: ctx.actor.id, step: { requestId }, cardTaskId: { not: null } }, include: { approver: true }, orderBy: { id: "desc" } });
  if (task) await updateSentCard(ctx, task, replaceName, said);
}

function effectText(request: ApprovalRequest, oppCode: number, effect: EffectResult | null): string {
  if (!effect) return "";
  if (!effect.ok) return zhApprovals.effectFailed(effect.why);
  const p = request.payload as { toStage?: string; discount?: number };
  if (request.kind === "stage_skip") return zhApprovals.effectSkip(oppCode, p.toStage ?? "");
  if (request.kind === "discount") return zhApprovals.effectDiscount(oppCode, formatDiscountShare(p.discount ?? 1));
  if (request.kind === "invoice") return zhApprovals.effectInvoice(summaryOf(request));
  return zhApprovals.effectContract(oppCode);
}

async function tellEveryone(ctx: ActionContext, r: Extract<DecideResult, { kind: "decided" }>, comment: string | undefined): Promise<void> {
  const who = zh.whoName(ctx.actor.name, ctx.actor.wecomUserId);
  const status = zhApprovals.approvalStatus[r.decision]!;
  for (const t of r.superseded) await updateSentCard(ctx, t, zhApprovals.cardHandledBy(who), zhApprovals.handledByFallback(r.request.code, who, status));
  const kind = zhApprovals.approvalKinds[r.request.kind] ?? r.request.kind;
  if (r.next.length) {
    await sendCards(ctx, r.request, r.next);
    ctx.notify(r.requester, text(zhApprovals.requesterProgress(kind, r.request.code, who, approverNames(r.next))));
  }
  if (r.outcome === "approved") {
    const opp = r.request.opportunityId ? await ctx.tx.opportunity.findUnique({ where: { id: r.request.opportunityId } }) : null;
    ctx.notify(r.requester, text(zhApprovals.requesterApproved(kind, r.request.code, effectText(r.request, opp?.code ?? 0, r.effect))));
  }
  if (r.outcome === "rejected") ctx.notify(r.requester, text(zhApprovals.requesterRejected(kind, r.request.code, who, comment ?? "")));
}

function refusal(r: Exclude<DecideResult, { kind: "decided" }>, ref: string): Reply {
  switch (r.kind) {
    case "not_found":
      return text(zhApprovals.approvalNotFound(ref.replace("#", "")));
    case "already":
      if (r.by) return text(zhApprovals.handledByFallback(r.request.code, zh.whoName(r.by.approver.name, r.by.approver.wecomUserId), zhApprovals.taskStatus[r.by.status] ?? ""));
      return text(zhApprovals.approvalAlreadyDone(r.request.code, zhApprovals.taskStatus[r.mine.status] ?? ""));
    case "not_your_turn":
      if (r.request.status !== "pending") return text(zhApprovals.approvalClosed(r.request.code, zhApprovals.approvalStatus[r.request.status] ?? ""));
      if (r.mine) return text(zhApprovals.approvalNotYetYourTurn(r.request.code, approverNames(r.current)));
      return text(zhApprovals.approvalNotYourTurn(r.request.code));
  }
}

export const approveAction = defineAction({
  name: "approval.approve",
  command: "同意",
  aliases: ["approve", "批准"],
  summary: "同意一个等你审批的申请（卡片上的「同意」也一样）",
  usage: "同意 #<编号> [意见]",
  example: "同意 #12 注意回款节点",
  params: z.object({ ref: approvalCodeParam, comment: z.string().trim().max(200).optional() }),
  labels: { ref: "审批编号", comment: "意见" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, comment: rest.join(" ") || undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  freeText: "typed",
  async run(ctx, p) {
    const r = await decide(ctx.tx, ctx.actor, codeOf(p.ref), "approved", p.comment, ctx.now, ctx.settings);
    if (r.kind !== "decided") return [refusal(r, p.ref)];
    await tellEveryone(ctx, r, p.comment);
    const said = zhApprovals.approvedByYou(r.request.code, r.outcome === "pending" && r.next.length === 0);
    await updateOwnCard(ctx, r.request.id, zhApprovals.cardApproved, said);
    return [cardUpdate(ctx.card, zhApprovals.cardApproved, said)];
  },
});

export const rejectAction = defineAction({
  name: "approval.reject",
  command: "驳回",
  aliases: ["reject"],
  summary: "驳回一个等你审批的申请，必须写理由",
  usage: "驳回 #<编号> <理由>",
  example: "驳回 #12 折扣太低，最多给到9折",
  params: z.object({ ref: approvalCodeParam, reason: z.string().trim().max(200).optional() }),
  labels: { ref: "审批编号", reason: "理由" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, reason: rest.join(" ") || undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  freeText: "typed",
  async run(ctx, p) {
    // The card's 驳回 carries no reason: ask for it; the card stays as it is until then.
    if (!p.reason) return [text(zhApprovals.rejectNeedsReason(codeOf(p.ref)))];
    const r = await decide(ctx.tx, ctx.actor, codeOf(p.ref), "rejected", p.reason, ctx.now, ctx.settings);
    if (r.kind !== "decided") return [refusal(r, p.ref)];
    await tellEveryone(ctx, r, p.reason);
    await updateOwnCard(ctx, r.request.id, zhApprovals.cardRejected, zhApprovals.rejectedByYou(r.request.code));
    return [cardUpdate(ctx.card, zhApprovals.cardRejected, zhApprovals.rejectedByYou(r.request.code))];
  },
});

export const withdrawAction = defineAction({
  name: "approval.withdraw",
  command: "撤回审批",
  aliases: ["withdraw"],
  summary: "撤回你提交的、还在审批中的申请",
  usage: "撤回审批 #<编号>",
  example: "撤回审批 #12",
  params: z.object({ ref: approvalCodeParam }),
  labels: { ref: "审批编号" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const r = await withdraw(ctx.tx, ctx.actor, codeOf(p.ref), ctx.now);
    if (r.kind === "not_found") return [text(zhApprovals.withdrawNotFound(p.ref.replace("#", "")))];
    if (r.kind === "not_pending") return [text(zhApprovals.approvalClosed(r.request.code, zhApprovals.approvalStatus[r.request.status] ?? ""))];
    const who = zh.whoName(ctx.actor.name, ctx.actor.wecomUserId);
    for (const t of r.pending) await updateSentCard(ctx, t, zhApprovals.cardWithdrawn, zhApprovals.withdrawnNotice(who, r.request.code));
    return [text(zhApprovals.withdrawn(r.request.code))];
  },
});
