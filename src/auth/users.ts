// Users: a channel user id becomes a User on first contact. Admins come from CRM_ADMINS.
import type { Tx } from "../db/tx.ts";
import type { User } from "../generated/prisma/client.ts";

export type { User };
export type RoleName = User["role"];

export async function ensureUser(tx: Tx, wecomUserId: string, admins: readonly string[]): Promise<User> {
  const isAdmin = admins.includes(wecomUserId);
  const existing = await tx.user.findUnique({ where: { wecomUserId } });
  if (existing) {
    if (isAdmin && existing.role !== "admin") return tx.user.update({ where: { id: existing.id }, data: { role: "admin" } });
    return existing;
  }
  // Concurrent first messages from one user on two replicas: the unique key settles it.
  await tx.user.createMany({ data: [{ wecomUserId, role: isAdmin ? "admin" : "rep" }], skipDuplicates: true });
  return tx.user.findUniqueOrThrow({ where: { wecomUserId } });
}
