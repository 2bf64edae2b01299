// Who may see whose records: a rep their own, a manager their team's (same team, or
// reporting to them), an admin everything. Every CRM read and write goes through these.
import type { User } from "./users.ts";

type OwnerFacts = Pick<User, "id" | "teamId" | "managerId">;

type OwnerFilter = { ownerId?: string; owner?: { managerId?: string; teamId?: string } };

/** A Prisma filter on a record's owner, for any record with `ownerId` and an `owner` relation. */
export function ownedWithin(actor: User): OwnerFilter & { OR?: OwnerFilter[] } {
  if (actor.role === "admin") return {};
  if (actor.role === "manager") {
    return {
      OR: [
        { ownerId: actor.id },
        { owner: { managerId: actor.id } },
        ...(actor.teamId ? [{ owner: { teamId: actor.teamId } }] : []),
      ],
    };
  }
  return { ownerId: actor.id };
}

export function canSee(actor: User, owner: OwnerFacts | null): boolean {
  if (actor.role === "admin") return true;
  if (!owner) return false;
  if (owner.id === actor.id) return true;
  return actor.role === "manager" && (owner.managerId === actor.id || (actor.teamId !== null && owner.teamId === actor.teamId));
}
