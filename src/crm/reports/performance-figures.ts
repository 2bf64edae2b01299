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
import type { ReportScope } from "./report-scope.ts";
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
  /** The team's target row (its id is NULL). */
  team_row: boolean;
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
  /** Everyone in the scope (people with nothing get zeros). */
  actuals: Map<string, Actuals>;
  /** Own targets summed over the period's months (people without any are absent); empty
   * unless asked for. */
  targets: Map<string, TargetFigures>;
  /** The team's target over the period, when a team was given. */
  team: TargetFigures | null;
}

/**
 * One round trip. `only` limits the actuals to those a caller shows (a ranking needs one);
 * `targets` adds each person's own targets, `teamId` the team's. Only people with something
 * come back (a full join of the figures asked for); everyone else gets zeros here.
 */
export async function figuresFor(
  tx: Tx,
  settings: CrmSettings,
  scope: Pick<ReportScope, "ids" | "kind">,
  period: Period,
  opts: { only?: ReadonlySet<keyof Actuals>; targets?: boolean; teamId?: string | null } = {},
): Promise<Figures> {
  const wants = (k: keyof Actuals) => !opts.only || opts.only.has(k);
  const { ids } = scope;
  // Everyone (an admin): no filter at all, so the plans are the plain aggregates' (even an IS
  // NOT NULL turns a deals-won scan from 300 pages to 1,200); rows of anyone else are dropped below.
  const people = () => (scope.kind === "all" ? null : Prisma.sql`${[...ids]}::uuid[]`);
  const among = (col: Prisma.Sql) => {
    const p = people();
    return p ? Prisma.sql`${col} = ANY(${p})` : Prisma.sql`TRUE`;
  };
  const range = (col: Prisma.Sql) => Prisma.sql`${col} >= ${period.from} AND ${col} < ${period.to}`;
  const wonStages = settings.opportunities.stages.filter((s) => s.outcome === "won").map((s) => s.name);
  const parts: Array<{ cols: string[]; sql: Prisma.Sql }> = [];
  if (wants("wonFen") || wants("wonCount")) {
    // A negative amount is no money won (as parseYuan refused it); NULL is 0.
    parts.push({
      cols: ["won_fen", "won_count"],
      sql: Prisma.sql`SELECT o.owner_id AS id, SUM(GREATEST(COALESCE(o.amount, 0), 0) * 100)::bigint AS won_fen, COUNT(*)::bigint AS won_count
        FROM opportunities o
        WHERE ${among(Prisma.sql`o.owner_id`)} AND ${range(Prisma.sql`o.closed_at`)} AND o.stage = ANY(${wonStages}::text[])
        GROUP BY o.owner_id`,
    });
  }
  if (wants("receiptsFen")) {
    parts.push({ cols: ["receipts_fen"], sql: Prisma.sql`SELECT r.owner_id AS id, r.fen AS receipts_fen FROM (${receiptsByOwnerSql(people(), period.firstDay, period.lastDay)}) r` });
  }
  if (wants("newCustomers")) {
    parts.push({
      cols: ["new_customers"],
      sql: Prisma.sql`SELECT c.owner_id AS id, COUNT(*)::bigint AS new_customers FROM customers c
        WHERE ${among(Prisma.sql`c.owner_id`)} AND ${range(Prisma.sql`c.created_at`)} GROUP BY c.owner_id`,
    });
  }
  if (wants("followUps")) {
    parts.push({
      cols: ["follow_ups"],
      sql: Prisma.sql`SELECT f.author_id AS id, COUNT(*)::bigint AS follow_ups FROM follow_ups f
        WHERE ${among(Prisma.sql`f.author_id`)} AND ${range(Prisma.sql`f.at`)} GROUP BY f.author_id`,
    });
  }
  if (opts.targets) {
    parts.push({
      cols: ["t_won_fen", "t_receipts_fen", "has_target"],
      sql: Prisma.sql`SELECT t.user_id AS id, t.won_fen AS t_won_fen, t.receipts_fen AS t_receipts_fen, TRUE AS has_target FROM (${userTargetsSql(people(), period.months)}) t`,
    });
  }
  const all = ["won_fen", "won_count", "receipts_fen", "new_customers", "follow_ups", "t_won_fen", "t_receipts_fen", "has_target"];
  const got = new Set(parts.flatMap((p) => p.cols));
  const select = Prisma.raw(all.map((c) => (got.has(c) ? c : c === "has_target" ? "FALSE AS has_target" : `NULL::bigint AS ${c}`)).join(", "));
  const from = Prisma.join(
    parts.map((p, i) => (i === 0 ? Prisma.sql`(${p.sql}) f0` : Prisma.sql`FULL JOIN (${p.sql}) ${Prisma.raw(`f${i}`)} USING (id)`)),
    " ",
  );
  const team = opts.teamId
    ? Prisma.sql`UNION ALL SELECT NULL, TRUE, NULL, NULL, NULL, NULL, NULL, tt.won_fen, tt.receipts_fen, TRUE FROM (${teamTargetSql(opts.teamId, period.months)}) tt`
    : Prisma.empty;
  const out: Figures = { actuals: new Map(ids.map((id) => [id, { ...ZERO }])), targets: new Map(), team: null };
  if (parts.length === 0) return out;
  const rows = await tx.$queryRaw<Row[]>`SELECT id::text AS id, FALSE AS team_row, ${select} FROM ${from} ${team}`;
  const n = (v: bigint | null) => (v === null ? 0 : Number(v));
  for (const r of rows) {
    const targets = figuresOf({ won_fen: r.t_won_fen, receipts_fen: r.t_receipts_fen });
    if (r.team_row) {
      out.team = targets;
      continue;
    }
    if (r.id === null || !out.actuals.has(r.id)) continue;
    out.actuals.set(r.id, { wonFen: n(r.won_fen), wonCount: n(r.won_count), receiptsFen: n(r.receipts_fen), newCustomers: n(r.new_customers), followUps: n(r.follow_ups) });
    if (r.has_target) out.targets.set(r.id, targets);
  }
  return out;
}
