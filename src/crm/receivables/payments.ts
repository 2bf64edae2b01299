// 回款记录: a payment on a contract, applied to the oldest open instalments (allocation rows,
// PaymentPlan.paidFen kept in the same transaction, the contract row locked meanwhile). More
// than still owed is refused, or kept as 预收 when receivables.overpayment is "prepay". With
// receivables.confirmBy the record waits for that group's confirmation before it counts.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import type { Payment, PaymentPlan } from "../../generated/prisma/client.ts";
import { LIVE_CONTRACT_STATUSES, noteContractPaid, type ContractFull, type ContractStatus } from "../contracts/index.ts";
import { applyPayment, type Fen } from "../money/index.ts";
import { plansOf } from "./plans.ts";
import { dateOf, dayOf, planOwed } from "./status.ts";

export interface NewPayment {
  amountFen: Fen;
  receivedOn: string;
  method?: string | null;
  note?: string | null;
  externalId?: string | null;
  /** A historical record (CSV import): counts at once, whatever receivables.confirmBy says. */
  preconfirmed?: boolean;
}

export interface Allocated {
  position: number;
  amountFen: Fen;
}

export type RecordResult =
  | { kind: "recorded"; payment: Payment; allocated: Allocated[]; prepaidFen: Fen; pending: boolean }
  | { kind: "replay"; payment: Payment }
  | { kind: "conflict"; payment: Payment }
  | { kind: "void" }
  | { kind: "not_live"; status: string }
  | { kind: "no_plan" }
  | { kind: "over"; owedFen: Fen }
  | { kind: "before_sign"; day: string; signedOn: string }
  | { kind: "no_confirmers"; group: string };

type Contractish = Pick<ContractFull, "id" | "status"> & { signDate?: Date | null };

const isLive = (status: string) => LIVE_CONTRACT_STATUSES.includes(status as ContractStatus);

/** Who confirms records (the confirmBy group's WeCom ids), or null when records count at once. */
export function confirmers(settings: CrmSettings): string[] | null {
  const group = settings.receivables.confirmBy;
  return group ? (settings.approvals.groups[group] ?? []) : null;
}

/** The confirming group's display name (approvals.groupNames), as other approval messages show it. */
export function confirmGroupName(settings: CrmSettings): string | null {
  const group = settings.receivables.confirmBy;
  return group ? (settings.approvals.groupNames[group] ?? group) : null;
}

/** What the contract still owes: its instalments' owed amounts, less records awaiting confirmation. */
async function stillOwed(tx: Tx, contract: Contractish, plans: readonly PaymentPlan[], excludePaymentId?: string): Promise<Fen> {
  const owed = plans.reduce((s, p) => s + planOwed(p, contract.status), 0);
  const pending = await tx.payment.aggregate({
    where: { contractId: contract.id, status: "pending_confirmation", ...(excludePaymentId ? { id: { not: excludePaymentId } } : {}) },
    _sum: { amountFen: true },
  });
  return owed - Number(pending._sum.amountFen ?? 0n);
}

/** Applies a payment to the oldest open instalments; returns what went where and the 预收 rest. */
async function allocate(tx: Tx, payment: Payment, plans: readonly PaymentPlan[]): Promise<{ allocated: Allocated[]; excess: Fen }> {
  const open = plans.map((p) => ({ amount: Number(p.amountFen), paid: Number(p.paidFen), dueDate: dayOf(p.dueDate) }));
  const r = applyPayment(open, Number(payment.amountFen));
  if (!r.ok) throw new Error(`payment ${payment.id} cannot be applied: ${r.error}`);
  const allocated: Allocated[] = [];
  for (const [i, amount] of r.value.allocations.entries()) {
    if (amount === 0) continue;
    const plan = plans[i]!;
    await tx.paymentAllocation.create({ data: { paymentId: payment.id, planId: plan.id, amountFen: BigInt(amount) } });
    await tx.paymentPlan.update({ where: { id: plan.id }, data: { paidFen: { increment: BigInt(amount) } } });
    allocated.push({ position: plan.position, amountFen: amount });
  }
  return { allocated, excess: r.value.excess };
}

const lock = (tx: Tx, contractId: string) => tx.$executeRaw`SELECT id FROM contracts WHERE id = ${contractId}::uuid FOR UPDATE`;

/** Records a payment (confirmed at once unless a confirming group is configured and the
 * recorder is not in it). */
export async function recordPayment(tx: Tx, actor: User | null, settings: CrmSettings, contract: Contractish, p: NewPayment, now: Date): Promise<RecordResult> {
  // Locked first: a concurrent replay of the same externalId on this contract waits here and
  // then finds the first one committed.
  await lock(tx, contract.id);
  if (p.externalId) {
    const seen = await tx.payment.findUnique({ where: { externalId: p.externalId } });
    if (seen) return seen.contractId === contract.id && Number(seen.amountFen) === p.amountFen ? { kind: "replay", payment: seen } : { kind: "conflict", payment: seen };
  }
  if (contract.status === "void") return { kind: "void" };
  if (!isLive(contract.status)) return { kind: "not_live", status: contract.status };
  // Money cannot arrive on a contract before it was signed (a typo in the year, usually).
  if (contract.signDate && p.receivedOn < dayOf(contract.signDate)) return { kind: "before_sign", day: p.receivedOn, signedOn: dayOf(contract.signDate) };
  const plans = await plansOf(tx, contract.id);
  if (!plans.length) return { kind: "no_plan" };
  const owed = await stillOwed(tx, contract, plans);
  const prepay = settings.receivables.overpayment === "prepay";
  if (p.amountFen > owed && !prepay) return { kind: "over", owedFen: Math.max(0, owed) };
  const group = confirmers(settings);
  const pending = !p.preconfirmed && group !== null && !(actor && group.includes(actor.wecomUserId));
  if (pending && group.length === 0) return { kind: "no_confirmers", group: settings.receivables.confirmBy! };
  const payment = await tx.payment.create({
    data: {
      contractId: contract.id,
      amountFen: BigInt(p.amountFen),
      receivedOn: dateOf(p.receivedOn),
      method: p.method ?? null,
      note: p.note ?? null,
      externalId: p.externalId ?? null,
      status: pending ? "pending_confirmation" : "confirmed",
      recordedById: actor?.id ?? null,
      ...(pending ? {} : { confirmedById: actor?.id ?? null, confirmedAt: now }),
      createdAt: now,
    },
  });
  const done = pending ? { allocated: [], excess: 0 } : await settle(tx, payment, plans, contract.id, now);
  await audit(tx, {
    actorId: actor?.id ?? null,
    action: "create",
    entity: "payment",
    entityId: payment.id,
    detail: { after: { contractId: contract.id, amount: p.amountFen, receivedOn: p.receivedOn, status: payment.status, prepaid: done.excess, allocations: done.allocated.map((a) => ({ position: a.position, amount: a.amountFen })) } },
    at: now,
  });
  return { kind: "recorded", payment: { ...payment, prepaidFen: BigInt(done.excess) }, allocated: done.allocated, prepaidFen: done.excess, pending };
}

async function settle(tx: Tx, payment: Payment, plans: readonly PaymentPlan[], contractId: string, now: Date) {
  const done = await allocate(tx, payment, plans);
  if (done.excess > 0) await tx.payment.update({ where: { id: payment.id }, data: { prepaidFen: BigInt(done.excess) } });
  await noteContractPaid(tx, contractId, now);
  return done;
}

export type DecisionResult =
  | { kind: "ok"; payment: Payment; allocated: Allocated[]; prepaidFen: Fen }
  | { kind: "not_pending" }
  | { kind: "over"; owedFen: Fen }
  | { kind: "void" };

/** A finance member confirms a pending record: now it is allocated and counts. */
export async function confirmPayment(tx: Tx, actor: User, settings: CrmSettings, payment: Payment & { contract: Contractish }, now: Date): Promise<DecisionResult> {
  await lock(tx, payment.contractId);
  const fresh = await tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
  if (fresh.status !== "pending_confirmation") return { kind: "not_pending" };
  if (payment.contract.status === "void") return { kind: "void" };
  const plans = await plansOf(tx, payment.contractId);
  const owed = plans.reduce((s, p) => s + planOwed(p, payment.contract.status), 0);
  if (Number(fresh.amountFen) > owed && settings.receivables.overpayment !== "prepay") return { kind: "over", owedFen: owed };
  const updated = await tx.payment.update({ where: { id: fresh.id }, data: { status: "confirmed", confirmedById: actor.id, confirmedAt: now } });
  const done = await settle(tx, updated, plans, payment.contractId, now);
  await audit(tx, {
    actorId: actor.id,
    action: "confirm",
    entity: "payment",
    entityId: fresh.id,
    detail: { before: { status: fresh.status }, after: { status: "confirmed", prepaid: done.excess, allocations: done.allocated.map((a) => ({ position: a.position, amount: a.amountFen })) } },
    at: now,
  });
  return { kind: "ok", payment: { ...updated, prepaidFen: BigInt(done.excess) }, allocated: done.allocated, prepaidFen: done.excess };
}

export async function rejectPayment(tx: Tx, actor: User, payment: Payment, reason: string, now: Date): Promise<DecisionResult> {
  const moved = await tx.payment.updateMany({ where: { id: payment.id, status: "pending_confirmation" }, data: { status: "rejected", confirmedById: actor.id, confirmedAt: now, note: reason || payment.note } });
  if (moved.count === 0) return { kind: "not_pending" };
  await audit(tx, { actorId: actor.id, action: "reject", entity: "payment", entityId: payment.id, detail: { before: { status: payment.status }, after: { status: "rejected", reason } }, at: now });
  return { kind: "ok", payment: { ...payment, status: "rejected" }, allocated: [], prepaidFen: 0 };
}

export { stillOwed };
