// Forecast accuracy: on the first day of each month every rep's forecast for the month is
// snapshotted (once: a rerun adds nothing); afterwards it is compared with what the rep
// actually won in that month. Team and company figures are sums of their reps.
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Fen } from "../money/index.ts";
import { pipelineByOwner, wonByOwner } from "./forecast.ts";
import { parsePeriod, type Period } from "./period.ts";
import type { ReportScope } from "./report-scope.ts";

/** Snapshots every rep's forecast for `month` (YYYY-MM): the active people, and anyone else
 * who still owns deals expected then. Returns how many rows were written (0 on a rerun). */
export async function snapshotForecast(tx: Tx, month: string, settings: CrmSettings, timeZone: string, now: Date): Promise<number> {
  const period = parsePeriod(month, now, timeZone);
  if (!period || period.kind !== "month") throw new Error(`not a month: ${month}`);
  const users = await tx.user.findMany({ select: { id: true, active: true } });
  const [pipeline, undated] = await Promise.all([
    pipelineByOwner(tx, users.map((u) => u.id), period, settings),
    tx.opportunity.groupBy({ by: ["ownerId"], where: { closedAt: null, expectedCloseDate: null, ownerId: { not: null } }, _count: { _all: true } }),
  ]);
  const undatedOf = new Map(undated.map((g) => [g.ownerId!, g._count._all]));
  const rows = users
    .filter((u) => u.active || pipeline.has(u.id))
    .map((u) => {
      const p = pipeline.get(u.id);
      const c = p?.byCategory;
      return {
        month: period.key,
        userId: u.id,
        weightedFen: BigInt(p?.weightedFen ?? 0),
        commitFen: BigInt(c?.commit ?? 0),
        probableFen: BigInt(c?.probable ?? 0),
        upsideFen: BigInt(c?.upside ?? 0),
        uncategorizedFen: BigInt(c?.uncategorized ?? 0),
        deals: p?.deals ?? 0,
        undated: undatedOf.get(u.id) ?? 0,
        takenAt: now,
      };
    });
  const r = await tx.forecastSnapshot.createMany({ data: rows, skipDuplicates: true });
  return r.count;
}

export interface AccuracyFigures {
  weightedFen: Fen;
  commitFen: Fen;
  actualFen: Fen;
}

export interface Accuracy {
  period: Period;
  /** The months of the period that have snapshots (only they are compared). */
  months: string[];
  /** When the earliest compared snapshot was taken. */
  takenAt: Date | null;
  /** False while the period is still running: the actual is so far. */
  complete: boolean;
  reps: Array<AccuracyFigures & { user: User }>;
  total: AccuracyFigures;
}

/** Error in percent: (forecast − actual) ÷ actual, rounded; null when nothing was won. */
export const errorPct = (forecastFen: Fen, actualFen: Fen): number | null =>
  actualFen === 0 ? null : Math.round(((forecastFen - actualFen) / actualFen) * 100);

/** The snapshots of the period's months for the people of `scope`, against what they won. */
export async function forecastAccuracy(tx: Tx, scope: ReportScope, period: Period, settings: CrmSettings, now: Date, timeZone: string): Promise<Accuracy> {
  const snaps = await tx.forecastSnapshot.findMany({ where: { month: { in: period.months }, userId: { in: [...scope.ids] } }, orderBy: { takenAt: "asc" } });
  const months = period.months.filter((m) => snaps.some((s) => s.month === m));
  const figures = new Map<string, AccuracyFigures>();
  const of = (id: string) => figures.get(id) ?? figures.set(id, { weightedFen: 0, commitFen: 0, actualFen: 0 }).get(id)!;
  for (const s of snaps) {
    const f = of(s.userId);
    f.weightedFen += Number(s.weightedFen);
    f.commitFen += Number(s.commitFen);
  }
  for (const month of months) {
    const m = parsePeriod(month, now, timeZone)!;
    const ids = snaps.filter((s) => s.month === month).map((s) => s.userId);
    for (const [owner, won] of await wonByOwner(tx, ids, m.from, m.to, settings)) of(owner).actualFen += won.fen;
  }
  const reps = scope.users.filter((u) => figures.has(u.id)).map((user) => ({ user, ...figures.get(user.id)! }));
  const total = reps.reduce((t, r) => ({ weightedFen: t.weightedFen + r.weightedFen, commitFen: t.commitFen + r.commitFen, actualFen: t.actualFen + r.actualFen }), {
    weightedFen: 0,
    commitFen: 0,
    actualFen: 0,
  });
  return { period, months, takenAt: snaps[0]?.takenAt ?? null, complete: now >= period.to, reps, total };
}
