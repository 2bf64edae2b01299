// Leads nobody has touched for archiveAfterDays are archived, never deleted: they leave
// 我的线索 and assignment counts but stay findable by code or name, auditable, and a
// follow-up brings them back (see recordFollowUp).
import type { Tx } from "../../db/tx.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { days } from "../../time/calendar.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

const NOT_ARCHIVABLE = ["converted", "archived"];

function idleLeads(cutoff: Date): Prisma.LeadWhereInput {
  return {
    status: { notIn: NOT_ARCHIVABLE },
    OR: [{ lastInteractionAt: { lte: cutoff } }, { lastInteractionAt: null, createdAt: { lte: cutoff } }],
  };
}

/** Archives one batch; returns how many leads it looked at and how many it archived. */
export async function archiveIdleLeads(tx: Tx, now: Date, settings: CrmSettings, batchSize: number): Promise<{ selected: number; archived: number }> {
  const due = idleLeads(new Date(now.getTime() - days(settings.leads.archiveAfterDays)));
  const candidates = await tx.lead.findMany({ where: due, orderBy: { code: "asc" }, take: batchSize, select: { id: true, status: true } });
  const archived = await tx.lead.updateManyAndReturn({
    where: { AND: [{ id: { in: candidates.map((l) => l.id) } }, due] },
    data: { status: "archived", archivedAt: now, updatedAt: now },
    select: { id: true },
  });
  const statusBefore = new Map(candidates.map((l) => [l.id, l.status]));
  await tx.auditEntry.createMany({
    data: archived.map((l) => ({
      actorId: null,
      action: "archive",
      entity: "lead",
      entityId: l.id,
      detail: { before: { status: statusBefore.get(l.id) ?? null }, after: { status: "archived" } },
      at: now,
    })),
  });
  return { selected: candidates.length, archived: archived.length };
}
