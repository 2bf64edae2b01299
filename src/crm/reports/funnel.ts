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

const DAY_MS = 86_400_000;

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
  const rows = await tx.$queryRaw<Array<{ stage: string; count: bigint; fen: bigint | null }>>`
    SELECT o.stage, COUNT(*)::bigint AS count, SUM(ROUND(COALESCE(o.amount, o.budget, 0) * 100))::bigint AS fen
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

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

interface CohortDeal {
  entered: Set<string>;
  /** stage → days of its completed stays, summed */
  stays: Map<string, number>;
}

/** The cohort of deals created in [from, to) within the scope. */
export async function funnelCohort(tx: Tx, scope: ReportScope, settings: CrmSettings, from: Date, to: Date): Promise<Cohort> {
  const rows = await tx.$queryRaw<Array<{ id: string; current: string; to_stage: string | null; at: Date | null; left_at: Date | null }>>`
    SELECT o.id::text AS id, o.stage AS current, sc.to_stage, sc.at,
      LEAD(sc.at) OVER (PARTITION BY o.id ORDER BY sc.at, sc.id) AS left_at
    FROM opportunities o LEFT JOIN stage_changes sc ON sc.opportunity_id = o.id
    WHERE o.created_at >= ${from} AND o.created_at < ${to} AND ${ownerFilter(scope)}`;
  const deals = new Map<string, CohortDeal>();
  for (const r of rows) {
    let d = deals.get(r.id);
    if (!d) deals.set(r.id, (d = { entered: new Set([r.current]), stays: new Map() }));
    if (r.to_stage === null) continue;
    d.entered.add(r.to_stage);
    if (r.at && r.left_at) d.stays.set(r.to_stage, (d.stays.get(r.to_stage) ?? 0) + (r.left_at.getTime() - r.at.getTime()) / DAY_MS);
  }
  const open = openStages(settings);
  const won = settings.opportunities.stages.find((s) => s.outcome === "won")!;
  const size = deals.size;
  const share = (n: number) => (size === 0 ? 0 : Math.round((n / size) * 10_000) / 10_000);
  const all = [...deals.values()];
  const furthest = all.map((d) => (d.entered.has(won.name) ? open.length : Math.max(-1, ...open.map((s, i) => (d.entered.has(s.name) ? i : -1)))));
  const rows2: CohortRow[] = open.map((s, i) => {
    const reached = furthest.filter((f) => f >= i).length;
    const days = median(all.flatMap((d) => (d.stays.has(s.name) ? [d.stays.get(s.name)!] : [])));
    return { stage: s.name, reached, share: share(reached), medianDays: days === null ? null : Math.round(days * 10) / 10 };
  });
  const wonCount = furthest.filter((f) => f === open.length).length;
  return { size, rows: [...rows2, { stage: won.name, reached: wonCount, share: share(wonCount), medianDays: null }] };
}

/** Local calendar days, first and last inclusive (YYYY-MM-DD), as the instants [from, to). */
export function dayRange(firstDay: string, lastDay: string, timeZone: string): { from: Date; to: Date } {
  const [y1, m1, d1] = firstDay.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = lastDay.split("-").map(Number) as [number, number, number];
  return { from: atLocal(y1, m1, d1, 0, timeZone), to: atLocal(y2, m2, d2 + 1, 0, timeZone) };
}
