// Assigning leads that arrive without an owner: round-robin within the team that matches
// the lead's region / product line, skipping reps over the open-lead cap.
import type { Tx } from "../../db/tx.ts";
import type { Lead, Team, User } from "../../generated/prisma/client.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export const OPEN_LEAD_STATUSES = ["new", "contacted", "qualified"];

/** Teams to try for a lead, best first: those matching both region and product line, then
 * either. Catch-all teams (no regions, no product lines) take only leads that match no
 * team: a full regional team means the lead waits for a manager, not another region. */
export function rankTeams(teams: Team[], lead: Pick<Lead, "region" | "productLine">): Team[][] {
  const region = (t: Team) => lead.region !== null && t.regions.includes(lead.region);
  const product = (t: Team) => lead.productLine !== null && t.productLines.includes(lead.productLine);
  const matching = [teams.filter((t) => region(t) && product(t)), teams.filter((t) => region(t) !== product(t))].filter(
    (tier) => tier.length > 0,
  );
  if (matching.length > 0) return matching;
  const catchAll = teams.filter((t) => t.regions.length === 0 && t.productLines.length === 0);
  return catchAll.length > 0 ? [catchAll] : [];
}

/** Picks the next rep for the lead and records the assignment time; null if nobody can take it. */
export async function pickAssignee(tx: Tx, lead: Lead, settings: CrmSettings, now: Date): Promise<User | null> {
  const teams = await tx.team.findMany({ orderBy: { name: "asc" } });
  for (const tier of rankTeams(teams, lead)) {
    const reps = await tx.user.findMany({
      where: { teamId: { in: tier.map((t) => t.id) }, role: "rep", active: true },
      orderBy: [{ lastLeadAssignedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
    });
    for (const rep of reps) {
      const open = await tx.lead.count({ where: { ownerId: rep.id, status: { in: OPEN_LEAD_STATUSES }, archivedAt: null } });
      if (open >= settings.assignment.openLeadCap) continue;
      // Optimistic claim of the rep's turn: a concurrent assignment that took it moves on.
      const taken = await tx.user.updateMany({
        where: { id: rep.id, lastLeadAssignedAt: rep.lastLeadAssignedAt },
        data: { lastLeadAssignedAt: now },
      });
      if (taken.count === 1) return rep;
    }
  }
  return null;
}
