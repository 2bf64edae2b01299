// The assignment rules of src/crm/lead-assignment.ts for a whole file at once: the same
// team ranking, round-robin by whose turn it is, the open-lead cap — computed in memory
// from three queries instead of several per lead, then the reps' turns written once.
import type { Tx } from "../../../db/tx.ts";
import type { Lead, User } from "../../../generated/prisma/client.ts";
import { OPEN_LEAD_STATUSES, rankTeams } from "../../leads/index.ts";
import type { CrmSettings } from "../../../config/crm/crm-settings.ts";

interface Turn {
  rep: User;
  /** Lower goes first: the last assignment time, then the order of this batch. */
  order: number;
  open: number;
}

export interface BatchAssignment {
  owners: Array<User | null>;
  /** Reps in the order they were last given a lead, for recording their turns. */
  lastTurns: User[];
}

export async function assignRoundRobin(
  tx: Tx,
  leads: Array<Pick<Lead, "region" | "productLine">>,
  settings: CrmSettings,
): Promise<BatchAssignment> {
  if (leads.length === 0) return { owners: [], lastTurns: [] };
  const teams = await tx.team.findMany({ orderBy: { name: "asc" } });
  const reps = await tx.user.findMany({
    where: { teamId: { in: teams.map((t) => t.id) }, role: "rep", active: true },
    orderBy: [{ lastLeadAssignedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
  });
  const open = await tx.lead.groupBy({
    by: ["ownerId"],
    where: { ownerId: { in: reps.map((r) => r.id) }, status: { in: OPEN_LEAD_STATUSES }, archivedAt: null },
    _count: { _all: true },
  });
  const turns = reps.map((rep, i): Turn => ({ rep, order: i, open: open.find((o) => o.ownerId === rep.id)?._count._all ?? 0 }));
  let next = turns.length;
  const given: Turn[] = [];
  const owners = leads.map((lead) => {
    for (const tier of rankTeams(teams, lead)) {
      const ids = new Set(tier.map((t) => t.id));
      const turn = turns
        .filter((t) => t.rep.teamId !== null && ids.has(t.rep.teamId) && t.open < settings.assignment.openLeadCap)
        .sort((a, b) => a.order - b.order)[0];
      if (!turn) continue;
      turn.order = next++;
      turn.open++;
      given.push(turn);
      return turn.rep;
    }
    return null;
  });
  const lastTurns = [...new Set(given.sort((a, b) => a.order - b.order).map((t) => t.rep))];
  return { owners, lastTurns };
}

/** Records the turns so the next lead (from chat, the API or an import) continues the
 * rotation: later turns get later times, a millisecond apart, ending at `now`. */
export async function recordTurns(tx: Tx, lastTurns: User[], now: Date): Promise<void> {
  for (const [i, rep] of lastTurns.entries()) {
    await tx.user.update({ where: { id: rep.id }, data: { lastLeadAssignedAt: new Date(now.getTime() - (lastTurns.length - 1 - i)) } });
  }
}
