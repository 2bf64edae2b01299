// A deal with no stage change for N days (per stage, default 5) is stalled: a job scheduled
// with each stage change checks, and checks again every N days while it stays stalled.
import type { Tx } from "../../db/tx.ts";
import type { Opportunity } from "../../generated/prisma/client.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export const STALL_JOB = "opportunity_stall";

export function stallDaysOf(settings: CrmSettings, stage: string): number {
  return settings.opportunities.stages.find((s) => s.name === stage)?.stallDays ?? settings.opportunities.defaultStallDays;
}

export function scheduleStallCheck(tx: Tx, opp: Pick<Opportunity, "id" | "stage" | "stageChangedAt" | "ownerId" | "closedAt">, settings: CrmSettings, now: Date, round = 1) {
  if (opp.closedAt || !opp.ownerId) return Promise.resolve(0);
  const days = stallDaysOf(settings, opp.stage);
  const since = opp.stageChangedAt;
  // One notice per deal per period: after a pause the next round is the first still ahead,
  // never a catch-up of every round missed meanwhile.
  const periodMs = days * 86_400_000;
  round = Math.max(round, Math.floor((now.getTime() - since.getTime()) / periodMs) + 1);
  return scheduleJob(
    tx,
    {
      kind: STALL_JOB,
      dueAt: new Date(since.getTime() + periodMs * round),
      uniqueKey: `${STALL_JOB}:${opp.id}:${since.getTime()}:${round}`,
      recipientId: opp.ownerId,
      payload: { opportunityId: opp.id, since: since.toISOString(), round },
    },
    now,
  );
}

/** Whole days an opportunity has been in its stage. */
export const daysInStage = (opp: Pick<Opportunity, "stageChangedAt">, now: Date): number =>
  Math.floor((now.getTime() - opp.stageChangedAt.getTime()) / 86_400_000);
