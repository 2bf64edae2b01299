// Whose numbers a report shows: a rep their own, a manager their team (same team, or
// reporting to them, and themselves), an admin everyone. Every report — chat, REST, pictures —
// starts from reportScope, so they can never show different people. A report may narrow it to
// one person or one team the actor may read (namedScope).
import type { Tx } from "../../db/tx.ts";
import { SELECT_USERS, type User } from "../../auth/users.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { canSee } from "../../auth/scope.ts";
import { findUserInScope } from "../../auth/find-user.ts";

export interface ReportScope {
  /** The people counted, in a stable order (by creation). */
  users: User[];
  ids: string[];
  /** "all" for an admin: reports may skip the owner filter. */
  kind: "self" | "team" | "all";
}

/** Everyone the actor may see numbers of; inactive people are kept (their past deals count).
 * Read with plain SQL: every report starts here, and the ORM's query costs more than the read. */
export async function reportScope(tx: Tx, actor: User): Promise<ReportScope> {
  if (actor.role === "rep") return { users: [actor], ids: [actor.id], kind: "self" };
  const where =
    actor.role === "admin"
      ? Prisma.empty
      : Prisma.sql`WHERE id = ${actor.id}::uuid OR manager_id = ${actor.id}::uuid ${actor.teamId ? Prisma.sql`OR team_id = ${actor.teamId}::uuid` : Prisma.empty}`;
  const users = (await tx.$queryRaw<User[]>`${SELECT_USERS} ${where} ORDER BY created_at`).filter((u) => canSee(actor, u));
  return { users, ids: users.map((u) => u.id), kind: actor.role === "admin" ? "all" : "team" };
}

/** One person's scope, when the actor may see them (by WeCom id or name); null otherwise. */
export async function personScope(tx: Tx, actor: User, ref: string): Promise<ReportScope | null> {
  const u = await findUserInScope(tx, actor, ref.trim());
  return u ? { users: [u], ids: [u.id], kind: "self" } : null;
}

export type NamedScope =
  | { kind: "person"; scope: ReportScope; name: string }
  | { kind: "team"; scope: ReportScope; name: string; teamId: string }
  /** A team the actor may not read: only admins and the team's own manager may. */
  | { kind: "team_denied"; name: string }
  | { kind: "none" };

/** A team by its exact name (its members, inactive included), else one person the actor may see. */
export async function namedScope(tx: Tx, actor: User, ref: string): Promise<NamedScope> {
  const team = await tx.team.findUnique({ where: { name: ref.trim() } });
  if (team) {
    if (actor.role !== "admin" && !(actor.role === "manager" && actor.teamId === team.id)) return { kind: "team_denied", name: team.name };
    const users = await tx.user.findMany({ where: { teamId: team.id }, orderBy: { createdAt: "asc" } });
    return { kind: "team", scope: { users, ids: users.map((u) => u.id), kind: "team" }, name: team.name, teamId: team.id };
  }
  const one = await personScope(tx, actor, ref);
  return one ? { kind: "person", scope: one, name: one.users[0]!.name ?? one.users[0]!.wecomUserId } : { kind: "none" };
}

/** Active people only (who gets targets, who is ranked). */
export const activeIn = (scope: ReportScope): User[] => scope.users.filter((u) => u.active);
