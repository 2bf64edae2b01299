// The card an approver gets (同意 / 驳回 buttons carrying the request number), and the
// messages that go with a new request: cards to the first approvers, a note to the cc list.
import { formatAmountYuan, formatDiscountShare } from "../money/index.ts";
import type { TaskWithApprover } from "./approval-decisions.ts";
import type { ApprovalRequest, User } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { zhApprovals } from "./messages.ts";
import { card, text, type Reply } from "../../render/reply.ts";
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import type { ActionContext } from "../../actions/action.ts";

interface RequestView {
  request: ApprovalRequest;
  requester: User;
  customer: string;
  oppCode: number;
  amount: number | null;
}

/** `summary`: a line the filing domain wrote (a contract's or an invoice's number and amount). */
type Payload = { discount?: number; fromStage?: string; toStage?: string; legalTermsChanged?: boolean; amount?: number; summary?: string };

/** One line saying what is asked: 85折 / 120万 / 初步沟通 → 报价谈判. */
export function summaryOf(request: ApprovalRequest): string {
  const p = request.payload as Payload;
  if (typeof p.summary === "string") return p.summary;
  if (request.kind === "discount" && p.discount !== undefined) return formatDiscountShare(p.discount);
  if (request.kind === "stage_skip" && p.toStage) return `${p.fromStage} → ${p.toStage}`;
  if (request.kind === "contract") return `${p.amount !== undefined ? formatAmountYuan(p.amount) : ""}${p.legalTermsChanged ? "，法务条款有改动" : ""}`;
  return "";
}

export function approvalCard(v: RequestView, task: TaskWithApprover): Reply {
  const p = v.request.payload as Payload;
  const who = zh.whoName(v.requester.name, v.requester.wecomUserId);
  const kind = zhApprovals.approvalKinds[v.request.kind] ?? v.request.kind;
  const fields = [
    { label: zhApprovals.fieldRequester, value: who },
    { label: zhApprovals.fieldCustomer, value: `${v.customer}（商机 #${v.oppCode}）`.slice(0, 64) },
    ...(v.amount !== null ? [{ label: zhApprovals.fieldAmount, value: formatAmountYuan(v.amount) }] : []),
    ...(p.discount !== undefined ? [{ label: zhApprovals.fieldDiscount, value: formatDiscountShare(p.discount) }] : []),
    ...(p.toStage ? [{ label: zhApprovals.fieldStages, value: `${p.fromStage} → ${p.toStage}` }] : []),
    ...(p.legalTermsChanged ? [{ label: zhApprovals.fieldLegal, value: zhApprovals.legalChanged }] : []),
    ...(typeof p.summary === "string" ? [{ label: zhApprovals.fieldSubject, value: p.summary.slice(0, 64) }] : []),
  ];
  return card({
    taskId: task.cardTaskId!,
    title: zhApprovals.approvalCardTitle(kind, v.request.code),
    description: zhApprovals.approvalCardDesc(who),
    fields: fields.slice(0, 6),
    quote: v.request.reason.slice(0, 200),
    buttons: [
      { key: `${COMMAND_KEY_PREFIX}同意 #${v.request.code}`, text: zhApprovals.approveButton, style: "primary" },
      { key: `${COMMAND_KEY_PREFIX}驳回 #${v.request.code}`, text: zhApprovals.rejectButton, style: "danger" },
    ],
  });
}

export async function viewOf(ctx: ActionContext, request: ApprovalRequest): Promise<RequestView> {
  const requester = await ctx.tx.user.findUniqueOrThrow({ where: { id: request.requesterId } });
  const opp = request.opportunityId
    ? await ctx.tx.opportunity.findUnique({ where: { id: request.opportunityId }, include: { customer: { select: { name: true } } } })
    : null;
  // a request about a record of its own (an invoice, a quote's discount) shows that record's
  // amount, not the deal's
  const own = request.payload as { subject?: unknown; quoteId?: unknown; amount?: unknown };
  const ownAmount = (typeof own.subject === "string" || typeof own.quoteId === "string") && typeof own.amount === "number";
  const amount = ownAmount ? (own.amount as number) : opp?.amount ? Number(opp.amount) : null;
  return { request, requester, customer: opp?.customer.name ?? "", oppCode: opp?.code ?? 0, amount };
}

/** Cards to these approvers (a step that just became current). */
export async function sendCards(ctx: ActionContext, request: ApprovalRequest, tasks: TaskWithApprover[]): Promise<void> {
  const view = await viewOf(ctx, request);
  for (const t of tasks) ctx.notify(t.approver, approvalCard(view, t));
}

/** Cards to the first approvers and a note to everyone copied. */
export async function announceRequest(ctx: ActionContext, request: ApprovalRequest, first: TaskWithApprover[], ccIds: string[]): Promise<void> {
  await sendCards(ctx, request, first);
  if (ccIds.length === 0) return;
  const kind = zhApprovals.approvalKinds[request.kind] ?? request.kind;
  const note = text(zhApprovals.approvalCc(zh.whoName(ctx.actor.name, ctx.actor.wecomUserId), kind, request.code, summaryOf(request)));
  for (const u of await ctx.tx.user.findMany({ where: { id: { in: ccIds } } })) ctx.notify(u, note);
}

export const approverNames = (tasks: TaskWithApprover[]): string => tasks.map((t) => zh.whoName(t.approver.name, t.approver.wecomUserId)).join("、");
