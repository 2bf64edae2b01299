// The reports bench:reports measures, each as a manager (a team of 10 reps) and, where the scope
// matters, as the admin (110 people), against the plain SQL aggregate it stands on.
import type { User } from "../../src/auth/users.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import type { Tx } from "../../src/db/tx.ts";
import { conversionReport } from "../../src/crm/reports/campaign-figures.ts";
import { cashMonths, forecastFor } from "../../src/crm/reports/forecast.ts";
import { funnelCohort, funnelSnapshot } from "../../src/crm/reports/funnel.ts";
import { healthOfOwners } from "../../src/crm/reports/health-report.ts";
import { leaderboard, targetProgress } from "../../src/crm/reports/performance.ts";
import { monthPeriod, quarterPeriod } from "../../src/crm/reports/period.ts";
import { reportScope } from "../../src/crm/reports/report-scope.ts";
import { checkCohort, cohortBaselineSql, forecastBaselineSql } from "./reports-funnel-sql.ts";

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
/** The last day of the forecast's last cash month (the months the report shows). */
const cashLastDay = ((key: string) => monthPeriod(Number(key.slice(0, 4)), Number(key.slice(5, 7)), TZ).lastDay)(cashMonths(month, NOW, TZ, settings.reports.forecast.cashMonths).at(-1)!);
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
      // every figure shown: reached per stage (skips and won included), share, median stays, size
      baseline: { sql: cohortBaselineSql(settings), params: () => [quarter.from, quarter.to] },
      check: (db) => checkCohort(db, settings, quarter.from, quarter.to),
    },
    {
      label: "leaderboard 成交, a month (admin)",
      as: "bench_admin",
      ours: async (tx, a) => leaderboard(tx, await reportScope(tx, a), month, "won", settings),
      baseline: { sql: "SELECT owner_id, sum(amount), count(*) FROM opportunities WHERE stage = '赢单' AND closed_at >= $1 AND closed_at < $2 GROUP BY owner_id", params: () => [month.from, month.to] },
    },
    {
      label: "业绩 vs targets, a month (manager)",
      as: "bench_mgr_1",
      ours: async (tx, a) => targetProgress(tx, await reportScope(tx, a), month, { settings, teamId: a.teamId }),
      baseline: {
        sql: `SELECT u.id, (SELECT sum(amount) FROM opportunities o WHERE o.owner_id = u.id AND o.stage = '赢单' AND o.closed_at >= $2 AND o.closed_at < $3),
                     (SELECT count(*) FROM follow_ups f WHERE f.author_id = u.id AND f.at >= $2 AND f.at < $3),
                     (SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.created_at >= $2 AND c.created_at < $3),
                     (SELECT sum(p.amount_fen) FROM payments p JOIN contracts k ON k.id = p.contract_id WHERE k.owner_id = u.id AND p.received_on BETWEEN $4::date AND $5::date)
              FROM users u WHERE u.id IN ${TEAM}`,
        params: (a) => [a.id, month.from, month.to, month.firstDay, month.lastDay],
      },
    },
    {
      label: "forecast, a month (manager)",
      as: "bench_mgr_1",
      ours: async (tx, a) => forecastFor(tx, await reportScope(tx, a), month, settings, NOW, TZ),
      // every figure shown: the pipeline per category, won, undated and the cash months
      baseline: { sql: forecastBaselineSql(TEAM, settings), params: (a) => [a.id, month.firstDay, month.lastDay, month.from, month.to, cashLastDay] },
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
