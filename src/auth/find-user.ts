import type { Tx } from "../db/tx.ts";
import { canSee } from "./scope.ts";
import type { User } from "./users.ts";

/** A colleague by WeCom user id or exact name, among those the actor may see. */
export async function findUserInScope(tx: Tx, actor: User, ref: string): Promise<User | null> {
  const candidates = await tx.user.findMany({ where: { active: true, OR: [{ wecomUserId: ref }, { name: ref }] } });
  return candidates.find((u) => canSee(actor, u)) ?? null;
}
