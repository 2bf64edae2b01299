// The forecast of a period, in a report scope: open deals whose expected close date falls in
// the period — weighted by their stage's probability (settings.opportunities.stages) and
// summed per the rep's own forecast category — what was won in the period, and the cash
// forecast from 回款 plans. Chat, pictures, REST and the monthly snapshot all read these.
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { divRoundHalfUp, type Fen } from "../money/index.ts";
import { isForecastCategory, type ForecastCategory } from "../opportunities/index.ts";
import { cashDueByMonth, type CashByMonth } from "../receivables/index.ts";
import { monthKey, periodAt, type Period } from "./period.ts";
import type { ReportScope } from "./report-scope.ts";

export type CategoryKey = ForecastCategory | "uncategorized";
export const CATEGORY_KEYS: readonly CategoryKey[] = ["commit", "probable", "upside", "uncategorized"];

export interface PipelineFigures {
  /** Σ amount × stage probability of the open deals expected to close in the period. */
  weightedFen: Fen;
  /** Σ amount of those deals per forecast category. */
  byCategory: Record<CategoryKey, Fen>;
  deals: number;
}

export interface ForecastFigures extends PipelineFigures {
  /** Won in the period (closed as won within it). */
  wonFen: Fen;
  wonDeals: number;
}

export interface RepForecast extends ForecastFigures {
  user: User;
}

export interface Forecast {
  period: Period;
  total: ForecastFigures;
  reps: RepForecast[];
  /** Open deals in scope with no expected close date: not in the forecast. */
  undated: number;
  cash: CashByMonth;
}

const emptyPipeline = (): PipelineFigures => ({ weightedFen: 0, byCategory: { commit: 0, probable: 0, upside: 0, uncategorized: 0 }, deals: 0 });

/** Per owner, stage and forecast category: the dated open deals of the period, the won ones
 * and the undated open ones (fen = Σ amount × 100, exact: amount is NUMERIC(14,2)). */
interface DealRow {
  owner: string;
  stage: string;
  category: string | null;
  dated: number;
  datedFen: bigint | null;
  won: number;
  wonFen: bigint | null;
  undated: number;
}

interface DealParts {
  /** Open deals expected to close in the period (a DATE column). */
  period?: Period;
  /** Deals closed as won within [from, to). */
  won?: { from: Date; to: Date };
  /** Open deals without an expected close date. */
  undated?: boolean;
}

/** The parts asked for, in one scan of the owners' deals (one round trip; a UNION of a scan per
 * part costs more, and PostgreSQL may run it in parallel workers, slower still for a team). */
async function dealRows(tx: Tx, ownerIds: readonly string[], settings: CrmSettings, parts: DealParts): Promise<DealRow[]> {
  const never = Prisma.sql`FALSE`;
  const dated = parts.period
    ? Prisma.sql`o.closed_at IS NULL AND o.expected_close_date BETWEEN ${parts.period.firstDay}::date AND ${parts.period.lastDay}::date`
    : never;
  const wonStages = settings.opportunities.stages.filter((s) => s.outcome === "won").map((s) => s.name);
  const won = parts.won ? Prisma.sql`o.stage = ANY(${wonStages}::text[]) AND o.closed_at >= ${parts.won.from} AND o.closed_at < ${parts.won.to}` : never;
  const undated = parts.undated ? Prisma.sql`o.closed_at IS NULL AND o.expected_close_date IS NULL` : never;
  return tx.$queryRaw<DealRow[]>`
    SELECT o.owner_id::text AS owner, o.stage, o.forecast_category AS category,
      COUNT(*) FILTER (WHERE ${dated})::int AS dated, (SUM(o.amount) FILTER (WHERE ${dated}) * 100)::bigint AS "datedFen",
      COUNT(*) FILTER (WHERE ${won})::int AS won, (SUM(o.amount) FILTER (WHERE ${won}) * 100)::bigint AS "wonFen",
      COUNT(*) FILTER (WHERE ${undated})::int AS undated
    FROM opportunities o
    WHERE o.owner_id = ANY(${[...ownerIds]}::uuid[]) AND ((${dated}) OR (${won}) OR (${undated}))
    GROUP BY o.owner_id, o.stage, o.forecast_category`;
}

/** The dated rows summed per owner; weighted per owner and stage (one rounding per stage). */
function pipelineOf(rows: readonly DealRow[], settings: CrmSettings): Map<string, PipelineFigures> {
  const probability = new Map(settings.opportunities.stages.map((s) => [s.name, s.probability]));
  const byStage = new Map<string, Map<string, Fen>>();
  const out = new Map<string, PipelineFigures>();
  for (const g of rows) {
    if (g.dated === 0) continue;
    const fen = Number(g.datedFen ?? 0n);
    const figures = out.get(g.owner) ?? emptyPipeline();
    const category: CategoryKey = isForecastCategory(g.category) ? g.category : "uncategorized";
    figures.byCategory[category] += fen;
    figures.deals += g.dated;
    out.set(g.owner, figures);
    const stages = byStage.get(g.owner) ?? new Map<string, Fen>();
    stages.set(g.stage, (stages.get(g.stage) ?? 0) + fen);
    byStage.set(g.owner, stages);
  }
  for (const [owner, stages] of byStage) {
    let weighted = 0;
    for (const [stage, fen] of stages) weighted += Number(divRoundHalfUp(BigInt(fen) * BigInt(probability.get(stage) ?? 0), 100n));
    out.get(owner)!.weightedFen = weighted;
  }
  return out;
}

/** The won rows summed per owner (owners with a won deal only). */
function wonOf(rows: readonly DealRow[]): Map<string, { fen: Fen; deals: number }> {
  const out = new Map<string, { fen: Fen; deals: number }>();
  for (const r of rows) {
    if (r.won === 0) continue;
    const w = out.get(r.owner) ?? { fen: 0, deals: 0 };
    out.set(r.owner, { fen: w.fen + Number(r.wonFen ?? 0n), deals: w.deals + r.won });
  }
  return out;
}

/** Per owner: the open deals expected to close in the period, weighted and per category. */
export async function pipelineByOwner(tx: Tx, ownerIds: readonly string[], period: Period, settings: CrmSettings): Promise<Map<string, PipelineFigures>> {
  return pipelineOf(await dealRows(tx, ownerIds, settings, { period }), settings);
}

/** The YYYY-MM keys of `count` months from `first` (YYYY-MM). */
export function monthsFrom(first: string, count: number): string[] {
  const [y, m] = first.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => monthKey(y + Math.floor((m - 1 + i) / 12), ((m - 1 + i) % 12) + 1));
}

/** Won deals per owner, closed within [from, to). */
export async function wonByOwner(tx: Tx, ownerIds: readonly string[], from: Date, to: Date, settings: CrmSettings): Promise<Map<string, { fen: Fen; deals: number }>> {
  return wonOf(await dealRows(tx, ownerIds, settings, { won: { from, to } }));
}

function add(into: ForecastFigures, f: ForecastFigures): void {
  into.weightedFen += f.weightedFen;
  for (const k of CATEGORY_KEYS) into.byCategory[k] += f.byCategory[k];
  into.deals += f.deals;
  into.wonFen += f.wonFen;
  into.wonDeals += f.wonDeals;
}

/** The cash forecast's months: from the period's first month, or from this month when the
 * period began earlier (a forecast looks ahead). */
export function cashMonths(period: Period, now: Date, timeZone: string, count: number): string[] {
  const current = periodAt("month", now, timeZone).key;
  return monthsFrom(period.months[0]! < current ? current : period.months[0]!, count);
}

/** The forecast of `period` for the people of `scope` (deals without an owner are no one's forecast). */
export async function forecastFor(tx: Tx, scope: ReportScope, period: Period, settings: CrmSettings, now: Date, timeZone: string): Promise<Forecast> {
  // the deal figures in one statement (one round trip), then the cash forecast
  const [rows, cash] = await Promise.all([
    dealRows(tx, scope.ids, settings, { period, won: { from: period.from, to: period.to }, undated: true }),
    cashDueByMonth(tx, scope.ids, cashMonths(period, now, timeZone, settings.reports.forecast.cashMonths)),
  ]);
  const pipeline = pipelineOf(rows, settings);
  const won = wonOf(rows);
  const undated = rows.reduce((n, r) => n + r.undated, 0);
  const total: ForecastFigures = { ...emptyPipeline(), wonFen: 0, wonDeals: 0 };
  const reps: RepForecast[] = [];
  for (const user of scope.users) {
    const p = pipeline.get(user.id) ?? emptyPipeline();
    const w = won.get(user.id) ?? { fen: 0, deals: 0 };
    const rep: RepForecast = { user, ...p, wonFen: w.fen, wonDeals: w.deals };
    add(total, rep);
    // people who left are shown only when they still have numbers here
    if (user.active || rep.deals > 0 || rep.wonDeals > 0) reps.push(rep);
  }
  return { period, total, reps, undated, cash };
}
