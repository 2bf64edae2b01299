// The figures behind 业绩, 排行 and target progress, in one statement per report: per person in
// scope, deals won (closed in the period at a stage whose outcome is won, Opportunity.amount 元
// → 分), 回款 (the receivables domain's rule), new customers (created in the period, counted for
// their owner now) and follow-ups (by author); with their own targets and a team's target when
// asked. A figure nobody asked for is not computed; no per-person query.
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Fen } from "../money/index.ts";
import { receiptsByOwnerSql } from "../receivables/index.ts";
import type { Period } from "./period.ts";
import { figuresOf, teamTargetSql, userTargetsSql, type TargetFigures } from "./targets.ts";

export interface Actuals {
  wonFen: Fen;
  wonCount: number;
  receiptsFen: Fen;
  newCustomers: number;
  followUps: number;
}

export const ZERO: Actuals = { wonFen: 0, wonCount: 0, receiptsFen: 0, newCustomers: 0, followUps: 0 };

interface Row {
  id: string | null;
  won_fen: bigint | null;
  won_count: bigint | null;
  receipts_fen: bigint | null;
  new_customers: bigint | null;
  follow_ups: bigint | null;
  t_won_fen: bigint | null;
  t_receipts_fen: bigint | null;
  has_target: boolean | null;
}

export interface Figures {
  /** Everyone in `ids` (people with nothing get zeros). */
  actuals: Map<string, Actuals>;
  /** Own targets summed over the period's months (people without any are absent); empty
   * unless asked for. */
  targets: Map<string, TargetFigures>;
  /** The team's target over the period, when a team was given. */
  team: TargetFigures | null;
}

const NONE = Prisma.sql`NULL::bigint`;

/**
 * One round trip. `only` limits the actuals to those a caller shows (a ranking needs one);
 * `targets` adds each person's own targets, `teamId` the team's.
 */
export async function figuresFor(
  tx: Tx,
  settings: CrmSettings,
  ids: readonly string[],
  period: Period,
  opts: { only?: ReadonlySet<keyof Actuals>; targets?: boolean; teamId?: string | null } = {},
): Promise<Figures> {
  const wants = (k: keyof Actuals) => !opts.only || opts.only.has(k);
  const people = () => Prisma.sql`${[...ids]}::uuid[]`;
  const range = (col: Prisma.Sql) => Prisma.sql`${col} >= ${period.from} AND ${col} < ${period.to}`;
  const wonStages = settings.opportunities.stages.filter((s) => s.outcome === "won").map((s) => s.name);
  const cols: Prisma.Sql[] = [];
  const joins: Prisma.Sql[] = [];
  if (wants("wonFen") || wants("wonCount")) {
    // A negative amount is no money won (as parseYuan refused it); NULL is 0.
    joins.push(Prisma.sql`LEFT JOIN (
      SELECT o.owner_id, SUM(GREATEST(COALESCE(o.amount, 0), 0) * 100)::bigint AS fen, COUNT(*)::bigint AS n
      FROM opportunities o
      WHERE o.owner_id = ANY(${people()}) AND ${range(Prisma.sql`o.closed_at`)} AND o.stage = ANY(${wonStages}::text[])
      GROUP BY o.owner_id) w ON w.owner_id = p.id`);
    cols.push(Prisma.sql`w.fen AS won_fen, w.n AS won_count`);
  } else cols.push(Prisma.sql`${NONE} AS won_fen, ${NONE} AS won_count`);
  if (wants("receiptsFen")) {
    joins.push(Prisma.sql`LEFT JOIN (${receiptsByOwnerSql(people(), period.firstDay, period.lastDay)}) r ON r.owner_id = p.id`);
    cols.push(Prisma.sql`r.fen AS receipts_fen`);
  } else cols.push(Prisma.sql`${NONE} AS receipts_fen`);
  if (wants("newCustomers")) {
    joins.push(Prisma.sql`LEFT JOIN (
      SELECT c.owner_id, COUNT(*)::bigint AS n FROM customers c
      WHERE c.owner_id = ANY(${people()}) AND ${range(Prisma.sql`c.created_at`)} GROUP BY c.owner_id) c ON c.owner_id = p.id`);
    cols.push(Prisma.sql`c.n AS new_customers`);
  } else cols.push(Prisma.sql`${NONE} AS new_customers`);
  if (wants("followUps")) {
    joins.push(Prisma.sql`LEFT JOIN (
      SELECT f.author_id, COUNT(*)::bigint AS n FROM follow_ups f
      WHERE f.author_id = ANY(${people()}) AND ${range(Prisma.sql`f.at`)} GROUP BY f.author_id) f ON f.author_id = p.id`);
    cols.push(Prisma.sql`f.n AS follow_ups`);
  } else cols.push(Prisma.sql`${NONE} AS follow_ups`);
  if (opts.targets) {
    joins.push(Prisma.sql`LEFT JOIN (${userTargetsSql(people(), period.months)}) t ON t.user_id = p.id`);
    cols.push(Prisma.sql`t.won_fen AS t_won_fen, t.receipts_fen AS t_receipts_fen, t.user_id IS NOT NULL AS has_target`);
  } else cols.push(Prisma.sql`${NONE} AS t_won_fen, ${NONE} AS t_receipts_fen, FALSE AS has_target`);
  const team = opts.teamId
    ? Prisma.sql`UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, tt.won_fen, tt.receipts_fen, TRUE FROM (${teamTargetSql(opts.teamId, period.months)}) tt`
    : Prisma.empty;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT p.id::text AS id, ${Prisma.join(cols)}
    FROM unnest(${people()}) AS p(id) ${Prisma.join(joins, " ")}
    ${team}`;
  const n = (v: bigint | null) => (v === null ? 0 : Number(v));
  const out: Figures = { actuals: new Map(), targets: new Map(), team: null };
  for (const r of rows) {
    const targets = figuresOf({ won_fen: r.t_won_fen, receipts_fen: r.t_receipts_fen });
    if (r.id === null) {
      out.team = targets;
      continue;
    }
    out.actuals.set(r.id, { wonFen: n(r.won_fen), wonCount: n(r.won_count), receiptsFen: n(r.receipts_fen), newCustomers: n(r.new_customers), followUps: n(r.follow_ups) });
    if (r.has_target) out.targets.set(r.id, targets);
  }
  return out;
}
