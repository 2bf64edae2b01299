// The plain SQL baselines of the funnel cohort and the forecast for bench:reports: each computes
// every figure the report shows (not a subset), written as one would by hand, independently of
// the report's own SQL; and a check that the cohort report agrees with its baseline.
import type { User } from "../../src/auth/users.ts";
import type { CrmSettings } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import { funnelCohort } from "../../src/crm/reports/funnel.ts";
import { reportScope } from "../../src/crm/reports/report-scope.ts";

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Cohort of deals created in [$1, $2), every owner: per stage in order how many reached it
 * (it or a later open stage entered, or won), the share of the cohort, the median days of the
 * completed stays (summed per deal), and the cohort's size. */
export function cohortBaselineSql(settings: CrmSettings): string {
  const open = settings.opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
  const won = settings.opportunities.stages.find((s) => s.outcome === "won")!.name;
  const values = [...open, won].map((name, i) => `(${lit(name)}, ${i})`).join(", ");
  return `
    WITH st(name, idx) AS (VALUES ${values}),
    deals AS (SELECT id, stage FROM opportunities WHERE created_at >= $1 AND created_at < $2),
    changes AS (
      SELECT sc.opportunity_id AS id, sc.to_stage, lead(sc.at) OVER (PARTITION BY sc.opportunity_id ORDER BY sc.at, sc.id) - sc.at AS stay
      FROM opportunities o JOIN stage_changes sc ON sc.opportunity_id = o.id WHERE o.created_at >= $1 AND o.created_at < $2),
    furthest AS (
      SELECT e.id, coalesce(max(st.idx), -1) AS f
      FROM (SELECT id, stage FROM deals UNION ALL SELECT id, to_stage FROM changes) e LEFT JOIN st ON st.name = e.stage
      GROUP BY e.id),
    stays AS (
      SELECT to_stage, sum(extract(epoch FROM stay)) / 86400 AS days FROM changes WHERE stay IS NOT NULL GROUP BY id, to_stage),
    medians AS (
      SELECT to_stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS days FROM stays GROUP BY to_stage),
    reached AS (
      SELECT st.idx, count(f.id) AS n FROM st LEFT JOIN furthest f ON f.f >= st.idx GROUP BY st.idx)
    SELECT st.name AS stage, r.n::int AS reached, coalesce(round(r.n::numeric / nullif((SELECT count(*) FROM furthest), 0), 4), 0)::float8 AS share,
      CASE WHEN st.idx < ${open.length} THEN round(m.days::numeric, 1)::float8 END AS "medianDays", (SELECT count(*) FROM furthest)::int AS size
    FROM st JOIN reached r USING (idx) LEFT JOIN medians m ON m.to_stage = st.name
    ORDER BY st.idx`;
}

/** Throws when the cohort report and its baseline disagree (as the admin: everyone). */
export async function checkCohort(db: Database, settings: CrmSettings, from: Date, to: Date): Promise<void> {
  const admin: User = await db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "bench_admin" } });
  const ours = await db.prisma.$transaction(async (tx) => funnelCohort(tx, await reportScope(tx, admin), settings, from, to));
  const base = await db.query<{ stage: string; reached: number; share: number; medianDays: number | null; size: number }>(cohortBaselineSql(settings), [from, to]);
  const plain = { size: base[0]?.size ?? 0, rows: base.map(({ size: _, ...r }) => r) };
  if (JSON.stringify(plain) !== JSON.stringify(ours)) throw new Error(`funnel cohort differs from its baseline:\n${JSON.stringify(ours)}\n${JSON.stringify(plain)}`);
}

/** The forecast of the month [$4, $5) (close dates $2…$3) for the team of $1: dated open deals per
 * owner, stage and category (amount, count), won per owner, the undated count, and what live
 * contracts' unpaid instalments owe per month up to $6 (earlier months included). */
export function forecastBaselineSql(team: string, settings: CrmSettings): string {
  const won = settings.opportunities.stages.filter((s) => s.outcome === "won").map((s) => lit(s.name));
  return `
    WITH team AS ${team}
    SELECT 'pipeline' AS kind, owner_id, stage, forecast_category, count(*), sum(amount) FROM opportunities
      WHERE closed_at IS NULL AND expected_close_date BETWEEN $2::date AND $3::date AND owner_id IN (SELECT id FROM team) GROUP BY owner_id, stage, forecast_category
    UNION ALL
    SELECT 'won', owner_id, NULL, NULL, count(*), sum(amount) FROM opportunities
      WHERE stage IN (${won.join(", ")}) AND closed_at >= $4 AND closed_at < $5 AND owner_id IN (SELECT id FROM team) GROUP BY owner_id
    UNION ALL
    SELECT 'undated', NULL, NULL, NULL, count(*), NULL FROM opportunities
      WHERE closed_at IS NULL AND expected_close_date IS NULL AND owner_id IN (SELECT id FROM team)
    UNION ALL
    SELECT 'cash', NULL, to_char(p.due_date, 'YYYY-MM'), NULL, count(*), sum(p.amount_fen - p.paid_fen) FROM payment_plans p JOIN contracts k ON k.id = p.contract_id
      WHERE p.due_date <= $6::date AND p.paid_fen < p.amount_fen AND k.status IN ('effective', 'executing', 'completed') AND k.owner_id IN (SELECT id FROM team)
      GROUP BY to_char(p.due_date, 'YYYY-MM')`;
}
