// The sales funnel's numbers, for chat, pictures and REST alike (so they never disagree).
// Snapshot: open deals (a stage without outcome) by current stage — count, amount (amount,
// else budget, in 分) and weighted amount (× the stage's probability %).
// Cohort: of the deals created in [from, to), how many reached each open stage (entered it or
// a later open stage, or won: a skipped stage counts as reached), the won stage last; and the
// median days of the completed stays in each stage (an ongoing stay does not count yet).
import type { Tx } from "../../db/tx.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { CrmSettings, StageSetting } from "../../config/crm/crm-settings.ts";
import type { ReportScope } from "./report-scope.ts";
import { atLocal } from "../../util/local-time.ts";

export interface SnapshotRow {
  stage: string;
  probability: number;
  count: number;
  amountFen: number;
  weightedFen: number;
}

export interface CohortRow {
  stage: string;
  reached: number;
  /** reached / cohort size, 0–1 rounded to 4 decimals (0 for an empty cohort). */
  share: number;
  /** Median days of completed stays, 1 decimal; null when none (and for the won stage). */
  medianDays: number | null;
}

export interface Cohort {
  size: number;
  rows: CohortRow[];
}

const openStages = (settings: CrmSettings): StageSetting[] => settings.opportunities.stages.filter((s) => !s.outcome);

/** The owner condition of a scope (none for an admin, who also sees unowned deals). */
function ownerFilter(scope: ReportScope): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  if (scope.ids.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`o.owner_id IN (${Prisma.join(scope.ids.map((id) => Prisma.sql`${id}::uuid`))})`;
}

/** Every open stage in configured order (zeros included); a deal in a stage no longer
 * configured is listed after them, so the totals stay whole. */
export async function funnelSnapshot(tx: Tx, scope: ReportScope, settings: CrmSettings): Promise<SnapshotRow[]> {
  // amount and budget are NUMERIC(14,2): the sum is exact, so ×100 once equals Σ ROUND(x × 100)
  const rows = await tx.$queryRaw<Array<{ stage: string; count: bigint; fen: bigint | null }>>`
    SELECT o.stage, COUNT(*)::bigint AS count, (SUM(COALESCE(o.amount, o.budget, 0)) * 100)::bigint AS fen
    FROM opportunities o
    WHERE o.closed_at IS NULL AND ${ownerFilter(scope)}
    GROUP BY o.stage`;
  const outcomes = new Set(settings.opportunities.stages.filter((s) => s.outcome).map((s) => s.name));
  const known = openStages(settings);
  const extra = rows
    .filter((r) => !outcomes.has(r.stage) && !known.some((s) => s.name === r.stage))
    .map((r) => ({ name: r.stage, probability: 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...known, ...extra].map((s) => {
    const r = rows.find((x) => x.stage === s.name);
    const amountFen = Number(r?.fen ?? 0n);
    return { stage: s.name, probability: s.probability, count: Number(r?.count ?? 0n), amountFen, weightedFen: Math.round((amountFen * s.probability) / 100) };
  });
}

/** The cohort of deals created in [from, to) within the scope, computed in one statement.
 * Stages are numbered in configured order (open ones 0…n-1, the won stage n), so a deal's
 * furthest stage is the highest number among its current stage and every stage it entered
 * (-1: none of them). A stay ends at the deal's next change (ties broken by id); days are the
 * milliseconds between as float8 ÷ 86 400 000, summed per deal and stage — the same
 * arithmetic as the former JS — and the median is the middle sum, or the mean (lo + hi) / 2 of
 * the two middle ones (not percentile_cont: its lo + (hi - lo) × 0.5 can differ in the last bit,
 * and so in the rounded figure). test/reports/funnel-cohort-sql.test.ts holds the former JS. */
export async function funnelCohort(tx: Tx, scope: ReportScope, settings: CrmSettings, from: Date, to: Date): Promise<Cohort> {
  const open = openStages(settings);
  const won = settings.opportunities.stages.find((s) => s.outcome === "won")!;
  const numbered = Prisma.join([...open, won].map((s, i) => Prisma.sql`(${s.name}::text, ${i}::int)`));
  const rows = await tx.$queryRaw<Array<{ reached: boolean; idx: number; deals: number; median: number | null }>>`
    WITH st(name, idx) AS (VALUES ${numbered}),
    changes AS (
      SELECT o.id, cur.idx AS cur, chg.idx,
        (EXTRACT(EPOCH FROM LEAD(sc.at) OVER (PARTITION BY o.id ORDER BY sc.at, sc.id) - sc.at) * 1000)::float8 / 86400000 AS days
      FROM opportunities o
        LEFT JOIN stage_changes sc ON sc.opportunity_id = o.id
        LEFT JOIN st cur ON cur.name = o.stage
        LEFT JOIN st chg ON chg.name = sc.to_stage
      WHERE o.created_at >= ${from} AND o.created_at < ${to} AND ${ownerFilter(scope)}
    ),
    sets AS (
      SELECT GROUPING(idx) AS deal, idx, COALESCE(GREATEST(MAX(idx), MAX(cur)), -1) AS furthest, SUM(days) AS days
      FROM changes GROUP BY GROUPING SETS ((id), (id, idx))
    ),
    sorted AS (
      SELECT deal = 1 AS reached, CASE WHEN deal = 1 THEN furthest ELSE idx END AS idx, COUNT(*)::int AS deals,
        ARRAY_AGG(days ORDER BY days) FILTER (WHERE deal = 0) AS a
      FROM sets WHERE deal = 1 OR (idx < ${open.length} AND days IS NOT NULL)
      GROUP BY 1, 2
    )
    SELECT reached, idx, deals, (a[(deals + 1) / 2] + a[deals / 2 + 1]) / 2 AS median FROM sorted`;
  const atFurthest = new Map<number, number>();
  const medians = new Map<number, number>();
  for (const r of rows) {
    if (r.reached) atFurthest.set(r.idx, r.deals);
    else if (r.median !== null) medians.set(r.idx, r.median);
  }
  const size = [...atFurthest.values()].reduce((s, n) => s + n, 0);
  const share = (n: number) => (size === 0 ? 0 : Math.round((n / size) * 10_000) / 10_000);
  const reachedFrom = (i: number) => [...atFurthest].reduce((s, [f, n]) => (f >= i ? s + n : s), 0);
  const rows2: CohortRow[] = open.map((s, i) => {
    const reached = reachedFrom(i);
    const days = medians.get(i);
    return { stage: s.name, reached, share: share(reached), medianDays: days === undefined ? null : Math.round(days * 10) / 10 };
  });
  const wonCount = atFurthest.get(open.length) ?? 0;
  return { size, rows: [...rows2, { stage: won.name, reached: wonCount, share: share(wonCount), medianDays: null }] };
}

/** Local calendar days, first and last inclusive (YYYY-MM-DD), as the instants [from, to). */
export function dayRange(firstDay: string, lastDay: string, timeZone: string): { from: Date; to: Date } {
  const [y1, m1, d1] = firstDay.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = lastDay.split("-").map(Number) as [number, number, number];
  return { from: atLocal(y1, m1, d1, 0, timeZone), to: atLocal(y2, m2, d2 + 1, 0, timeZone) };
}
