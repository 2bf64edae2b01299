// Users: a channel user id becomes a User on first contact. Admins come from CRM_ADMINS.
import type { Tx } from "../db/tx.ts";
import { Prisma, type User } from "../generated/prisma/client.ts";

export type { User };
export type RoleName = User["role"];

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
/** `SELECT <every user column as its field> FROM users`, for reads on hot paths in plain SQL
 * (a model call costs about three times the CPU of the same read raw). */
export const SELECT_USERS = Prisma.raw(`SELECT ${Object.entries(USER_COLUMNS).map(([field, col]) => `${col} AS "${field}"`).join(", ")} FROM users`);

/** The sender of every command: read raw (the hottest read there is). */
export async function ensureUser(tx: Tx, wecomUserId: string, admins: readonly string[]): Promise<User> {
  const isAdmin = admins.includes(wecomUserId);
  const [existing] = await tx.$queryRaw<User[]>`${SELECT_USERS} WHERE wecom_user_id = ${wecomUserId}`;
  if (existing) {
    if (isAdmin && existing.role !== "admin") return tx.user.update({ where: { id: existing.id }, data: { role: "admin" } });
    return existing;
  }
  // Concurrent first messages from one user on two replicas: the unique key settles it.
  await tx.user.createMany({ data: [{ wecomUserId, role: isAdmin ? "admin" : "rep" }], skipDuplicates: true });
  return tx.user.findUniqueOrThrow({ where: { wecomUserId } });
}
