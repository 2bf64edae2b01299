// The selection behind the daily receivables check, one SQL statement: every instalment of a
// live contract, not fully paid, that is due within the reminder window and not yet reminded,
// overdue and not yet noticed, or overdue long enough for the manager and not yet escalated.
// The notice markers are then claimed one statement per kind (marker still null), so a notice
// is sent once even when two runs overlap or days were missed.
import type { Tx } from "../../db/tx.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { LIVE_CONTRACT_STATUSES } from "../contracts/index.ts";
import { addDays, dateOf } from "./status.ts";

export interface SweepRow {
  id: string;
  position: number;
  due_date: Date;
  amount_fen: bigint;
  paid_fen: bigint;
  number: string;
  customer: string;
  owner_id: string;
  owner_name: string | null;
  owner_wecom: string;
  manager_id: string | null;
  reminded_at: Date | null;
  overdue_notice_at: Date | null;
  escalated_at: Date | null;
}

export interface SweepWindow {
  today: string;
  remindDaysBefore: number;
  managerAfterDays: number;
}

export function sweepSelection(tx: Tx, w: SweepWindow): Promise<SweepRow[]> {
  const today = dateOf(w.today);
  const remindUntil = dateOf(addDays(w.today, w.remindDaysBefore));
  const escalateBy = dateOf(addDays(w.today, -w.managerAfterDays));
  return tx.$queryRaw<SweepRow[]>`
    SELECT pp.id::text AS id, pp.position, pp.due_date, pp.amount_fen, pp.paid_fen, c.number, cu.name AS customer,
           c.owner_id::text AS owner_id, u.name AS owner_name, u.wecom_user_id AS owner_wecom, u.manager_id::text AS manager_id,
           pp.reminded_at, pp.overdue_notice_at, pp.escalated_at
    FROM payment_plans pp
    JOIN contracts c ON c.id = pp.contract_id
    JOIN customers cu ON cu.id = c.customer_id
    JOIN users u ON u.id = c.owner_id
    WHERE pp.paid_fen < pp.amount_fen
      AND c.status IN (${Prisma.join(LIVE_CONTRACT_STATUSES)})
      AND ((pp.reminded_at IS NULL AND pp.due_date >= ${today}::date AND pp.due_date <= ${remindUntil}::date)
        OR (pp.overdue_notice_at IS NULL AND pp.due_date < ${today}::date)
        OR (pp.escalated_at IS NULL AND pp.due_date <= ${escalateBy}::date))
    ORDER BY pp.due_date, c.number, pp.position`;
}

export type Marker = "reminded_at" | "overdue_notice_at" | "escalated_at";

/** Sets the marker on those of `ids` that do not have it yet; returns the ones this call set. */
export async function claimMarker(tx: Tx, marker: Marker, ids: readonly string[], now: Date): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const column = Prisma.raw(marker);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE payment_plans SET ${column} = ${now}
    WHERE id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))}) AND ${column} IS NULL
    RETURNING id::text AS id`;
  return new Set(rows.map((r) => r.id));
}
