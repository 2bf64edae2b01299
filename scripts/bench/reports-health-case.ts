// bench:reports' customer-health case: the team's list against the plain SQL of every fact the
// score reads, one row per customer of the team — the customer and its owner, overdue
// instalments of live contracts (count and what they still owe), open P1/P2 tickets, the
// latest answered survey, contacts who deleted the rep on WeCom, and the order value of the
// last 12 months and the 12 before (live contracts at their sign date, won deals without one).
// Each fact grouped per customer over the team's customers and joined, ordered by code: the
// fastest plain form measured (correlated subqueries per customer were ~10× slower).
// The check holds our facts to the baseline's rows before measuring.
import type { CrmSettings } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import { healthOfOwners } from "../../src/crm/reports/health-report.ts";
import { healthRows } from "../../src/crm/reports/health-facts.ts";
import { reportScope } from "../../src/crm/reports/report-scope.ts";
import type { ReportCase } from "./reports-cases.ts";

const LIVE = `('effective', 'executing', 'completed')`;

function baselineSql(team: string): string {
  const ids = `(SELECT c.id FROM customers c WHERE c.owner_id IN ${team})`;
  return `
    SELECT cu.id, cu.code, cu.name, cu.created_at, cu.last_follow_up_at, u.id AS owner_id, u.name AS owner_name, u.wecom_user_id,
           od.overdue_count, od.overdue_fen, tk.urgent_codes, tk.urgent_priorities, tk.survey_score, tk.survey_code, dl.deleted_by, ord.recent_fen, ord.previous_fen
    FROM customers cu
    LEFT JOIN users u ON u.id = cu.owner_id
    LEFT JOIN (
      SELECT k.customer_id, count(*)::int AS overdue_count, sum(pp.amount_fen - pp.paid_fen)::bigint AS overdue_fen
      FROM payment_plans pp JOIN contracts k ON k.id = pp.contract_id
      WHERE k.customer_id IN ${ids} AND k.status IN ${LIVE} AND pp.paid_fen < pp.amount_fen AND pp.due_date < $2::date
      GROUP BY k.customer_id) od ON od.customer_id = cu.id
    LEFT JOIN (
      SELECT t.customer_id,
             array_agg(t.code ORDER BY t.code) FILTER (WHERE t.status IN ('new', 'in_progress', 'waiting_customer') AND t.priority IN ('P1', 'P2')) AS urgent_codes,
             array_agg(t.priority ORDER BY t.code) FILTER (WHERE t.status IN ('new', 'in_progress', 'waiting_customer') AND t.priority IN ('P1', 'P2')) AS urgent_priorities,
             (array_agg(t.survey_score ORDER BY t.survey_at DESC, t.code DESC) FILTER (WHERE t.survey_score IS NOT NULL AND t.survey_at IS NOT NULL))[1] AS survey_score,
             (array_agg(t.code ORDER BY t.survey_at DESC, t.code DESC) FILTER (WHERE t.survey_score IS NOT NULL AND t.survey_at IS NOT NULL))[1] AS survey_code
      FROM tickets t WHERE t.customer_id IN ${ids}
      GROUP BY t.customer_id) tk ON tk.customer_id = cu.id
    LEFT JOIN (
      SELECT d.customer_id, array_agg(d.name ORDER BY d.ended_at, d.name) AS deleted_by
      FROM (SELECT ct.customer_id, ct.name, min(ci.unsubscribed_at) AS ended_at
            FROM channel_identities ci JOIN contacts ct ON ct.id = ci.contact_id
            WHERE ct.customer_id IN ${ids} AND ci.channel = 'wecom_external' AND NOT ci.subscribed AND ci.unsubscribed_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM audit_entries a WHERE a.action = 'customer_deleted_rep' AND a.entity = 'contact' AND a.entity_id = ct.id::text AND a.at >= ci.unsubscribed_at)
            GROUP BY ct.customer_id, ct.name) d
      GROUP BY d.customer_id) dl ON dl.customer_id = cu.id
    LEFT JOIN (
      SELECT x.customer_id, sum(x.fen) FILTER (WHERE x.at >= $4 AND x.at < $3)::bigint AS recent_fen, sum(x.fen) FILTER (WHERE x.at >= $5 AND x.at < $4)::bigint AS previous_fen
      FROM (SELECT k.customer_id, coalesce(k.sign_date::timestamp AT TIME ZONE 'UTC', k.effective_at, k.created_at) AS at, k.amount_fen AS fen
            FROM contracts k WHERE k.customer_id IN ${ids} AND k.status IN ${LIVE}
            UNION ALL
            SELECT o.customer_id, o.closed_at, round(coalesce(o.amount, 0) * 100)::bigint
            FROM opportunities o
            WHERE o.customer_id IN ${ids} AND o.stage = '赢单' AND o.closed_at >= $5 AND o.closed_at < $3
              AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.opportunity_id = o.id AND k.status IN ${LIVE} AND k.customer_id IN ${ids})) x
      GROUP BY x.customer_id) ord ON ord.customer_id = cu.id
    WHERE cu.owner_id IN ${team}
    ORDER BY cu.code`;
}

interface BaselineRow {
  id: string;
  overdue_count: number | null;
  overdue_fen: string | null;
  urgent_codes: number[] | null;
  urgent_priorities: string[] | null;
  survey_score: number | null;
  survey_code: number | null;
  deleted_by: string[] | null;
  recent_fen: string | null;
  previous_fen: string | null;
}

export function healthCase(o: { team: string; now: Date; today: string; timeZone: string; settings: CrmSettings }): ReportCase {
  const clock = { now: o.now, timeZone: o.timeZone, settings: o.settings };
  const months = (n: number) => {
    const d = new Date(o.now);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d;
  };
  const span = o.settings.reports.health.orders.months;
  const sql = baselineSql(o.team);
  const params = (a: { id: string }) => [a.id, o.today, o.now, months(span), months(2 * span)];
  return {
    label: "customer health, the team's list (manager)",
    as: "bench_mgr_1",
    ours: async (tx, a) => healthOfOwners(tx, (await reportScope(tx, a)).ids, clock),
    baseline: { sql, params },
    async check(db: Database) {
      const actor = await db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "bench_mgr_1" } });
      const base = await db.query<BaselineRow>(sql, params(actor));
      const ours = await db.prisma.$transaction(async (tx) => healthRows(tx, { ownerIds: (await reportScope(tx, actor)).ids }, o.settings, o.now, o.timeZone));
      const facts = (r: BaselineRow) => ({
        overdue: { count: r.overdue_count ?? 0, owedFen: Number(r.overdue_fen ?? 0) },
        urgentTickets: (r.urgent_codes ?? []).map((code, i) => ({ code, priority: r.urgent_priorities![i]! })),
        lastSurvey: r.survey_score === null ? null : { score: r.survey_score, code: r.survey_code! },
        deletedBy: r.deleted_by ?? [],
        orders: { recentFen: Number(r.recent_fen ?? 0), previousFen: Number(r.previous_fen ?? 0) },
      });
      const differs = base.length !== ours.length || base.some((r, i) => {
        const { idleDays: _i, neverFollowedUp: _n, ...f } = ours[i]!.facts;
        return ours[i]!.customer.id !== r.id || JSON.stringify(f) !== JSON.stringify(facts(r));
      });
      if (differs) throw new Error("customer health: our facts differ from the baseline's");
    },
  };
}
