// Who the admins are: users with the admin role, and everyone listed in CRM_ADMINS (who
// may not have written to the bot yet — they get their user row here, as on first contact).
// Every "the admins are told" goes through this one answer.
import type { Tx } from "../db/tx.ts";
import type { User } from "../generated/prisma/client.ts";

/** Active admins, oldest first: role admin ∪ `configured` (CRM_ADMINS). A deactivated
 * user is never told, whatever the list says. */
export async function activeAdmins(tx: Tx, configured: readonly string[] = []): Promise<User[]> {
  if (configured.length > 0) {
    await tx.user.createMany({ data: configured.map((wecomUserId) => ({ wecomUserId, role: "admin" as const })), skipDuplicates: true });
    await tx.user.updateMany({ where: { wecomUserId: { in: [...configured] }, role: { not: "admin" } }, data: { role: "admin" } });
  }
  return tx.user.findMany({ where: { role: "admin", active: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
