// Stalled opportunity: a card to the owner with the stage and days, and a 需要支持 button
// that tells their manager.
import { z } from "zod";
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import { daysInStage, scheduleStallCheck, STALL_JOB } from "./opportunity-stall.ts";
import { zhReminders } from "../reminders/index.ts";
import { card } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";

export const stallJob = defineJobKind({
  kind: STALL_JOB,
  payload: z.object({ opportunityId: z.uuid(), since: z.iso.datetime(), round: z.number().int().positive() }),
  quiet: "defer",
  async run(ctx, p) {
    const opp = await ctx.tx.opportunity.findUnique({ where: { id: p.opportunityId }, include: { customer: { select: { name: true } } } });
    if (!opp || opp.closedAt || !opp.ownerId || opp.stageChangedAt.toISOString() !== p.since) return [];
    await scheduleStallCheck(ctx.tx, opp, ctx.settings, ctx.now, p.round + 1);
    const days = daysInStage(opp, ctx.now);
    return [
      {
        userId: opp.ownerId,
        line: zhReminders.stallLine(opp.code, opp.customer.name, opp.stage, days),
        reply: card({
          taskId: `stall-${opp.code}-${ctx.job.id}`,
          title: zhReminders.stallTitle,
          description: zhReminders.stallDesc(opp.stage, days),
          fields: [{ label: "商机", value: `#${opp.code} ${opp.name}`.slice(0, 64) }],
          buttons: [
            { key: `${COMMAND_KEY_PREFIX}需要支持 #${opp.code}`, text: zhReminders.stallSupportButton, style: "primary" },
            { key: `${COMMAND_KEY_PREFIX}商机 #${opp.code}`, text: zhReminders.stallAdvanceButton, style: "default" },
          ],
        }),
      },
    ];
  },
});
