// Changes to a contract: 作废 <原因> (never once a confirmed 回款 exists, nor while issued or
// pending invoices stand, nor while its approval is pending; one in force only by a manager,
// an admin or finance), 完成 (once nothing is owed), dates and
// payment terms (签订:/开始:/结束:/付款:) while it is not void or completed, the 法务 flag
// only before it is filed again, and 提交 (file the approval again after a rejection or a
// withdrawal). Every change is audited before → after.
import type { ActionContext } from "../../actions/action.ts";
import { audit } from "../../auth/audit.ts";
import { text, type Reply } from "../../render/reply.ts";
import { formatFenZh } from "../money/index.ts";
import { pendingContractApproval, submitContract } from "./contract-approval.ts";
import type { ContractOptions } from "./contract-options.ts";
import { dayOf, statusName } from "./contract-render.ts";
import { cancelRenewal, scheduleRenewal } from "./contract-renewal.ts";
import { seesAllMoney, type ContractFull } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

const CLOSED = ["void", "completed"];
const IN_FORCE = ["effective", "executing"];

export async function voidContract(ctx: ActionContext, c: ContractFull, reason: string): Promise<Reply[]> {
  if (c.status === "void") return [text(zhContracts.alreadyStatus(c.number, statusName(c.status)))];
  if (c.status === "completed") return [text(zhContracts.cannotChange(c.number, statusName(c.status)))];
  if (!reason) return [text(zhContracts.voidNeedsReason(c.number))];
  // an approved contract binds the company: its owner alone does not undo it
  if (IN_FORCE.includes(c.status) && ctx.actor.role === "rep" && !seesAllMoney(ctx.actor, ctx.settings)) return [text(zhContracts.voidNeedsManager(c.number))];
  // while approvers are deciding, the request is withdrawn first (nobody approves a void contract)
  const pending = c.status === "pending_approval" ? await pendingContractApproval(ctx.tx, c.id) : null;
  if (pending) return [text(zhContracts.voidWhilePending(c.number, pending.code))];
  if ((await ctx.tx.payment.count({ where: { contractId: c.id, status: "confirmed" } })) > 0) return [text(zhContracts.voidHasPayments(c.number))];
  const invoices = await ctx.tx.invoice.findMany({ where: { contractId: c.id, status: { in: ["issued", "pending_approval"] } }, select: { code: true }, orderBy: { code: "asc" } });
  if (invoices.length) return [text(zhContracts.voidHasInvoices(c.number, c.code, invoices.length, invoices[0]!.code))];
  await ctx.tx.contract.update({ where: { id: c.id }, data: { status: "void", statusReason: reason, closedAt: ctx.now, updatedAt: ctx.now } });
  const detail = { before: { status: c.status }, after: { status: "void", reason } };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "update", entity: "contract", entityId: c.id, detail, at: ctx.now });
  return [text(zhContracts.voidDone(c.number))];
}

/** What the contract is still owed: its 回款 plan's amounts less what was paid on them; with no
 * plan, the amount less the confirmed payments. (Read from the tables: contracts sit below
 * receivables and cannot import it.) */
async function stillOwedFen(ctx: ActionContext, c: ContractFull): Promise<number> {
  const plans = await ctx.tx.paymentPlan.findMany({ where: { contractId: c.id }, select: { amountFen: true, paidFen: true } });
  if (plans.length) return plans.reduce((sum, p) => sum + Math.max(0, Number(p.amountFen - p.paidFen)), 0);
  const paid = await ctx.tx.payment.aggregate({ where: { contractId: c.id, status: "confirmed" }, _sum: { amountFen: true } });
  return Math.max(0, Number(c.amountFen - (paid._sum.amountFen ?? 0n)));
}

export async function completeContract(ctx: ActionContext, c: ContractFull): Promise<Reply[]> {
  if (c.status === "completed") return [text(zhContracts.alreadyStatus(c.number, statusName(c.status)))];
  if (c.status !== "effective" && c.status !== "executing") return [text(zhContracts.cannotComplete(c.number, statusName(c.status)))];
  const owed = await stillOwedFen(ctx, c);
  if (owed > 0) return [text(zhContracts.completeOwed(c.number, c.code, formatFenZh(owed)))];
  await ctx.tx.contract.update({ where: { id: c.id }, data: { status: "completed", closedAt: ctx.now, updatedAt: ctx.now } });
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "update", entity: "contract", entityId: c.id, detail: { before: { status: c.status }, after: { status: "completed" } }, at: ctx.now });
  return [text(zhContracts.completed(c.number))];
}

/** 合同 #1 结束:2027-12-31 付款:分三期 … */
export async function editContract(ctx: ActionContext, c: ContractFull, o: ContractOptions): Promise<Reply[]> {
  if (CLOSED.includes(c.status)) return [text(zhContracts.cannotChange(c.number, statusName(c.status)))];
  const current = { signDate: dayOf(c.signDate), startDate: dayOf(c.startDate), endDate: dayOf(c.endDate), paymentTerms: c.paymentTerms, legalChanged: c.legalChanged };
  const next = {
    signDate: o.signDate ?? current.signDate,
    startDate: o.startDate ?? current.startDate,
    endDate: o.endDate ?? current.endDate,
    paymentTerms: o.paymentTerms ?? current.paymentTerms,
    legalChanged: o.legalChanged ?? current.legalChanged,
  };
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== current[k]);
  if (!changed.length) return [text(zhContracts.nothingToEdit(c.number))];
  if (changed.includes("legalChanged")) {
    const refileable = c.status === "rejected" || (c.status === "pending_approval" && !(await pendingContractApproval(ctx.tx, c.id)));
    if (!refileable) return [text(zhContracts.legalWhileApproving(c.number))];
  }
  if (next.startDate && next.endDate && next.endDate < next.startDate) return [text(zhContracts.endBeforeStart(next.startDate, next.endDate))];
  const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  await ctx.tx.contract.update({
    where: { id: c.id },
    data: { signDate: day(next.signDate), startDate: day(next.startDate), endDate: day(next.endDate), paymentTerms: next.paymentTerms, legalChanged: next.legalChanged, updatedAt: ctx.now },
  });
  const pick = (v: typeof next) => Object.fromEntries(changed.map((k) => [k, v[k]]));
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "update", entity: "contract", entityId: c.id, detail: { before: pick(current), after: pick(next) }, at: ctx.now });
  if (changed.includes("endDate")) {
    await cancelRenewal(ctx.tx, c.id, current.endDate, ctx.settings, ctx.now);
    await scheduleRenewal(ctx.tx, c, next.endDate, ctx.settings, ctx.timeZone, ctx.now);
  }
  const what = changed.map((k) => `${zhContracts.fieldNames[k]} ${k === "legalChanged" ? (next.legalChanged ? zhContracts.legalChanged : "标准") : (next[k] ?? "—")}`).join("，");
  return [text(zhContracts.edited(c.number, what))];
}

/** 合同 #1 提交 [理由:…]: files the approval again (after a rejection or a withdrawal). */
export async function resubmitContract(ctx: ActionContext, c: ContractFull, reason: string | undefined): Promise<Reply[]> {
  if (c.status !== "rejected" && c.status !== "pending_approval") return [text(zhContracts.cannotSubmit(c.number, statusName(c.status)))];
  const pending = await pendingContractApproval(ctx.tx, c.id);
  if (pending) return [text(zhContracts.approvalPending(c.number, pending.code))];
  const opp = c.opportunityId ? await ctx.tx.opportunity.findUnique({ where: { id: c.opportunityId } }) : null;
  if (!opp) return [text(zhContracts.customerNoDeal(c.customer.name, 0))];
  if (c.status === "rejected") {
    await ctx.tx.contract.update({ where: { id: c.id }, data: { status: "pending_approval", updatedAt: ctx.now } });
    await audit(ctx.tx, { actorId: ctx.actor.id, action: "update", entity: "contract", entityId: c.id, detail: { before: { status: "rejected" }, after: { status: "pending_approval" } }, at: ctx.now });
  }
  return submitContract(ctx, { ...c, status: "pending_approval" }, opp, reason);
}
