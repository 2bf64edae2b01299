// The facts behind customer health, for one customer or every customer of some owners, in one
// SQL statement (one row per customer): idle (local) days, overdue instalments (the
// receivables face), open urgent tickets, the latest survey, contacts who deleted the rep on
// WeCom (the external-contacts face), and the order value of the last window against the one
// before. The customers are chosen by owner (or id) inside the statement: no id lists.
import type { Tx } from "../../db/tx.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { overdueByCustomerSql } from "../receivables/index.ts";
import { OPEN_TICKET_STATUSES } from "../service/index.ts";
import { contactsWhoDeletedRepSql } from "../external-contacts/index.ts";
import { LIVE_CONTRACT_STATUSES } from "../contracts/index.ts";
import type { HealthFacts } from "./health-score.ts";
import { localDateKey } from "../../util/local-time.ts";

/** One customer, or every customer owned by these people (the public pool has no owner). */
export type HealthWho = { customerId: string } | { ownerIds: readonly string[] };

export interface HealthRow {
  customer: { id: string; code: number; name: string };
  owner: { id: string; name: string | null; wecomUserId: string } | null;
  facts: HealthFacts;
}

interface Row {
  id: string;
  code: number;
  name: string;
  never_followed_up: boolean;
  idle_days: number;
  owner_id: string | null;
  owner_name: string | null;
  owner_wecom_user_id: string | null;
  overdue_count: number | null;
  overdue_fen: bigint | null;
  urgent_codes: number[] | null;
  urgent_priorities: string[] | null;
  survey_score: number | null;
  survey_code: number | null;
  deleted_by: string[] | null;
  recent_fen: bigint | null;
  previous_fen: bigint | null;
}

function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** The chosen customers' condition on the customers table under `alias` (the owners as one
 * uuid[] parameter: the condition is repeated in each part of the statement). */
function chosen(who: HealthWho, alias: string): Prisma.Sql {
  const col = Prisma.raw(alias);
  return "customerId" in who ? Prisma.sql`${col}.id = ${who.customerId}::uuid` : Prisma.sql`${col}.owner_id = ANY(${`{${who.ownerIds.join(",")}}`}::uuid[])`;
}

/** Idle days are local calendar days in CRM_TIMEZONE (followed up yesterday evening: 1 day),
 * from today's local date (the app's clock) to the local date of the last follow-up, else of
 * the customer's creation, read by the database in the same zone. Rows come in code order. */
export async function healthRows(tx: Tx, who: HealthWho, settings: CrmSettings, now: Date, timeZone: string): Promise<HealthRow[]> {
  if ("ownerIds" in who && who.ownerIds.length === 0) return [];
  const today = localDateKey(now, timeZone);
  const h = settings.reports.health;
  const ids = Prisma.sql`SELECT c.id FROM customers c WHERE ${chosen(who, "c")}`;
  const live = Prisma.join(LIVE_CONTRACT_STATUSES);
  const recentFrom = monthsBefore(now, h.orders.months);
  const previousFrom = monthsBefore(now, 2 * h.orders.months);
  const wonStages = settings.opportunities.stages.filter((s) => s.outcome === "won").map((s) => s.name);
  const won = wonStages.length > 0 ? Prisma.sql`o.stage IN (${Prisma.join(wonStages)})` : Prisma.sql`FALSE`;
  // Open tickets of the configured priorities; the latest answered survey.
  const urgent =
    h.tickets.priorities.length > 0 ? Prisma.sql`t.status IN (${Prisma.join(OPEN_TICKET_STATUSES)}) AND t.priority IN (${Prisma.join(h.tickets.priorities)})` : Prisma.sql`FALSE`;
  const surveyed = Prisma.sql`t.survey_score IS NOT NULL AND t.survey_at IS NOT NULL`;
  // Orders: a live contract at its sign date (a DATE, read as UTC midnight like Prisma does),
  // else when it took effect, else when it was made; a won deal without a live contract (of
  // these customers) at its close, its amount in yuan made fen.
  const rows = await tx.$queryRaw<Row[]>`
    SELECT cu.id::text AS id, cu.code, cu.name, cu.last_follow_up_at IS NULL AS never_followed_up,
           (${today}::date - (COALESCE(cu.last_follow_up_at, cu.created_at) AT TIME ZONE ${timeZone})::date) AS idle_days,
           u.id::text AS owner_id, u.name AS owner_name, u.wecom_user_id AS owner_wecom_user_id,
           od.overdue_count, od.overdue_fen, tk.urgent_codes, tk.urgent_priorities,
           tk.survey_score, tk.survey_code, dl.deleted_by, ord.recent_fen, ord.previous_fen
    FROM customers cu
    LEFT JOIN users u ON u.id = cu.owner_id
    LEFT JOIN (${overdueByCustomerSql(ids, today)}) od ON od.customer_id = cu.id
    LEFT JOIN (
      SELECT t.customer_id,
             array_agg(t.code ORDER BY t.code) FILTER (WHERE ${urgent}) AS urgent_codes,
             array_agg(t.priority ORDER BY t.code) FILTER (WHERE ${urgent}) AS urgent_priorities,
             (array_agg(t.survey_score ORDER BY t.survey_at DESC, t.code DESC) FILTER (WHERE ${surveyed}))[1] AS survey_score,
             (array_agg(t.code ORDER BY t.survey_at DESC, t.code DESC) FILTER (WHERE ${surveyed}))[1] AS survey_code
      FROM tickets t
      WHERE t.customer_id IN (${ids})
      GROUP BY t.customer_id) tk ON tk.customer_id = cu.id
    LEFT JOIN (
      SELECT d.customer_id, array_agg(d.contact_name ORDER BY d.ended_at, d.contact_name) AS deleted_by
      FROM (SELECT e.customer_id, e.contact_name, MIN(e.ended_at) AS ended_at FROM (${contactsWhoDeletedRepSql(ids)}) e GROUP BY e.customer_id, e.contact_name) d
      GROUP BY d.customer_id) dl ON dl.customer_id = cu.id
    LEFT JOIN (
      SELECT x.customer_id,
             SUM(x.fen) FILTER (WHERE x.at >= ${recentFrom} AND x.at < ${now})::bigint AS recent_fen,
             SUM(x.fen) FILTER (WHERE x.at >= ${previousFrom} AND x.at < ${recentFrom})::bigint AS previous_fen
      FROM (
        SELECT k.customer_id, COALESCE(k.sign_date::timestamp AT TIME ZONE 'UTC', k.effective_at, k.created_at) AS at, k.amount_fen AS fen
        FROM contracts k
        WHERE k.customer_id IN (${ids}) AND k.status IN (${live})
        UNION ALL
        SELECT o.customer_id, o.closed_at, ROUND(COALESCE(o.amount, 0) * 100)::bigint
        FROM opportunities o
        WHERE o.customer_id IN (${ids}) AND ${won} AND o.closed_at >= ${previousFrom} AND o.closed_at < ${now}
          AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.opportunity_id = o.id AND k.status IN (${live}) AND k.customer_id IN (${ids}))) x
      GROUP BY x.customer_id) ord ON ord.customer_id = cu.id
    WHERE ${chosen(who, "cu")}
    ORDER BY cu.code`;
  return rows.map((r) => {
    const codes = r.urgent_codes ?? [];
    return {
      customer: { id: r.id, code: r.code, name: r.name },
      owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name, wecomUserId: r.owner_wecom_user_id! },
      facts: {
        idleDays: Math.max(0, r.idle_days),
        neverFollowedUp: r.never_followed_up,
        overdue: { count: r.overdue_count ?? 0, owedFen: Number(r.overdue_fen ?? 0n) },
        urgentTickets: codes.map((code, i) => ({ code, priority: r.urgent_priorities![i]! })),
        lastSurvey: r.survey_score === null ? null : { score: r.survey_score, code: r.survey_code! },
        deletedBy: r.deleted_by ?? [],
        orders: { recentFen: Number(r.recent_fen ?? 0n), previousFen: Number(r.previous_fen ?? 0n) },
      },
    };
  });
}
