// The plain-SQL baselines of 排行 and 业绩 vs targets, computing what the reports show (not
// less): per person in scope their name, the figures and (排行) the rank; for 业绩 also their own
// targets over the period's months and the team's target. Each comes with a check that the
// report's numbers are the baseline's.
import type { User } from "../../src/auth/users.ts";
import type { CrmSettings } from "../../src/config/crm/crm-settings.ts";
import type { Database } from "../../src/db/database.ts";
import { leaderboard, targetProgress } from "../../src/crm/reports/performance.ts";
import type { Period } from "../../src/crm/reports/period.ts";
import { reportScope } from "../../src/crm/reports/report-scope.ts";

/** Everyone (the admin's scope), active or with deals won, ranked by 成交额 (ties share a rank). */
export const LEADERBOARD_WON_SQL = `
  SELECT u.id, coalesce(u.name, u.wecom_user_id) AS name, coalesce(w.fen, 0)::bigint AS fen, coalesce(w.n, 0) AS n,
         rank() OVER (ORDER BY coalesce(w.fen, 0) DESC) AS rank
  FROM users u
  LEFT JOIN (SELECT owner_id, sum(amount * 100) AS fen, count(*) AS n FROM opportunities
             WHERE stage = '赢单' AND closed_at >= $1 AND closed_at < $2 GROUP BY owner_id) w ON w.owner_id = u.id
  WHERE u.active OR w.owner_id IS NOT NULL
  ORDER BY 3 DESC, 2`;

/** A manager's people ($1: the manager) with their name, actuals, own targets summed over the
 * months ($6) and, on every row, the team's target (its own figure per month, else its active
 * members' sum). */
export function progressSql(team: string): string {
  return `
  SELECT u.id, coalesce(u.name, u.wecom_user_id) AS name, u.active, w.won, w.won_count,
         (SELECT count(*) FROM follow_ups f WHERE f.author_id = u.id AND f.at >= $2 AND f.at < $3) AS follow_ups,
         (SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.created_at >= $2 AND c.created_at < $3) AS new_customers,
         (SELECT sum(p.amount_fen) FROM payments p JOIN contracts k ON k.id = p.contract_id
           WHERE k.owner_id = u.id AND p.status = 'confirmed' AND p.received_on BETWEEN $4::date AND $5::date) AS receipts,
         t.won AS target_won, t.receipts AS target_receipts, tt.won AS team_target_won, tt.receipts AS team_target_receipts
  FROM users u
  CROSS JOIN (
    SELECT sum(coalesce(t.won_fen, m.won)) AS won, sum(coalesce(t.receipts_fen, m.receipts)) AS receipts
    FROM unnest($6::text[]) AS mo(month)
    LEFT JOIN sales_targets t ON t.team_id = (SELECT team_id FROM users WHERE id = $1) AND t.month = mo.month
    LEFT JOIN LATERAL (SELECT sum(s.won_fen) AS won, sum(s.receipts_fen) AS receipts FROM sales_targets s JOIN users x ON x.id = s.user_id
                       WHERE x.team_id = (SELECT team_id FROM users WHERE id = $1) AND x.active AND s.month = mo.month) m ON TRUE
  ) tt
  LEFT JOIN LATERAL (SELECT sum(amount * 100)::bigint AS won, count(*) AS won_count FROM opportunities o
                     WHERE o.owner_id = u.id AND o.stage = '赢单' AND o.closed_at >= $2 AND o.closed_at < $3) w ON TRUE
  LEFT JOIN LATERAL (SELECT sum(s.won_fen) AS won, sum(s.receipts_fen) AS receipts FROM sales_targets s
                     WHERE s.user_id = u.id AND s.month = ANY($6::text[])) t ON TRUE
  WHERE u.id IN ${team}`;
}

export const progressParams = (a: User, p: Period): unknown[] => [a.id, p.from, p.to, p.firstDay, p.lastDay, p.months];

type Num = string | number | bigint | null;
const same = (a: Num | undefined, b: Num | undefined) => String(a ?? 0) === String(b ?? 0);
const nullable = (v: Num | undefined) => (v === null || v === undefined ? "null" : String(v));

async function actor(db: Database, wecomUserId: string): Promise<User> {
  return db.prisma.user.findUniqueOrThrow({ where: { wecomUserId } });
}

export async function checkLeaderboard(db: Database, as: string, period: Period, settings: CrmSettings): Promise<void> {
  const a = await actor(db, as);
  const ours = await db.prisma.$transaction(async (tx) => leaderboard(tx, await reportScope(tx, a), period, "won", settings));
  const base = await db.query<{ id: string; fen: Num; rank: Num }>(LEADERBOARD_WON_SQL, [period.from, period.to]);
  const byId = new Map(base.map((r) => [r.id, r]));
  const bad = ours.filter((r) => !same(byId.get(r.user.id)?.fen, r.value) || !same(byId.get(r.user.id)?.rank, r.rank));
  if (bad.length || base.length !== ours.length) throw new Error(`leaderboard differs from its baseline for ${bad.map((r) => r.user.wecomUserId).join(", ") || "the people listed"}`);
}

export async function checkProgress(db: Database, as: string, period: Period, settings: CrmSettings, team: string): Promise<void> {
  const a = await actor(db, as);
  const ours = await db.prisma.$transaction(async (tx) => targetProgress(tx, await reportScope(tx, a), period, { settings, teamId: a.teamId }));
  const base = await db.query<Record<string, Num>>(progressSql(team), progressParams(a, period));
  const byId = new Map(base.map((r) => [String(r.id), r]));
  for (const r of ours.rows) {
    const b = byId.get(r.user.id);
    const x = r.actuals;
    const ok =
      b &&
      same(b.won, x.wonFen) && same(b.won_count, x.wonCount) && same(b.receipts, x.receiptsFen) && same(b.new_customers, x.newCustomers) && same(b.follow_ups, x.followUps) &&
      nullable(b.target_won) === nullable(r.won.targetFen) && nullable(b.target_receipts) === nullable(r.receipts.targetFen);
    if (!ok) throw new Error(`业绩 differs from its baseline for ${r.user.wecomUserId}`);
  }
  const t = base[0];
  if (t && (nullable(t.team_target_won) !== nullable(ours.total.won.targetFen) || nullable(t.team_target_receipts) !== nullable(ours.total.receipts.targetFen))) {
    throw new Error("业绩: the team's target differs from its baseline");
  }
}
