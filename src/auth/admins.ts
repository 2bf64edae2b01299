// Who looks after the bot: active users with the admin role, and everyone named in
// CRM_ADMINS (who may not have written to the bot yet, so has no user row).
import type { Tx } from "../db/tx.ts";

/** WeCom user ids of the admins, each once. */
export async function adminIds(tx: Tx, configured: readonly string[]): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { role: "admin", active: true }, select: { wecomUserId: true }, orderBy: { id: "asc" } });
  const inactive = new Set(
    (await tx.user.findMany({ where: { wecomUserId: { in: [...configured] }, active: false }, select: { wecomUserId: true } })).map((u) => u.wecomUserId),
  );
  return [...new Set([...rows.map((r) => r.wecomUserId), ...configured.filter((id) => !inactive.has(id))])];
}
