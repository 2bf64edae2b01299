// The one place an instalment's status is derived (chat, API, jobs, summaries all call it):
// the money kernel's rule plus the contract — a void contract's instalments are 作废.
import { instalmentStatus, outstanding, type Fen, type InstalmentStatus } from "../money/index.ts";

export type { InstalmentStatus };

/** A DATE column (UTC midnight) as 'YYYY-MM-DD'. */
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
/** 'YYYY-MM-DD' as the DATE value Prisma stores. */
export const dateOf = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number): string => dayOf(new Date(dateOf(day).getTime() + n * 86_400_000));
export const daysBetween = (from: string, to: string): number => Math.round((dateOf(to).getTime() - dateOf(from).getTime()) / 86_400_000);

export interface PlanFacts {
  amountFen: bigint | number;
  paidFen: bigint | number;
  dueDate: Date;
}

/** The status of an instalment of a contract in `contractStatus`, `today` being the local day in CRM_TIMEZONE. */
export function planStatus(plan: PlanFacts, contractStatus: string, today: string): InstalmentStatus {
  return instalmentStatus({ amount: Number(plan.amountFen), paid: Number(plan.paidFen), dueDate: dayOf(plan.dueDate), today, voided: contractStatus === "void" });
}

/** What is still owed on it (0 when void or settled). */
export function planOwed(plan: PlanFacts, contractStatus: string): Fen {
  return outstanding({ amount: Number(plan.amountFen), paid: Number(plan.paidFen), voided: contractStatus === "void" });
}

/** The API's status words. */
export const STATUS_KEYS: Record<InstalmentStatus, string> = { 待回款: "pending", 部分回款: "partial", 已回款: "paid", 逾期: "overdue", 作废: "void" };
export const STATUS_BY_KEY: Record<string, InstalmentStatus> = Object.fromEntries(Object.entries(STATUS_KEYS).map(([k, v]) => [v, k as InstalmentStatus]));
