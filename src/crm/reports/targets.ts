// 业绩目标: monthly targets for 成交额 and 回款, per rep or per team, in fen. Who may set
// them (a manager for the reps of their team and for their own team, an admin for anyone),
// setting one (audited), and reading them over a period: a quarter or a year is the sum of
// its months; a team's month without its own figure is the sum of its members' figures.
import { audit } from "../../auth/audit.ts";
import { canSee } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import { Prisma, type Team } from "../../generated/prisma/client.ts";
import { fenFromBigInt, formatYuan, MAX_FEN, type Fen } from "../money/index.ts";

/** A figure not set is null (as opposed to a target of 0). */
export interface TargetFigures {
  wonFen: Fen | null;
  receiptsFen: Fen | null;
}

export type TargetOwner = { kind: "user"; user: User } | { kind: "team"; team: Team };

export const NO_TARGET: TargetFigures = { wonFen: null, receiptsFen: null };

const fen = (v: bigint | null): Fen | null => (v === null ? null : (fenFromBigInt(v) ?? 0));
const add = (a: Fen | null, b: Fen | null): Fen | null => (a === null ? b : b === null ? a : a + b);

/** Per figure: null only when every part is null. */
export function sumFigures(parts: readonly TargetFigures[]): TargetFigures {
  return parts.reduce<TargetFigures>((s, p) => ({ wonFen: add(s.wonFen, p.wonFen), receiptsFen: add(s.receiptsFen, p.receiptsFen) }), NO_TARGET);
}

export const ownerName = (o: TargetOwner): string => (o.kind === "team" ? o.team.name : (o.user.name ?? o.user.wecomUserId));

/** Admins: anyone and any team. Managers: reps they see, and their own team. Reps: nobody. */
export function maySetTarget(actor: User, owner: TargetOwner): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "manager") return false;
  if (owner.kind === "team") return actor.teamId === owner.team.id;
  return owner.user.role === "rep" && canSee(actor, owner.user);
}

/** Whether the actor may read this owner's targets (the same people as their reports). */
export function mayReadTarget(actor: User, owner: TargetOwner): boolean {
  if (actor.role === "admin") return true;
  if (owner.kind === "team") return actor.role === "manager" && actor.teamId === owner.team.id;
  return canSee(actor, owner.user);
}

const ownerWhere = (o: TargetOwner) => (o.kind === "user" ? { userId: o.user.id } : { teamId: o.team.id });

/** Sets the figures given (others keep their value) for one month; audited with before and
 * after (`actorId` null: an import run without --as). */
export async function setTarget(
  tx: Tx,
  actorId: string | null,
  owner: TargetOwner,
  month: string,
  figures: { wonFen?: Fen; receiptsFen?: Fen },
  now: Date,
  via?: { via: "import"; file: string },
): Promise<{ before: TargetFigures | null; after: TargetFigures }> {
  const where = { ...ownerWhere(owner), month };
  const existing = await tx.salesTarget.findFirst({ where });
  const data = {
    ...(figures.wonFen === undefined ? {} : { wonFen: BigInt(figures.wonFen) }),
    ...(figures.receiptsFen === undefined ? {} : { receiptsFen: BigInt(figures.receiptsFen) }),
    setById: actorId,
  };
  const row = existing
    ? await tx.salesTarget.update({ where: { id: existing.id }, data })
    : await tx.salesTarget.create({ data: { ...where, ...data } });
  const before = existing ? { wonFen: fen(existing.wonFen), receiptsFen: fen(existing.receiptsFen) } : null;
  const after = { wonFen: fen(row.wonFen), receiptsFen: fen(row.receiptsFen) };
  const yuan = (f: TargetFigures | null) => f && { won: f.wonFen === null ? null : formatYuan(f.wonFen), receipts: f.receiptsFen === null ? null : formatYuan(f.receiptsFen) };
  await audit(tx, {
    actorId,
    action: existing ? "update" : "create",
    entity: "sales_target",
    entityId: row.id,
    detail: { [owner.kind]: ownerName(owner), month, before: yuan(before), after: yuan(after), ...via },
    at: now,
  });
  return { before, after };
}

/** A stored target figure as fen: out of range counts 0 (the rule of `fen` above). */
const fenSql = (col: Prisma.Sql): Prisma.Sql => Prisma.sql`CASE WHEN abs(${col}) > ${Prisma.raw(String(MAX_FEN))} THEN 0 ELSE ${col} END`;

/** Rows (user_id uuid, won_fen, receipts_fen bigint) per user in `userIds` (an SQL uuid[]
 * expression; null: every user) with a target row in any of the months: their figures summed, NULL only when
 * every month's figure is (sumFigures' rule). For statements that fold targets in. */
export function userTargetsSql(userIds: Prisma.Sql | null, months: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT s.user_id, SUM(${fenSql(Prisma.sql`s.won_fen`)})::bigint AS won_fen, SUM(${fenSql(Prisma.sql`s.receipts_fen`)})::bigint AS receipts_fen
    FROM sales_targets s
    WHERE ${userIds ? Prisma.sql`s.user_id = ANY(${userIds})` : Prisma.sql`s.user_id IS NOT NULL`} AND s.month = ANY(${[...months]}::text[])
    GROUP BY s.user_id`;
}

/** One row (won_fen, receipts_fen bigint): a team's target over the months — per month and
 * figure the team's own figure when set, else the sum of its active members' figures; summed
 * over the months, NULL only when every month's figure is. */
export function teamTargetSql(teamId: string, months: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT SUM(COALESCE(${fenSql(Prisma.sql`t.won_fen`)}, m.won_fen))::bigint AS won_fen,
           SUM(COALESCE(${fenSql(Prisma.sql`t.receipts_fen`)}, m.receipts_fen))::bigint AS receipts_fen
    FROM unnest(${[...months]}::text[]) AS mo(month)
    LEFT JOIN sales_targets t ON t.team_id = ${teamId}::uuid AND t.month = mo.month
    LEFT JOIN LATERAL (
      SELECT SUM(${fenSql(Prisma.sql`s.won_fen`)}) AS won_fen, SUM(${fenSql(Prisma.sql`s.receipts_fen`)}) AS receipts_fen
      FROM sales_targets s JOIN users u ON u.id = s.user_id
      WHERE u.team_id = ${teamId}::uuid AND u.active AND s.month = mo.month
    ) m ON TRUE`;
}

type TargetRow = { won_fen: bigint | null; receipts_fen: bigint | null };
/** A summed target row as figures (a sum is a Fen: every stored figure is one). */
export const figuresOf = (r: TargetRow): TargetFigures => ({ wonFen: r.won_fen === null ? null : Number(r.won_fen), receiptsFen: r.receipts_fen === null ? null : Number(r.receipts_fen) });

/** Each user's own targets summed over the months (users without any are absent). */
export async function userTargets(tx: Tx, userIds: readonly string[], months: readonly string[]): Promise<Map<string, TargetFigures>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<TargetRow & { user_id: string }>>`
    SELECT t.user_id::text AS user_id, t.won_fen, t.receipts_fen FROM (${userTargetsSql(Prisma.sql`${[...userIds]}::uuid[]`, months)}) t`;
  return new Map(rows.map((r) => [r.user_id, figuresOf(r)]));
}

/** A team's target over the months: per month and figure, the team's own figure when set,
 * else the sum of its active members' figures. */
export async function teamTarget(tx: Tx, teamId: string, months: readonly string[]): Promise<TargetFigures> {
  const [row] = await tx.$queryRaw<TargetRow[]>(teamTargetSql(teamId, months));
  return row ? figuresOf(row) : NO_TARGET;
}

/** The teams whose targets the actor reads: an admin all, a manager their own. */
export async function visibleTeams(tx: Tx, actor: User): Promise<Team[]> {
  if (actor.role === "admin") return tx.team.findMany({ orderBy: { createdAt: "asc" } });
  if (actor.role === "manager" && actor.teamId) return tx.team.findMany({ where: { id: actor.teamId } });
  return [];
}
