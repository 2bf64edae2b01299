// What an approval does when it completes (or is rejected), in the same transaction.
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalRequest, User } from "../../generated/prisma/client.ts";
import { moveStage } from "../opportunities/index.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export type EffectResult = { ok: true } | { ok: false; why: string };

/** What an approval does to a record another domain owns (a contract, an invoice): that
 * domain says, and the assembly point registers it under the payload's `subject`. */
export interface SubjectEffect {
  approved(tx: Tx, request: ApprovalRequest, requester: User, now: Date, settings: CrmSettings): Promise<EffectResult>;
  closed(tx: Tx, request: ApprovalRequest, status: "rejected" | "withdrawn", now: Date): Promise<void>;
}

const subjects = new Map<string, SubjectEffect>();
const subjectPayload = z.object({ subject: z.string() });

/** Registers (or replaces) the effect of approvals whose payload names `subject`. */
export function registerApprovalSubject(subject: string, effect: SubjectEffect): void {
  subjects.set(subject, effect);
}

function subjectOf(request: ApprovalRequest): SubjectEffect | undefined {
  const p = subjectPayload.safeParse(request.payload);
  return p.success ? subjects.get(p.data.subject) : undefined;
}

const skipPayload = z.object({ toStage: z.string(), amount: z.number().optional() });
const discountPayload = z.object({ discount: z.number() });
/** A quote's discount (the quotes domain files it): approval lets that version be sent. */
const quotePayload = z.object({ quoteId: z.string(), version: z.number().int() });

export async function applyApproved(tx: Tx, request: ApprovalRequest, requester: User, now: Date, settings: CrmSettings): Promise<EffectResult> {
  const subject = subjectOf(request);
  if (subject) return subject.approved(tx, request, requester, now, settings);
  const opp = request.opportunityId ? await tx.opportunity.findUnique({ where: { id: request.opportunityId } }) : null;
  if (!opp) return { ok: false, why: "opportunity_gone" };
  switch (request.kind) {
    case "stage_skip": {
      const { toStage, amount } = skipPayload.parse(request.payload);
      const r = await moveStage(tx, requester, opp, toStage, now, settings, { skipReason: `审批 #${request.code}：${request.reason}`, amount });
      return r.kind === "moved" ? { ok: true } : { ok: false, why: r.kind };
    }
    case "discount": {
      const quote = quotePayload.safeParse(request.payload);
      if (quote.success) {
        const { count } = await tx.quote.updateMany({ where: { id: quote.data.quoteId, version: quote.data.version, status: "pending_approval" }, data: { status: "approved", updatedAt: now } });
        if (count !== 1) return { ok: false, why: "quote_changed" };
        const detail = { before: { status: "pending_approval" }, after: { status: "approved" }, version: quote.data.version, approval: request.code };
        await audit(tx, { actorId: null, action: "update", entity: "quote", entityId: quote.data.quoteId, detail, at: now });
        return { ok: true };
      }
      const { discount } = discountPayload.parse(request.payload);
      await tx.opportunity.update({ where: { id: opp.id }, data: { discount, updatedAt: now } });
      await audit(tx, { actorId: null, action: "update", entity: "opportunity", entityId: opp.id, detail: { before: { discount: opp.discount?.toString() ?? null }, after: { discount }, approval: request.code }, at: now });
      return { ok: true };
    }
    case "contract": {
      await tx.opportunity.update({ where: { id: opp.id }, data: { contractStatus: "approved", contractApprovedAt: now, updatedAt: now } });
      await audit(tx, { actorId: null, action: "update", entity: "opportunity", entityId: opp.id, detail: { before: { contractStatus: opp.contractStatus }, after: { contractStatus: "approved" }, approval: request.code }, at: now });
      return { ok: true };
    }
    default:
      return { ok: false, why: "unknown_kind" };
  }
}

/** A rejected or withdrawn contract request leaves the contract not approved. */
export async function applyClosed(tx: Tx, request: ApprovalRequest, status: "rejected" | "withdrawn", now: Date): Promise<void> {
  const subject = subjectOf(request);
  if (subject) return subject.closed(tx, request, status, now);
  const quote = request.kind === "discount" ? quotePayload.safeParse(request.payload) : null;
  if (quote?.success) {
    await tx.quote.updateMany({ where: { id: quote.data.quoteId, version: quote.data.version, status: "pending_approval" }, data: { status: "draft", updatedAt: now } });
    return;
  }
  if (request.kind !== "contract" || !request.opportunityId) return;
  await tx.opportunity.update({ where: { id: request.opportunityId }, data: { contractStatus: status === "rejected" ? "rejected" : null, updatedAt: now } });
}
