// Claiming due jobs: FOR UPDATE SKIP LOCKED with a lease, the same SQL on PGlite and
// PostgreSQL. A job whose lease ran out (its process died) is due again.
import type { Database } from "../db/database.ts";
import type { ClaimedJob } from "./job-kind.ts";

interface Row {
  id: string;
  kind: string;
  payload: unknown;
  due_at: Date | string;
  urgent: boolean;
  attempts: number;
  recipient_id: string | null;
  unique_key: string | null;
}

export async function claimDueJobs(db: Database, owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
  const rows = await db.query<Row>(
    `UPDATE jobs SET status = 'running', lease_owner = $2, lease_until = $3, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM jobs
       WHERE (status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_until < $1)
       ORDER BY run_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING id::text AS id, kind, payload, due_at, urgent, attempts, recipient_id::text AS recipient_id, unique_key`,
    [now, owner, new Date(now.getTime() + leaseMs), limit],
  );
  return rows.map((r) => ({
    id: BigInt(r.id),
    kind: r.kind,
    payload: r.payload,
    dueAt: new Date(r.due_at),
    urgent: r.urgent,
    attempts: r.attempts,
    recipientId: r.recipient_id,
    uniqueKey: r.unique_key,
  }));
}

/** When the next pending job is due (to wake the claimer then), or null. */
export async function nextRunAt(db: Database): Promise<Date | null> {
  const [r] = await db.query<{ at: Date | string | null }>(`SELECT min(run_at) AS at FROM jobs WHERE status = 'pending'`);
  return r?.at ? new Date(r.at) : null;
}

export interface JobCounts {
  due: number;
  running: number;
  late: number;
  dead: number;
}

/** Gauges for /metrics: due now, running, late (due over `lateMs` ago, not done), dead. */
export async function jobCounts(db: Database, now: Date, lateMs: number): Promise<JobCounts> {
  const [r] = await db.query<JobCounts>(
    `SELECT count(*) FILTER (WHERE status = 'pending' AND run_at <= $1)::int AS due,
            count(*) FILTER (WHERE status = 'running')::int AS running,
            count(*) FILTER (WHERE status IN ('pending', 'running') AND due_at < $2)::int AS late,
            count(*) FILTER (WHERE status = 'dead')::int AS dead
     FROM jobs WHERE status IN ('pending', 'running', 'dead')`,
    [now, new Date(now.getTime() - lateMs)],
  );
  return r ?? { due: 0, running: 0, late: 0, dead: 0 };
}
