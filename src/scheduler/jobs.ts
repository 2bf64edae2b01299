// Creating and cancelling jobs, always inside the transaction of the change that causes them.
import type { Tx } from "../db/tx.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export interface NewJob {
  kind: string;
  payload?: Prisma.InputJsonObject;
  dueAt: Date;
  /** The same key twice → one job (recurring occurrences, one reminder per record). */
  uniqueKey?: string;
  urgent?: boolean;
  recipientId?: string;
}

/** Schedules jobs; a unique key that exists already is left as it is. Returns how many were new. */
export async function scheduleJobs(tx: Tx, jobs: NewJob[], now: Date): Promise<number> {
  if (jobs.length === 0) return 0;
  const r = await tx.job.createMany({
    data: jobs.map((j) => ({
      kind: j.kind,
      payload: j.payload ?? {},
      dueAt: j.dueAt,
      runAt: j.dueAt,
      uniqueKey: j.uniqueKey,
      urgent: j.urgent ?? false,
      recipientId: j.recipientId,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
  return r.count;
}

export const scheduleJob = (tx: Tx, job: NewJob, now: Date): Promise<number> => scheduleJobs(tx, [job], now);

/** Cancels pending jobs by unique key. */
export async function cancelJobs(tx: Tx, uniqueKeys: string[], now: Date): Promise<number> {
  const r = await tx.job.updateMany({ where: { uniqueKey: { in: uniqueKeys }, status: "pending" }, data: { status: "cancelled", finishedAt: now } });
  return r.count;
}
