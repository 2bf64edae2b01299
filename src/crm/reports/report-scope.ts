// Whose numbers a report shows: a rep their own, a manager their team (same team, or
// reporting to them, and themselves), an admin everyone. Every report — chat, REST, pictures —
// starts from reportScope, so they can never show different people.
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../auth/users.ts";
import { canSee } from "../../auth/scope.ts";
import { findUserInScope } from "../../auth/find-user.ts";

export interface ReportScope {
  /** The people counted, in a stable order (by creation). */
  users: User[];
  ids: string[];
  /** "all" for an admin: reports may skip the owner filter. */
  kind: "self" | "team" | "all";
}

/** Everyone the actor may see numbers of; inactive people are kept (their past deals count). */
export async function reportScope(tx: Tx, actor: User): Promise<ReportScope> {
  if (actor.role === "rep") return { users: [actor], ids: [actor.id], kind: "self" };
  const where =
    actor.role === "admin"
      ? {}
      : { OR: [{ id: actor.id }, { managerId: actor.id }, ...(actor.teamId ? [{ teamId: actor.teamId }] : [])] };
  const users = (await tx.user.findMany({ where, orderBy: { createdAt: "asc" } })).filter((u) => canSee(actor, u));
  return { users, ids: users.map((u) => u.id), kind: actor.role === "admin" ? "all" : "team" };
}

/** One person's scope, when the actor may see them (by WeCom id or name); null otherwise. */
export async function personScope(tx: Tx, actor: User, ref: string): Promise<ReportScope | null> {
  const u = await findUserInScope(tx, actor, ref.trim());
  return u ? { users: [u], ids: [u.id], kind: "self" } : null;
}

/** Active people only (who gets targets, who is ranked). */
export const activeIn = (scope: ReportScope): User[] => scope.users.filter((u) => u.active);
