// The 负责人 column: a WeCom user id or a colleague's exact name, resolved once per file.
import { canSee } from "../../../auth/scope.ts";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import { zhData } from "../messages.ts";
import { displayName } from "./import-types.ts";

export type OwnerLookup = (ref: string) => { user: User } | { problem: string };

export async function ownerLookup(tx: Tx, refs: Iterable<string>, as: User | null): Promise<OwnerLookup> {
  const wanted = [...new Set(refs)];
  const users = wanted.length
    ? await tx.user.findMany({ where: { active: true, OR: [{ wecomUserId: { in: wanted } }, { name: { in: wanted } }] } })
    : [];
  return (ref) => {
    const byId = users.find((u) => u.wecomUserId === ref);
    const byName = users.filter((u) => u.name === ref);
    if (!byId && byName.length > 1) return { problem: zhData.importOwnerAmbiguous(ref) };
    const user = byId ?? byName[0];
    if (!user) return { problem: zhData.importOwnerUnknown(ref) };
    if (as && !canSee(as, user)) return { problem: zhData.importOwnerOutOfScope(ref, displayName(as)) };
    return { user };
  };
}
