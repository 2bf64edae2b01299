// A new contract and the contract approval flows (大额合同 会签, 法务条款变更 或签): filed with
// the contract as the payload's subject; no flow → effective at once. Effective marks the
// opportunity won with the contract's amount (unless it is closed already); when the
// opportunity's rules still refuse, the contract stays effective and the owner is told why.
import { z } from "zod";
import type { ActionContext } from "../../actions/action.ts";
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest, Opportunity } from "../../generated/prisma/client.ts";
import { text, type Reply } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";
import { approvalNeeded, fileApproval, type SubjectEffect } from "../approvals/index.ts";
import { formatFenZh } from "../money/index.ts";
import { explainMove, moveStage } from "../opportunities/index.ts";
import type { ContractFull } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

export const CONTRACT_SUBJECT = "contract";
const NOTICE_JOB = "contract.notice";

type Won = { kind: "won"; opp: number } | { kind: "not_won"; opp: number; why: string } | { kind: "none" };

/** pending_approval → effective (once), audited; then the opportunity is marked won. */
export async function makeEffective(tx: Tx, actor: User, contractId: string, now: Date, settings: CrmSettings, approval?: number): Promise<{ ok: false } | { ok: true; won: Won }> {
  const { count } = await tx.contract.updateMany({ where: { id: contractId, status: "pending_approval" }, data: { status: "effective", effectiveAt: now, statusReason: null, updatedAt: now } });
  if (count !== 1) return { ok: false };
  const c = await tx.contract.findUniqueOrThrow({ where: { id: contractId }, include: { opportunity: true } });
  await audit(tx, { actorId: approval ? null : actor.id, action: "update", entity: "contract", entityId: c.id, detail: { before: { status: "pending_approval" }, after: { status: "effective" }, ...(approval ? { approval } : {}) }, at: now });
  return { ok: true, won: await markWon(tx, actor, c.opportunity, Number(c.amountFen), c.number, now, settings) };
}

async function markWon(tx: Tx, actor: User, opp: Opportunity | null, amountFen: number, number: string, now: Date, settings: CrmSettings): Promise<Won> {
  if (!opp || opp.closedAt) return { kind: "none" };
  const won = settings.opportunities.stages.find((s) => s.outcome === "won")!.name;
  // yuan as a number for the Decimal column: the fen are exact in its two decimals
  const r = await moveStage(tx, actor, opp, won, now, settings, { amount: amountFen / 100, skipReason: `合同 ${number}` });
  if (r.kind === "moved") return { kind: "won", opp: opp.code };
  const why = explainMove(r, opp.code, won, opp.stage, settings);
  return { kind: "not_won", opp: opp.code, why: why.kind === "text" ? why.text : r.kind };
}

export function wonReplies(won: Won, amountFen: number): Reply[] {
  if (won.kind === "won") return [text(zhContracts.oppWon(won.opp, formatFenZh(amountFen)))];
  if (won.kind === "not_won") return [text(zhContracts.oppNotWon(won.opp, won.why))];
  return [];
}

/** Files the approval a flow asks for, or makes the contract effective at once. */
export async function submitContract(ctx: ActionContext, c: ContractFull, opp: Opportunity, reason: string | undefined): Promise<Reply[]> {
  const amount = Number(c.amountFen);
  const facts = { amount: amount / 100, legalTermsChanged: c.legalChanged };
  if (await approvalNeeded(ctx, { kind: "contract", opp, facts })) {
    const summary = `${c.number} ${formatFenZh(amount)}`;
    const payload = { subject: CONTRACT_SUBJECT, contractId: c.id, amount: amount / 100, legalTermsChanged: c.legalChanged, summary };
    const why = reason ?? zhContracts.defaultReason(c.number, c.customer.name, formatFenZh(amount));
    const r = await fileApproval(ctx, { kind: "contract", opp, facts, payload, reason: why });
    if (r.kind === "missing_approver") return [text(zhContracts.approvalMissingApprover(c.number, r.who))];
    if (r.kind === "already_pending") return [text(zhContracts.approvalPending(c.number, r.code))];
    if (r.kind === "requested") {
      await ctx.tx.contract.update({ where: { id: c.id }, data: { statusReason: null, updatedAt: ctx.now } });
      await audit(ctx.tx, { actorId: ctx.actor.id, action: "request_approval", entity: "contract", entityId: c.id, detail: { approval: r.code, reason: why }, at: ctx.now });
      return [text(zhContracts.approvalRequested(c.number, r.code, r.approvers))];
    }
  }
  const done = await makeEffective(ctx.tx, ctx.actor, c.id, ctx.now, ctx.settings);
  return done.ok ? [text(zhContracts.effectiveNow(c.number)), ...wonReplies(done.won, amount)] : [];
}

/** The pending contract approval of a contract, if any. */
export function pendingContractApproval(tx: Tx, contractId: string) {
  return tx.approvalRequest.findFirst({ where: { kind: "contract", status: "pending", payload: { path: ["contractId"], equals: contractId } } });
}

const payloadSchema = z.object({ subject: z.literal(CONTRACT_SUBJECT), contractId: z.uuid() });

async function setOppContractStatus(tx: Tx, request: ApprovalRequest, status: "approved" | "rejected" | null, now: Date): Promise<void> {
  if (!request.opportunityId) return;
  const opp = await tx.opportunity.findUnique({ where: { id: request.opportunityId }, select: { contractStatus: true } });
  if (!opp) return;
  await tx.opportunity.update({ where: { id: request.opportunityId }, data: { contractStatus: status, ...(status === "approved" ? { contractApprovedAt: now } : {}), updatedAt: now } });
  const detail = { before: { contractStatus: opp.contractStatus }, after: { contractStatus: status }, approval: request.code };
  await audit(tx, { actorId: null, action: "update", entity: "opportunity", entityId: request.opportunityId, detail, at: now });
}

/** What a contract approval's outcome does; the assembly point registers it for "contract". */
export const contractApprovalEffect: SubjectEffect = {
  async approved(tx, request, requester, now, settings) {
    const { contractId } = payloadSchema.parse(request.payload);
    await setOppContractStatus(tx, request, "approved", now);
    const done = await makeEffective(tx, requester, contractId, now, settings, request.code);
    if (!done.ok) return { ok: false, why: "合同已不在待审批状态" };
    const c = await tx.contract.findUniqueOrThrow({ where: { id: contractId } });
    const lines = [zhContracts.effectiveApproved(c.number, request.code), ...wonReplies(done.won, Number(c.amountFen)).map((r) => (r.kind === "text" ? r.text : ""))];
    if (c.ownerId) await notifyOwner(tx, c.ownerId, lines.join("\n"), `contract-effective:${c.id}`, now);
    return { ok: true };
  },
  async closed(tx, request, status, now) {
    const { contractId } = payloadSchema.parse(request.payload);
    await setOppContractStatus(tx, request, status === "rejected" ? "rejected" : null, now);
    const c = await tx.contract.findUnique({ where: { id: contractId }, select: { number: true } });
    if (!c) return;
    let reason = zhContracts.withdrawnReason(request.code, c.number);
    if (status === "rejected") {
      const task = await tx.approvalTask.findFirst({ where: { status: "rejected", step: { requestId: request.id } }, orderBy: { decidedAt: "desc" } });
      reason = zhContracts.rejectedReason(request.code, task?.comment ?? null);
    }
    const next = status === "rejected" ? "rejected" : "pending_approval";
    const { count } = await tx.contract.updateMany({ where: { id: contractId, status: "pending_approval" }, data: { status: next, statusReason: reason, updatedAt: now } });
    if (count === 1) {
      await audit(tx, { actorId: null, action: "update", entity: "contract", entityId: contractId, detail: { before: { status: "pending_approval" }, after: { status: next, reason }, approval: request.code }, at: now });
    }
  },
};

/** Tells a contract's owner something from where no chat context exists (an approval's
 * outcome): a job due now, sent by the scheduler — outside quiet hours. */
function notifyOwner(tx: Tx, ownerId: string, line: string, key: string, now: Date) {
  return scheduleJob(tx, { kind: NOTICE_JOB, dueAt: now, uniqueKey: key, recipientId: ownerId, payload: { userId: ownerId, line } }, now);
}

export const contractNoticeJob = defineJobKind({
  kind: NOTICE_JOB,
  payload: z.object({ userId: z.uuid(), line: z.string().min(1).max(1000) }),
  quiet: "defer",
  async run(_ctx, p) {
    return [{ userId: p.userId, line: p.line, reply: text(p.line) }];
  },
});
