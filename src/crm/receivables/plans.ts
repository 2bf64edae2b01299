// 回款计划: a contract's instalments. A plan must add up to the contract amount; it may be
// replaced only while nothing is allocated to it; one instalment may be postponed (its notice
// markers cleared so the new date gets its own notices). Every change is audited.
import { audit } from "../../auth/audit.ts";
import type { Tx } from "../../db/tx.ts";
import type { PaymentPlan } from "../../generated/prisma/client.ts";
import { splitEvenly, sumFen, type Fen, type MoneyError } from "../money/index.ts";
import { stepDate, type Interval } from "./day-words.ts";
import { dateOf, dayOf } from "./status.ts";

export interface InstalmentInput {
  dueDate: string;
  amountFen: Fen;
}

export type PlanResult =
  | { kind: "ok"; plans: PaymentPlan[] }
  | { kind: "mismatch"; sumFen: Fen; diffFen: Fen }
  | { kind: "allocated" }
  | { kind: "too_early"; first: string; earliest: string }
  | { kind: "money"; error: MoneyError };

/** The earliest first due date a plan may have: a year before the sign date, never before 2000. */
export function earliestDue(signDate: Date | null | undefined): string {
  const floor = "2000-01-01";
  if (!signDate) return floor;
  const yearBefore = stepDate(dayOf(signDate), { months: -12 }, 1);
  return yearBefore > floor ? yearBefore : floor;
}

export const plansOf = (tx: Tx, contractId: string): Promise<PaymentPlan[]> =>
  tx.paymentPlan.findMany({ where: { contractId }, orderBy: [{ position: "asc" }] });

/** `count` even instalments from `first`, one `interval` apart, the remainder on the last. */
export function evenInstalments(amountFen: Fen, count: number, first: string, interval: Interval): { ok: true; value: InstalmentInput[] } | { ok: false; error: MoneyError } {
  const parts = splitEvenly(amountFen, count);
  if (!parts.ok) return parts;
  return { ok: true, value: parts.value.map((amount, k) => ({ dueDate: stepDate(first, interval, k), amountFen: amount })) };
}

const snapshot = (plans: readonly PaymentPlan[]) => plans.map((p) => ({ position: p.position, dueDate: dayOf(p.dueDate), amount: Number(p.amountFen) }));

/** Replaces the contract's plan (positions by due date). */
export async function setPlan(
  tx: Tx,
  actorId: string | null,
  contract: { id: string; amountFen: bigint; signDate?: Date | null },
  instalments: readonly InstalmentInput[],
  now: Date,
): Promise<PlanResult> {
  const first = instalments.map((i) => i.dueDate).sort()[0];
  const earliest = earliestDue(contract.signDate);
  if (first !== undefined && first < earliest) return { kind: "too_early", first, earliest };
  const sum = sumFen(instalments.map((i) => i.amountFen));
  if (sum === null) return { kind: "money", error: "too_large" };
  const amount = Number(contract.amountFen);
  if (sum !== amount) return { kind: "mismatch", sumFen: sum, diffFen: sum - amount };
  await tx.$executeRaw`SELECT id FROM contracts WHERE id = ${contract.id}::uuid FOR UPDATE`;
  const allocated = await tx.paymentAllocation.count({ where: { plan: { contractId: contract.id } } });
  if (allocated > 0) return { kind: "allocated" };
  const before = await plansOf(tx, contract.id);
  await tx.paymentPlan.deleteMany({ where: { contractId: contract.id } });
  const ordered = instalments.map((i, k) => ({ ...i, k })).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.k - b.k));
  await tx.paymentPlan.createMany({
    data: ordered.map((i, k) => ({ contractId: contract.id, position: k + 1, dueDate: dateOf(i.dueDate), amountFen: BigInt(i.amountFen), createdAt: now, updatedAt: now })),
  });
  const plans = await plansOf(tx, contract.id);
  await audit(tx, {
    actorId,
    action: before.length ? "update" : "create",
    entity: "payment_plan",
    entityId: contract.id,
    detail: { before: snapshot(before), after: snapshot(plans) },
    at: now,
  });
  return { kind: "ok", plans };
}

/** Moves one instalment's due date; the notices for the old date no longer count. */
export async function postponePlan(tx: Tx, actorId: string | null, plan: PaymentPlan, to: string, now: Date): Promise<PaymentPlan> {
  const updated = await tx.paymentPlan.update({
    where: { id: plan.id },
    data: { dueDate: dateOf(to), remindedAt: null, overdueNoticeAt: null, escalatedAt: null, updatedAt: now },
  });
  await audit(tx, {
    actorId,
    action: "postpone",
    entity: "payment_plan",
    entityId: plan.id,
    detail: { contractId: plan.contractId, position: plan.position, before: { dueDate: dayOf(plan.dueDate) }, after: { dueDate: to } },
    at: now,
  });
  return updated;
}
