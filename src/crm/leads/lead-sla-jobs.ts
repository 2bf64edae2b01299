// Lead first-contact SLA: the owner is reminded when the time runs out; still nothing after
// the escalation window, the owner's manager is told (urgent: ignores quiet hours).
import { z } from "zod";
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import { LEAD_SLA_ESCALATION_JOB, LEAD_SLA_JOB, leadStillUntouched } from "./lead-sla.ts";
import { zh } from "../../messages/zh.ts";
import { zhReminders } from "../reminders/index.ts";
import { zhLeads } from "./messages.ts";
import { card, text } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";

const payload = z.object({ leadId: z.uuid(), ownerId: z.uuid(), since: z.iso.datetime(), hours: z.number().int().positive() });

export const leadSlaJob = defineJobKind({
  kind: LEAD_SLA_JOB,
  payload,
  quiet: "defer",
  async run(ctx, p) {
    const lead = await leadStillUntouched(ctx.tx, p.leadId, p.ownerId, new Date(p.since));
    if (!lead) return [];
    const escalateAfter = ctx.settings.reminders.leadEscalationHours;
    await scheduleJob(
      ctx.tx,
      {
        kind: LEAD_SLA_ESCALATION_JOB,
        dueAt: new Date(ctx.now.getTime() + escalateAfter * 3_600_000),
        uniqueKey: `${LEAD_SLA_ESCALATION_JOB}:${p.leadId}:${p.ownerId}:${p.since}`,
        urgent: true,
        payload: { ...p, hours: p.hours + escalateAfter },
      },
      ctx.now,
    );
    const line = zhReminders.leadSlaLine(lead.code, lead.name, p.hours);
    return [
      {
        userId: p.ownerId,
        line,
        reply: card({
          taskId: `sla-${lead.code}-${ctx.job.id}`,
          title: zhReminders.leadSlaTitle,
          description: zhReminders.leadSlaDesc(p.hours),
          fields: [
            { label: zhLeads.leadFieldName, value: `#${lead.code} ${lead.name}` },
            ...(lead.company ? [{ label: zhLeads.leadFieldCompany, value: lead.company }] : []),
            ...(lead.phone ? [{ label: zhLeads.leadFieldPhone, value: lead.phone }] : []),
          ],
          buttons: [{ key: `${COMMAND_KEY_PREFIX}评分 #${lead.code}`, text: zhReminders.leadSlaButton, style: "default" }],
        }),
      },
    ];
  },
});

export const leadSlaEscalationJob = defineJobKind({
  kind: LEAD_SLA_ESCALATION_JOB,
  payload,
  quiet: "defer",
  async run(ctx, p) {
    const lead = await leadStillUntouched(ctx.tx, p.leadId, p.ownerId, new Date(p.since));
    const managerId = lead?.owner?.managerId;
    if (!lead || !managerId) return [];
    const owner = zh.whoName(lead.owner!.name, lead.owner!.wecomUserId);
    const msg = zhReminders.leadSlaEscalation(owner, lead.code, lead.name, lead.company, p.hours);
    return [{ userId: managerId, line: msg, reply: text(msg) }];
  },
});
