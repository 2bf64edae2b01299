// The first-contact SLA: a lead given to an owner must be followed up within hours (fewer
// for grade A and 紧急 leads); the check is a job scheduled with the assignment.
import type { Tx } from "../../db/tx.ts";
import type { Lead } from "../../generated/prisma/client.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export const LEAD_SLA_JOB = "lead_sla";
export const LEAD_SLA_ESCALATION_JOB = "lead_sla_escalation";

export const isUrgentLead = (lead: Pick<Lead, "grade" | "note">): boolean => lead.grade === "A" || (lead.note ?? "").includes("紧急");

export function scheduleLeadSla(tx: Tx, lead: Lead, ownerId: string, now: Date, settings: CrmSettings) {
  const r = settings.reminders;
  const hours = isUrgentLead(lead) ? r.urgentLeadFirstContactHours : r.leadFirstContactHours;
  return scheduleJob(
    tx,
    {
      kind: LEAD_SLA_JOB,
      dueAt: new Date(now.getTime() + hours * 3_600_000),
      uniqueKey: `${LEAD_SLA_JOB}:${lead.id}:${ownerId}:${now.getTime()}`,
      recipientId: ownerId,
      payload: { leadId: lead.id, ownerId, since: now.toISOString(), hours },
    },
    now,
  );
}

/** The lead, if it is still with this owner, open, and not followed up by anyone since then. */
export async function leadStillUntouched(tx: Tx, leadId: string, ownerId: string, since: Date) {
  const lead = await tx.lead.findUnique({ where: { id: leadId }, include: { owner: true } });
  if (!lead || lead.ownerId !== ownerId || !["new", "contacted", "qualified"].includes(lead.status)) return null;
  const followUps = await tx.followUp.count({ where: { leadId, at: { gte: since } } });
  return followUps === 0 ? lead : null;
}
