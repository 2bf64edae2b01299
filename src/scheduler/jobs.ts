// Creating and cancelling jobs, always inside the transaction of the change that causes them.
import type { Tx } from "../db/tx.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { insertSkippingDuplicates, jsonText, type Column } from "../db/raw-insert.ts";

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
  const columns: Column<NewJob>[] = [
    { name: "kind", cast: "text", value: (j) => j.kind },
    { name: "payload", cast: "jsonb", value: (j) => jsonText(j.payload ?? {}) },
    { name: "due_at", cast: "timestamptz", value: (j) => j.dueAt },
    { name: "run_at", cast: "timestamptz", value: (j) => j.dueAt },
    { name: "unique_key", cast: "text", value: (j) => j.uniqueKey ?? null },
    { name: "urgent", cast: "boolean", value: (j) => j.urgent ?? false },
    { name: "recipient_id", cast: "uuid", value: (j) => j.recipientId ?? null },
    { name: "created_at", cast: "timestamptz", value: () => now },
  ];
  return insertSkippingDuplicates(tx, "jobs", columns, jobs);
}

export const scheduleJob = (tx: Tx, job: NewJob, now: Date): Promise<number> => scheduleJobs(tx, [job], now);

/** Cancels pending jobs by unique key. */
export async function cancelJobs(tx: Tx, uniqueKeys: string[], now: Date): Promise<number> {
  const r = await tx.job.updateMany({ where: { uniqueKey: { in: uniqueKeys }, status: "pending" }, data: { status: "cancelled", finishedAt: now } });
  return r.count;
}
