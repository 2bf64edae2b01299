// 业绩目标: monthly targets for 成交额 and 回款, per rep or per team, in fen. Who may set
// them (a manager for the reps of their team and for their own team, an admin for anyone),
// setting one (audited), and reading them over a period: a quarter or a year is the sum of
// its months; a team's month without its own figure is the sum of its members' figures.
import { audit } from "../../auth/audit.ts";
import { canSee } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Team } from "../../generated/prisma/client.ts";
import { fenFromBigInt, formatYuan, type Fen } from "../money/index.ts";

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

/** Each user's own targets summed over the months (users without any are absent). */
export async function userTargets(tx: Tx, userIds: readonly string[], months: readonly string[]): Promise<Map<string, TargetFigures>> {
  const rows = await tx.salesTarget.findMany({ where: { userId: { in: [...userIds] }, month: { in: [...months] } } });
  const out = new Map<string, TargetFigures>();
  for (const r of rows) {
    const id = r.userId!;
    out.set(id, sumFigures([out.get(id) ?? NO_TARGET, { wonFen: fen(r.wonFen), receiptsFen: fen(r.receiptsFen) }]));
  }
  return out;
}

/** A team's target over the months: per month and figure, the team's own figure when set,
 * else the sum of its active members' figures. */
export async function teamTarget(tx: Tx, teamId: string, months: readonly string[]): Promise<TargetFigures> {
  const [own, members] = await Promise.all([
    tx.salesTarget.findMany({ where: { teamId, month: { in: [...months] } } }),
    tx.user.findMany({ where: { teamId, active: true }, select: { id: true } }),
  ]);
  const memberRows = await tx.salesTarget.findMany({ where: { userId: { in: members.map((m) => m.id) }, month: { in: [...months] } } });
  const perMonth = months.map((month) => {
    const team = own.find((r) => r.month === month);
    const sum = sumFigures(memberRows.filter((r) => r.month === month).map((r) => ({ wonFen: fen(r.wonFen), receiptsFen: fen(r.receiptsFen) })));
    return {
      wonFen: team && team.wonFen !== null ? fen(team.wonFen) : sum.wonFen,
      receiptsFen: team && team.receiptsFen !== null ? fen(team.receiptsFen) : sum.receiptsFen,
    };
  });
  return sumFigures(perMonth);
}

/** The teams whose targets the actor reads: an admin all, a manager their own. */
export async function visibleTeams(tx: Tx, actor: User): Promise<Team[]> {
  if (actor.role === "admin") return tx.team.findMany({ orderBy: { createdAt: "asc" } });
  if (actor.role === "manager" && actor.teamId) return tx.team.findMany({ where: { id: actor.teamId } });
  return [];
}
