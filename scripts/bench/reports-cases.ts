// The reports bench:reports measures, each as a manager (a team of 10 reps) and, where the scope
// matters, as the admin (110 people), against the plain SQL aggregate it stands on.
import type { User } from "../../src/auth/users.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import type { Tx } from "../../src/db/tx.ts";
import { conversionReport } from "../../src/crm/reports/campaign-figures.ts";
import { cashMonths, forecastFor } from "../../src/crm/reports/forecast.ts";
import { funnelCohort, funnelSnapshot } from "../../src/crm/reports/funnel.ts";
import { leaderboard, targetProgress } from "../../src/crm/reports/performance.ts";
import { monthPeriod, quarterPeriod } from "../../src/crm/reports/period.ts";
import { reportScope } from "../../src/crm/reports/report-scope.ts";
import { healthCase } from "./reports-health-case.ts";
import { checkCohort, cohortBaselineSql, forecastBaselineSql } from "./reports-funnel-sql.ts";
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
      // every figure shown: the pipeline per category, won, undated and the cash months
      baseline: { sql: forecastBaselineSql(TEAM, settings), params: (a) => [a.id, month.firstDay, month.lastDay, month.from, month.to, cashLastDay] },
    },
    healthCase({ team: TEAM, now: NOW, today: "2026-11-20", timeZone: TZ, settings }),
    {
      label: "渠道分析, a quarter (admin)",
      as: "bench_admin",
      ours: async (tx, a) => conversionReport(tx, settings, { scope: await reportScope(tx, a), viewerSeesCost: true, range: { from: quarter.from, to: quarter.to } }),
      baseline: { sql: CHANNEL_SQL, params: () => [quarter.from, quarter.to] },
      check: checkChannels,
    },
  ];
}

/** 渠道分析's figures in plain SQL: per lead the customer made from it, that customer's won deals
 * and confirmed payments; per source, per campaign (g = 1, 2) and in total (g = 3); then every
 * campaign's spend (g = 4). */
const CHANNEL_SQL = `
  SELECT GROUPING(l.source, l.campaign) AS g, l.source, l.campaign, count(*) AS leads,
         count(*) FILTER (WHERE c.id IS NOT NULL OR l.status = 'converted' OR l.score >= 60) AS mql,
         count(*) FILTER (WHERE c.id IS NOT NULL OR l.status = 'converted') AS converted,
         count(w.customer_id) AS won, coalesce(sum(w.fen), 0) AS won_fen, coalesce(sum(r.fen), 0) AS receipts_fen, NULL::bigint AS cost_fen
  FROM leads l
  LEFT JOIN customers c ON c.from_lead_id = l.id
  LEFT JOIN (SELECT customer_id, coalesce(sum(amount), 0) * 100 AS fen FROM opportunities WHERE stage = '赢单' GROUP BY customer_id) w ON w.customer_id = c.id
  LEFT JOIN (SELECT k.customer_id, sum(p.amount_fen) AS fen FROM payments p JOIN contracts k ON k.id = p.contract_id
             WHERE p.status = 'confirmed' GROUP BY k.customer_id) r ON r.customer_id = c.id
  WHERE l.created_at >= $1 AND l.created_at < $2
  GROUP BY GROUPING SETS ((l.source), (l.campaign), ())
  UNION ALL SELECT 4, NULL, name, 0, 0, 0, 0, 0, 0, cost_fen FROM campaigns`;

/** Throws unless the report shows the plain SQL's numbers. */
async function checkChannels(db: Database): Promise<void> {
  const rows = await db.query<Record<string, string | number | null>>(CHANNEL_SQL, [quarter.from, quarter.to]);
  const actor = await db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "bench_admin" } });
  const r = await db.prisma.$transaction(async (tx) => conversionReport(tx, settings, { scope: await reportScope(tx, actor), viewerSeesCost: true, range: { from: quarter.from, to: quarter.to } }));
  const line = (x: { leads: number; mql: number; converted: number; won: number; wonFen: number; receiptsFen: number }) => [x.leads, x.mql, x.converted, x.won, x.wonFen, x.receiptsFen].join(",");
  const sqlLine = (x: Record<string, string | number | null>) => [x["leads"], x["mql"], x["converted"], x["won"], x["won_fen"], x["receipts_fen"]].map((v) => String(Number(v))).join(",");
  const cost = new Map(rows.filter((x) => Number(x["g"]) === 4).map((x) => [String(x["campaign"]), Number(x["cost_fen"])]));
  const expected = [
    ...rows.filter((x) => Number(x["g"]) === 1).map((x) => `source ${x["source"]}: ${sqlLine(x)}`),
    ...rows.filter((x) => Number(x["g"]) === 2 && x["campaign"] !== null).map((x) => `campaign ${x["campaign"]}: ${sqlLine(x)} cost ${cost.get(String(x["campaign"])) ?? null}`),
    ...[...cost].filter(([name]) => !rows.some((x) => Number(x["g"]) === 2 && x["campaign"] === name)).map(([name, fen]) => `campaign ${name}: 0,0,0,0,0,0 cost ${fen}`),
    ...rows.filter((x) => Number(x["g"]) === 3).map((x) => `total: ${sqlLine(x)}`),
  ].sort();
  const got = [...r.sources.map((x) => `source ${x.source}: ${line(x)}`), ...r.campaigns.map((x) => `campaign ${x.campaign}: ${line(x)} cost ${x.costFen}`), `total: ${line(r.total)}`].sort();
  if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`渠道分析 differs from its plain SQL:\n  ours ${got.join("\n       ")}\n  sql  ${expected.join("\n       ")}`);
  // Data loaded by an older reports-data.ts has no customer made from a lead: it still measures,
  // but without the wins and 回款 the report adds up.
  if (r.total.won === 0 || r.total.receiptsFen === 0) process.stdout.write("  (渠道分析: no won deal or 回款 from a converted lead in this data; load it afresh with the current reports-data.ts)\n");
}
