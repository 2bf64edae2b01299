// 业绩 per person over a period: deals won (closed in the period at a stage whose outcome is
// won, Opportunity.amount 元 → 分), 回款 (confirmed payments on their contracts), new customers
// (created in the period, counted for their owner now) and follow-ups (by author). Against
// targets (targetProgress) and ranked (leaderboard), each from one statement (performance-figures.ts).
// Chat, REST and pictures all read these.
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { divRoundHalfUp, type Fen } from "../money/index.ts";
import type { Period } from "./period.ts";
import { figuresFor, ZERO, type Actuals } from "./performance-figures.ts";
import type { ReportScope } from "./report-scope.ts";
import { sumFigures, NO_TARGET, type TargetFigures } from "./targets.ts";

export type { Actuals } from "./performance-figures.ts";

/** Whole percent, rounded half up; null without a (positive) target. */
export function percentOf(actual: Fen, target: Fen | null): number | null {
  if (target === null || target <= 0) return null;
  return Number(divRoundHalfUp(BigInt(actual) * 100n, BigInt(target)));
}

export interface Figure {
  actualFen: Fen;
  targetFen: Fen | null;
  percent: number | null;
}

export interface PersonProgress {
  user: User;
  actuals: Actuals;
  won: Figure;
  receipts: Figure;
}

export interface TargetProgress {
  period: Period;
  rows: PersonProgress[];
  total: { actuals: Actuals; won: Figure; receipts: Figure };
  /** Set when the total's target is the manager's team target (own or summed). */
  teamId: string | null;
}

const figure = (actualFen: Fen, targetFen: Fen | null): Figure => ({ actualFen, targetFen, percent: percentOf(actualFen, targetFen) });

/** Who a report lists: the active people in scope, and anyone inactive with numbers or a target. */
function listed(scope: ReportScope, actuals: Map<string, Actuals>, targets: Map<string, TargetFigures>): User[] {
  return scope.users.filter((u) => {
    if (u.active) return true;
    const a = actuals.get(u.id) ?? ZERO;
    return targets.has(u.id) || Object.values(a).some((v) => v !== 0);
  });
}

/**
 * Per person in scope: won and 回款 against their targets over the period, and the total.
 * The total's target is the team's (`teamId`: its own figure per month, else its members'
 * sum) for a manager's team scope; otherwise the sum of the people's targets.
 */
export async function targetProgress(
  tx: Tx,
  scope: ReportScope,
  period: Period,
  opts: { settings: CrmSettings; teamId?: string | null },
): Promise<TargetProgress> {
  const teamId = scope.kind === "team" && opts.teamId ? opts.teamId : null;
  const { actuals, targets, team } = await figuresFor(tx, opts.settings, scope, period, { targets: true, teamId });
  const rows = listed(scope, actuals, targets).map((user) => {
    const a = actuals.get(user.id) ?? ZERO;
    const t = targets.get(user.id) ?? NO_TARGET;
    return { user, actuals: a, won: figure(a.wonFen, t.wonFen), receipts: figure(a.receiptsFen, t.receiptsFen) };
  });
  const totalTarget = teamId ? (team ?? NO_TARGET) : sumFigures(rows.map((r) => ({ wonFen: r.won.targetFen, receiptsFen: r.receipts.targetFen })));
  const sum = (k: keyof Actuals) => rows.reduce((s, r) => s + r.actuals[k], 0);
  const totalActuals: Actuals = { wonFen: sum("wonFen"), wonCount: sum("wonCount"), receiptsFen: sum("receiptsFen"), newCustomers: sum("newCustomers"), followUps: sum("followUps") };
  return {
    period,
    rows,
    total: { actuals: totalActuals, won: figure(totalActuals.wonFen, totalTarget.wonFen), receipts: figure(totalActuals.receiptsFen, totalTarget.receiptsFen) },
    teamId,
  };
}

export const METRICS = ["won", "receipts", "followups", "newCustomers"] as const;
export type Metric = (typeof METRICS)[number];
export const isMoneyMetric = (m: Metric): boolean => m === "won" || m === "receipts";

export interface RankRow {
  /** Competition ranking: equal values share a rank (1, 1, 3). */
  rank: number;
  user: User;
  value: number;
}

const valueOf = (a: Actuals, m: Metric): number =>
  m === "won" ? a.wonFen : m === "receipts" ? a.receiptsFen : m === "followups" ? a.followUps : a.newCustomers;

/** The people in scope ranked by the metric, highest first; ties share a rank and are listed
 * by name; zeros come last (sharing the last rank). */
export async function leaderboard(tx: Tx, scope: ReportScope, period: Period, metric: Metric, settings: CrmSettings): Promise<RankRow[]> {
  const field: keyof Actuals = metric === "won" ? "wonFen" : metric === "receipts" ? "receiptsFen" : metric === "followups" ? "followUps" : "newCustomers";
  const { actuals } = await figuresFor(tx, settings, scope, period, { only: new Set([field]) });
  const people = listed(scope, actuals, new Map());
  const name = (u: User) => u.name ?? u.wecomUserId;
  const sorted = people
    .map((user) => ({ user, value: valueOf(actuals.get(user.id) ?? ZERO, metric) }))
    .sort((a, b) => b.value - a.value || name(a.user).localeCompare(name(b.user), "zh-CN"));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((s) => s.value === r.value) + 1 }));
}
