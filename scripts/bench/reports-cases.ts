// The reports bench:reports measures, each as a manager (a team of 10 reps) and, where the scope
// matters, as the admin (110 people), against the plain SQL aggregate it stands on.
import type { User } from "../../src/auth/users.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import type { Tx } from "../../src/db/tx.ts";
import { conversionReport } from "../../src/crm/reports/campaign-figures.ts";
import { forecastFor } from "../../src/crm/reports/forecast.ts";
import { funnelCohort, funnelSnapshot } from "../../src/crm/reports/funnel.ts";
import { healthOfOwners } from "../../src/crm/reports/health-report.ts";
import { leaderboard, targetProgress } from "../../src/crm/reports/performance.ts";
import { monthPeriod, quarterPeriod } from "../../src/crm/reports/period.ts";
import { reportScope } from "../../src/crm/reports/report-scope.ts";
import { checkLeaderboard, checkProgress, LEADERBOARD_WON_SQL, progressParams, progressSql } from "./reports-performance.ts";

export interface ReportCase {
  label: string;
  /** The WeCom id of who asks (bench_mgr_1: a team of 10; bench_admin: everyone). */
  as: string;
  ours(tx: Tx, actor: User): Promise<unknown>;
  baseline: { sql: string; params?: (actor: User) => unknown[] };
  /** Throws when ours and the baseline disagree. */
  check?(db: Database): Promise<void>;
}

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-20T02:00:00Z");
const settings = defaultCrmSettings();
const month = monthPeriod(2026, 10, TZ);
const quarter = quarterPeriod(2026, 3, TZ);
/** The people a manager's reports count (the same rule as reportScope). */
const TEAM = `(SELECT id FROM users WHERE id = $1 OR manager_id = $1 OR team_id = (SELECT team_id FROM users WHERE id = $1))`;
const mine = (a: User) => [a.id];

export function reportCases(): ReportCase[] {
  return [
    {
      label: "funnel snapshot (manager)",
      as: "bench_mgr_1",
      ours: async (tx, a) => funnelSnapshot(tx, await reportScope(tx, a), settings),
      baseline: { sql: `SELECT stage, count(*), sum(coalesce(amount, budget, 0)) FROM opportunities WHERE closed_at IS NULL AND owner_id IN ${TEAM} GROUP BY stage`, params: mine },
    },
    {
      label: "funnel snapshot (admin)",
      as: "bench_admin",
      ours: async (tx, a) => funnelSnapshot(tx, await reportScope(tx, a), settings),
      baseline: { sql: "SELECT stage, count(*), sum(coalesce(amount, budget, 0)) FROM opportunities WHERE closed_at IS NULL GROUP BY stage" },
    },
    {
      label: "funnel cohort, a quarter (admin)",
      as: "bench_admin",
      ours: async (tx, a) => funnelCohort(tx, await reportScope(tx, a), settings, quarter.from, quarter.to),
      baseline: {
        sql: `SELECT sc.to_stage, count(DISTINCT sc.opportunity_id) FROM stage_changes sc JOIN opportunities o ON o.id = sc.opportunity_id
              WHERE o.created_at >= $1 AND o.created_at < $2 GROUP BY sc.to_stage`,
        params: () => [quarter.from, quarter.to],
      },
    },
    {
      label: "leaderboard 成交, a month (admin)",
      as: "bench_admin",
      ours: async (tx, a) => leaderboard(tx, await reportScope(tx, a), month, "won", settings),
      baseline: { sql: LEADERBOARD_WON_SQL, params: () => [month.from, month.to] },
      check: (db) => checkLeaderboard(db, "bench_admin", month, settings),
    },
    {
      label: "业绩 vs targets, a month (manager)",
      as: "bench_mgr_1",
      ours: async (tx, a) => targetProgress(tx, await reportScope(tx, a), month, { settings, teamId: a.teamId }),
      baseline: { sql: progressSql(TEAM), params: (a) => progressParams(a, month) },
      check: (db) => checkProgress(db, "bench_mgr_1", month, settings, TEAM),
    },
    {
      label: "forecast, a month (manager)",
      as: "bench_mgr_1",
      ours: async (tx, a) => forecastFor(tx, await reportScope(tx, a), month, settings, NOW, TZ),
      baseline: {
        sql: `SELECT owner_id, stage, sum(amount), count(*) FROM opportunities WHERE closed_at IS NULL AND expected_close_date BETWEEN $2::date AND $3::date AND owner_id IN ${TEAM} GROUP BY owner_id, stage`,
        params: (a) => [a.id, month.firstDay, month.lastDay],
      },
    },
    {
      label: "customer health, the team's list (manager)",
      as: "bench_mgr_1",
      ours: async (tx, a) => healthOfOwners(tx, (await reportScope(tx, a)).ids, { now: NOW, timeZone: TZ, settings }),
      baseline: {
        sql: `SELECT c.id, c.last_follow_up_at, (SELECT count(*) FROM tickets t WHERE t.customer_id = c.id AND t.status <> 'closed' AND t.priority IN ('P1','P2')),
                     (SELECT count(*) FROM payment_plans pp JOIN contracts k ON k.id = pp.contract_id WHERE k.customer_id = c.id AND pp.paid_fen < pp.amount_fen AND pp.due_date < $2::date)
              FROM customers c WHERE c.owner_id IN ${TEAM}`,
        params: (a) => [a.id, "2026-11-20"],
      },
    },
    {
      label: "渠道分析, a quarter (admin)",
      as: "bench_admin",
      ours: async (tx, a) => conversionReport(tx, settings, { scope: await reportScope(tx, a), viewerSeesCost: true, range: { from: quarter.from, to: quarter.to } }),
      baseline: {
        sql: `SELECT l.source, count(*), count(*) FILTER (WHERE l.score >= 60 OR l.status = 'converted'), count(*) FILTER (WHERE l.status = 'converted')
              FROM leads l WHERE l.created_at >= $1 AND l.created_at < $2 GROUP BY l.source`,
        params: () => [quarter.from, quarter.to],
      },
    },
  ];
}
