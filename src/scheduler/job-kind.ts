// What a kind of job is: its payload schema and what running it does. Handlers return the
// messages to send; the runner writes them to the outbox in the transaction that marks the
// job done, merging what one person gets at one time into one digest.
import type { z } from "zod";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import type { Prisma } from "../db/database.ts";
import type { Tx } from "../db/tx.ts";
import type { Reply } from "../render/reply.ts";

export interface ClaimedJob {
  id: bigint;
  kind: string;
  payload: unknown;
  dueAt: Date;
  urgent: boolean;
  attempts: number;
  recipientId: string | null;
  uniqueKey: string | null;
}

export interface JobMessage {
  userId: string;
  /** What to send when this is the only thing for the user now (a card, say). */
  reply: Reply;
  /** Its line in a digest when several things reach the user together. */
  line: string;
  /** Sent on its own, never merged into a digest (reports). */
  alone?: boolean;
}

export interface JobRunContext {
  tx: Tx;
  now: Date;
  job: ClaimedJob;
  settings: CrmSettings;
  timeZone: string;
  /** How late the job runs, in minutes past its due time — or past the end of the quiet
   * hours it was due in (0 when on time). */
  lateMinutes: number;
  /** Due in quiet hours and held till then: when it was released (null otherwise). */
  quietRelease: Date | null;
}

export interface JobKindDef<P, R = undefined> {
  kind: string;
  payload: z.ZodType<P>;
  /** "defer": a push that waits out quiet hours (unless the job is urgent); "run": runs anyway. */
  quiet: "defer" | "run";
  /** A recurring digest for one local day or ISO week: it runs at most once in that period
   * and never after it (after downtime the next period's occurrence comes instead), and when
   * missed for too long it is skipped rather than sent late. */
  digest?: DigestPeriod;
  /** Slow outside work (a WeCom API call) done before the job's transaction, reading with the
   * plain client, so no transaction waits on the network; run gets its result. A job of such a
   * kind runs alone, and prepare runs again when the job is retried: keep it safe to repeat.
   * It runs before the quiet-hours check, so give such kinds quiet: "run". A throw is a failed
   * attempt (backoff, then dead). */
  prepare?(payload: P, db: Prisma): Promise<R>;
  run(ctx: JobRunContext, payload: P, prepared: R | undefined): Promise<JobMessage[]>;
}

/** A job kind as the runner sees it: the payload is validated before the handler runs. */
export type DigestPeriod = "day" | "week";

export interface JobKind {
  kind: string;
  quiet: "defer" | "run";
  digest: DigestPeriod | null;
  prepare?(rawPayload: unknown, db: Prisma): Promise<unknown>;
  run(ctx: JobRunContext, rawPayload: unknown, prepared?: unknown): Promise<JobMessage[]>;
}

export function defineJobKind<P, R = undefined>(def: JobKindDef<P, R>): JobKind {
  const parse = (raw: unknown): P => {
    const parsed = def.payload.safeParse(raw);
    if (!parsed.success) throw new Error(`invalid payload for ${def.kind}: ${parsed.error.message}`);
    return parsed.data;
  };
  const prepare = def.prepare;
  return {
    kind: def.kind,
    quiet: def.quiet,
    digest: def.digest ?? null,
    ...(prepare ? { prepare: (raw: unknown, db: Prisma) => prepare(parse(raw), db) } : {}),
    // The runner hands back exactly what this kind's prepare returned.
    run: (ctx, raw, prepared) => def.run(ctx, parse(raw), prepared as R | undefined),
  };
}
