// Invoices (发票): requested on a live contract, approved by the finance group, issued,
// numbered, voided. The rule: issued and pending invoices on a contract never add up to more
// than the contract amount — checked under a row lock on the contract, so two requests at
// once cannot both pass. Amounts are integer fen; every change is audited before → after.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import type { Invoice, Prisma } from "../../generated/prisma/client.ts";
import { contractScope } from "../contracts/index.ts";

export type { Invoice };

export const INVOICE_TYPES = ["special", "normal"] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];

/** Invoices that count against the contract amount. */
export const COUNTED_STATUSES = ["pending_approval", "issued"];

export const INVOICE_INCLUDE = {
  contract: { select: { id: true, code: true, number: true, amountFen: true, ownerId: true, customer: { select: { id: true, code: true, name: true } } } },
} as const satisfies Prisma.InvoiceInclude;
export type InvoiceFull = Prisma.InvoiceGetPayload<{ include: typeof INVOICE_INCLUDE }>;

/** Invoices the actor may see: those on contracts within their money scope. */
export const invoiceScope = (actor: User, settings: CrmSettings): Prisma.InvoiceWhereInput => ({ contract: contractScope(actor, settings) });

const CODE_REF = /^(?:(?:发票|开票)\s*)?[#＃]\s*(\d{1,9})$/u;

/** An invoice by its code, or `#3` / `发票#3`, within scope. */
export async function findInvoiceInScope(tx: Tx, actor: User, settings: CrmSettings, ref: string | number): Promise<InvoiceFull | null> {
  const code = typeof ref === "number" ? ref : Number(CODE_REF.exec(ref.trim())?.[1] ?? NaN);
  if (!Number.isInteger(code) || code < 1 || code > 2_147_483_647) return null;
  return tx.invoice.findFirst({ where: { AND: [{ code }, invoiceScope(actor, settings)] }, include: INVOICE_INCLUDE });
}

/** What an audit entry records of an invoice (fen as numbers: JSON has no BigInt). */
export const invoiceFacts = (i: Invoice) => ({
  contractId: i.contractId,
  title: i.title,
  taxId: i.taxId,
  type: i.type,
  amount: Number(i.amountFen),
  status: i.status,
  invoiceNumber: i.invoiceNumber,
});

/** Takes the contract's row lock for the rest of the transaction: every request on the same
 * contract waits here until the one before it commits, then sums what that one wrote. */
export async function lockContract(tx: Tx, contractId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM contracts WHERE id = $1::uuid FOR UPDATE`, contractId);
}

/** The fen already taken on a contract by issued and pending invoices. */
export async function invoicedFen(tx: Tx, contractId: string): Promise<number> {
  const sum = await tx.invoice.aggregate({ where: { contractId, status: { in: COUNTED_STATUSES } }, _sum: { amountFen: true } });
  return Number(sum._sum.amountFen ?? 0n);
}

export interface NewInvoice {
  contract: { id: string; amountFen: bigint };
  title: string;
  taxId: string | null;
  type: InvoiceType;
  amountFen: number;
}

export type RequestResult = { kind: "created"; invoice: Invoice; usedFen: number } | { kind: "over_cap"; usedFen: number; leftFen: number };

/** Locks the contract, checks the cap in exact fen, and stores the invoice as pending approval
 * (not audited yet: the caller audits once the approval is filed, or drops it). */
export async function createPendingInvoice(tx: Tx, actor: User, n: NewInvoice, now: Date): Promise<RequestResult> {
  await lockContract(tx, n.contract.id);
  const usedFen = await invoicedFen(tx, n.contract.id);
  const leftFen = Math.max(0, Number(n.contract.amountFen) - usedFen);
  if (n.amountFen > leftFen) return { kind: "over_cap", usedFen, leftFen };
  const invoice = await tx.invoice.create({
    data: {
      contractId: n.contract.id,
      title: n.title,
      taxId: n.taxId,
      type: n.type,
      amountFen: BigInt(n.amountFen),
      status: "pending_approval",
      requestedById: actor.id,
      createdAt: now,
      updatedAt: now,
    },
  });
  return { kind: "created", invoice, usedFen };
}

export async function auditCreated(tx: Tx, actorId: string, invoice: Invoice, now: Date, extra: Record<string, Prisma.InputJsonValue> = {}): Promise<void> {
  await audit(tx, { actorId, action: "create", entity: "invoice", entityId: invoice.id, detail: { after: invoiceFacts(invoice), ...extra }, at: now });
}

/** Moves a pending invoice to `to` (issued: with its time); false when it was no longer pending. */
export async function settlePending(tx: Tx, actorId: string | null, invoiceId: string, to: "issued" | "rejected" | "void", now: Date, detail: Record<string, Prisma.InputJsonValue>): Promise<boolean> {
  const { count } = await tx.invoice.updateMany({
    where: { id: invoiceId, status: "pending_approval" },
    data: { status: to, ...(to === "issued" ? { issuedAt: now } : {}), updatedAt: now },
  });
  if (count !== 1) return false;
  await audit(tx, { actorId, action: "update", entity: "invoice", entityId: invoiceId, detail: { before: { status: "pending_approval" }, after: { status: to }, ...detail }, at: now });
  return true;
}

export async function recordNumber(tx: Tx, actor: User, invoice: Invoice, invoiceNumber: string, now: Date): Promise<void> {
  await tx.invoice.update({ where: { id: invoice.id }, data: { invoiceNumber, updatedAt: now } });
  await audit(tx, {
    actorId: actor.id,
    action: "update",
    entity: "invoice",
    entityId: invoice.id,
    detail: { before: { invoiceNumber: invoice.invoiceNumber }, after: { invoiceNumber } },
    at: now,
  });
}

/** An issued invoice voided: its amount counts no longer. False when it was not issued (any more). */
export async function voidIssued(tx: Tx, actor: User, invoice: Invoice, reason: string, now: Date): Promise<boolean> {
  await lockContract(tx, invoice.contractId);
  const { count } = await tx.invoice.updateMany({ where: { id: invoice.id, status: "issued" }, data: { status: "void", updatedAt: now } });
  if (count !== 1) return false;
  await audit(tx, { actorId: actor.id, action: "update", entity: "invoice", entityId: invoice.id, detail: { before: { status: "issued" }, after: { status: "void" }, reason }, at: now });
  return true;
}

/** The approval request filed for an invoice (its payload names the invoice), newest first. */
export async function approvalCodeOf(tx: Tx, invoiceId: string): Promise<number | null> {
  const r = await tx.approvalRequest.findFirst({ where: { kind: "invoice", payload: { path: ["invoiceId"], equals: invoiceId } }, orderBy: { createdAt: "desc" }, select: { code: true } });
  return r?.code ?? null;
}
