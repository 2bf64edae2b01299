// The public pool's daily housekeeping as a job: returns, warnings (owners told in the
// morning, not at night), lead archiving. A full batch schedules the next step at once,
// so a big book is worked through in many small transactions.
import { z } from "zod";
import { poolMaintenanceStep } from "./pool-maintenance.ts";
import { defineJobKind, type JobKind } from "../../scheduler/job-kind.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";
import { tellOwners } from "./pool-notices.ts";

export const POOL_SWEEP_JOB = "pool-sweep";

export function poolSweepJob(batchSize = 500): JobKind {
  return defineJobKind({
    kind: POOL_SWEEP_JOB,
    payload: z.object({ occurrence: z.string(), step: z.number().int().positive().default(1) }),
    quiet: "defer",
    async run(ctx, p) {
      const r = await poolMaintenanceStep(ctx.tx, ctx.now, ctx.settings, batchSize);
      await tellOwners(ctx.tx, r.returned, "returned", ctx.now, ctx.timeZone, ctx.settings);
      await tellOwners(ctx.tx, r.warned, "warned", ctx.now, ctx.timeZone, ctx.settings);
      if (r.more) {
        const step = p.step + 1;
        await scheduleJob(ctx.tx, { kind: POOL_SWEEP_JOB, dueAt: ctx.now, uniqueKey: `${POOL_SWEEP_JOB}:${p.occurrence}:${step}`, payload: { occurrence: p.occurrence, step } }, ctx.now);
      }
      return [];
    },
  });
}
