// What the finance group's decision does to an invoice: approved → issued (with its time),
// rejected → rejected, withdrawn by the requester → void. Each frees or keeps the amount
// under the cap accordingly; an invoice no longer pending is left alone (the effect fails
// with a reason the approver is told).
import { z } from "zod";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest } from "../../generated/prisma/client.ts";
import { registerApprovalSubject, type SubjectEffect } from "../approvals/index.ts";
import { settlePending } from "./invoices.ts";

export const INVOICE_SUBJECT = "invoice";

const payload = z.object({ subject: z.literal(INVOICE_SUBJECT), invoiceId: z.string().uuid() });

/** Who decided last (the audit's actor): the approver whose decision closed the request. */
async function decidedBy(tx: Tx, request: ApprovalRequest, status: "approved" | "rejected"): Promise<string | null> {
  const task = await tx.approvalTask.findFirst({ where: { step: { requestId: request.id }, status }, orderBy: { decidedAt: "desc" }, select: { approverId: true } });
  return task?.approverId ?? null;
}

export const invoiceApprovalEffect: SubjectEffect = {
  async approved(tx, request, _requester, now) {
    const p = payload.safeParse(request.payload);
    if (!p.success) return { ok: false, why: "发票信息缺失" };
    const done = await settlePending(tx, await decidedBy(tx, request, "approved"), p.data.invoiceId, "issued", now, { approval: request.code });
    return done ? { ok: true } : { ok: false, why: "发票已不在待审批状态" };
  },
  async closed(tx, request, status, now) {
    const p = payload.safeParse(request.payload);
    if (!p.success) return;
    const actor = status === "rejected" ? await decidedBy(tx, request, "rejected") : request.requesterId;
    await settlePending(tx, actor, p.data.invoiceId, status === "rejected" ? "rejected" : "void", now, { approval: request.code, ...(status === "withdrawn" ? { reason: "撤回审批" } : {}) });
  },
};

/** Registers the invoice effect with the approvals domain (idempotent: called by both the
 * registry and the job kinds, whichever a process builds). */
export function registerInvoiceApprovals(): void {
  registerApprovalSubject(INVOICE_SUBJECT, invoiceApprovalEffect);
}
