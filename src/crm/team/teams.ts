// Admin changes to the organisation: teams, roles, managers. Each is audited with
// before and after.
import type { Tx } from "../../db/tx.ts";
import type { Team } from "../../generated/prisma/client.ts";
import { audit } from "../../auth/audit.ts";
import type { RoleName, User } from "../../auth/users.ts";

export async function createTeam(tx: Tx, actor: User, input: { name: string; regions: string[]; productLines: string[] }, now: Date): Promise<Team | null> {
  const [team] = await tx.team.createManyAndReturn({ data: [{ ...input, createdAt: now }], skipDuplicates: true });
  if (team) await audit(tx, { actorId: actor.id, action: "create", entity: "team", entityId: team.id, detail: { after: input }, at: now });
  return team ?? null;
}

/** A user by WeCom id or exact name; an unknown WeCom id is registered (set up a team
 * before its reps first write to the bot). */
export async function findOrRegisterUser(tx: Tx, ref: string): Promise<User | null> {
  const found = await tx.user.findFirst({ where: { OR: [{ wecomUserId: ref }, { name: ref }] } });
  if (found) return found;
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(ref)) return null;
  await tx.user.createMany({ data: [{ wecomUserId: ref }], skipDuplicates: true });
  return tx.user.findUnique({ where: { wecomUserId: ref } });
}

export async function updateUser(
  tx: Tx,
  actor: User,
  user: User,
  change: { teamId?: string | null; role?: RoleName; managerId?: string | null },
  now: Date,
): Promise<User> {
  const before = Object.fromEntries(Object.keys(change).map((k) => [k, user[k as keyof typeof change]]));
  const updated = await tx.user.update({ where: { id: user.id }, data: { ...change, updatedAt: now } });
  await audit(tx, { actorId: actor.id, action: "update", entity: "user", entityId: user.id, detail: { before, after: change }, at: now });
  return updated;
}

export function teamsWithMembers(tx: Tx) {
  return tx.team.findMany({ orderBy: { name: "asc" }, include: { members: { orderBy: { createdAt: "asc" } } } });
}
