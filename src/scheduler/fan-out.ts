// A recurring occurrence (09:00 agenda, Monday report) becomes one job per person, spread
// over a few minutes so WeCom does not get everyone at :00.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.ts";
import { spreadOffsetMs } from "../util/local-time.ts";
import { defineJobKind, type JobKind } from "./job-kind.ts";
import { scheduleJobs } from "./jobs.ts";

export function fanOutJob(kind: string, perPersonKind: string, who: Prisma.UserWhereInput): JobKind {
  return defineJobKind({
    kind,
    payload: z.object({ occurrence: z.string().min(1) }),
    quiet: "run",
    async run(ctx, p) {
      const users = await ctx.tx.user.findMany({ where: { active: true, ...who }, select: { id: true } });
      const spread = ctx.settings.reminders.spreadMinutes;
      await scheduleJobs(
        ctx.tx,
        users.map((u) => ({
          kind: perPersonKind,
          dueAt: new Date(ctx.job.dueAt.getTime() + spreadOffsetMs(u.id, spread)),
          uniqueKey: `${perPersonKind}:${p.occurrence}:${u.id}`,
          recipientId: u.id,
          payload: { occurrence: p.occurrence, userId: u.id },
        })),
        ctx.now,
      );
      return [];
    },
  });
}

export const perPersonPayload = z.object({ occurrence: z.string().min(1), userId: z.uuid() });
