// 回款 helpers, pure: splitting a contract into instalments, applying a payment to the oldest
// open instalments, and the derived status of an instalment. Dates are local calendar dates
// 'YYYY-MM-DD' in CRM_TIMEZONE, computed by the caller (this module reads no clock).
import { fail, isFen, ok, type Fen, type MoneyResult } from "./fen.ts";

export const MAX_INSTALMENTS = 120;

/**
 * `total` in `count` equal instalments, the remainder on the last:
 * 10000 fen in 3 → [3333, 3333, 3334]; 100 in 1 → [100]; 2 in 3 → [0, 0, 2].
 */
export function splitEvenly(total: Fen, count: number): MoneyResult<Fen[]> {
  if (!isFen(total)) return fail("format");
  if (total < 0) return fail("negative");
  if (!Number.isSafeInteger(count)) return fail("format");
  if (count <= 0) return fail("zero");
  if (count > MAX_INSTALMENTS) return fail("too_large");
  const base = Math.floor(total / count);
  const parts = Array.from({ length: count }, () => base);
  parts[count - 1] = total - base * (count - 1);
  return ok(parts);
}

export interface OpenInstalment {
  amount: Fen;
  paid: Fen;
  dueDate: string;
  voided?: boolean;
}

export interface PaymentAllocation {
  /** Fen applied to each instalment, in the caller's order (0 for untouched, voided or settled ones). */
  allocations: Fen[];
  /** What no instalment could take (the caller refuses it or keeps it as 预收). */
  excess: Fen;
}

/**
 * A payment applied to the oldest open instalments first: by due date, ties in the caller's
 * order; voided and fully paid ones are skipped. Σ allocations + excess = payment.
 */
export function applyPayment(instalments: readonly OpenInstalment[], payment: Fen): MoneyResult<PaymentAllocation> {
  if (!isFen(payment)) return fail("format");
  if (payment < 0) return fail("negative");
  for (const i of instalments) {
    if (!isFen(i.amount) || !isFen(i.paid) || !isLocalDate(i.dueDate)) return fail("format");
    if (i.amount < 0 || i.paid < 0) return fail("negative");
  }
  const order = instalments.map((_, index) => index).sort((a, b) => {
    const da = instalments[a]!.dueDate;
    const db = instalments[b]!.dueDate;
    return da < db ? -1 : da > db ? 1 : a - b;
  });
  const allocations = instalments.map(() => 0);
  let left = payment;
  for (const index of order) {
    if (left === 0) break;
    const i = instalments[index]!;
    if (i.voided) continue;
    const owed = Math.max(0, i.amount - i.paid);
    const take = Math.min(owed, left);
    allocations[index] = take;
    left -= take;
  }
  return ok({ allocations, excess: left });
}

export type InstalmentStatus = "待回款" | "部分回款" | "已回款" | "逾期" | "作废";

export interface StatusInput {
  amount: Fen;
  paid: Fen;
  /** The due date, 'YYYY-MM-DD' in CRM_TIMEZONE. */
  dueDate: string;
  /** Today, 'YYYY-MM-DD' in CRM_TIMEZONE. */
  today: string;
  voided?: boolean;
}

/**
 * The instalment's status, always derived: 作废 if voided; 已回款 once paid ≥ amount; 逾期 when
 * the due date has passed (today is after it — on the due date itself it is not yet overdue)
 * and it is not fully paid, whether or not part is paid; else 部分回款 if anything is paid,
 * else 待回款. Throws on a malformed date (a caller bug, not user input).
 */
export function instalmentStatus(input: StatusInput): InstalmentStatus {
  if (!isLocalDate(input.dueDate) || !isLocalDate(input.today)) throw new RangeError(`instalmentStatus: bad date ${input.dueDate} / ${input.today}`);
  if (input.voided) return "作废";
  if (input.paid >= input.amount) return "已回款";
  if (input.today > input.dueDate) return "逾期";
  return input.paid > 0 ? "部分回款" : "待回款";
}

/** What is still owed on an instalment (0 when voided or settled, never negative). */
export function outstanding(i: { amount: Fen; paid: Fen; voided?: boolean }): Fen {
  return i.voided ? 0 : Math.max(0, i.amount - i.paid);
}

/** 'YYYY-MM-DD' naming a real calendar day (2026-02-29 is refused). */
export function isLocalDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}
