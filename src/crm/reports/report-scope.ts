// Whose numbers a report shows: a rep their own, a manager their team (same team, or
// reporting to them, and themselves), an admin everyone. Every report — chat, REST, pictures —
// starts from reportScope, so they can never show different people.
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../auth/users.ts";
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

/** Every column of a user by its field (a field added to User fails to compile here). */
const USER_COLUMNS: Record<keyof User, string> = {
  id: "id",
  wecomUserId: "wecom_user_id",
  name: "name",
  role: "role::text",
  managerId: "manager_id",
  active: "active",
  teamId: "team_id",
  lastLeadAssignedAt: "last_lead_assigned_at",
  createdAt: "created_at",
  updatedAt: "updated_at",
};
const SELECT_USERS = Prisma.raw(`SELECT ${Object.entries(USER_COLUMNS).map(([field, col]) => `${col} AS "${field}"`).join(", ")} FROM users`);

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

/** Active people only (who gets targets, who is ranked). */
export const activeIn = (scope: ReportScope): User[] => scope.users.filter((u) => u.active);
