// What a kind of job is: its payload schema and what running it does. Handlers return the
// messages to send; the runner writes them to the outbox in the transaction that marks the
// job done, merging what one person gets at one time into one digest.
import type { z } from "zod";
import type { CrmSettings } from "../crm/settings/crm-settings.ts";
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
  /** How late the job runs, in minutes past its due time (0 when on time). */
  lateMinutes: number;
}

export interface JobKindDef<P> {
  kind: string;
  payload: z.ZodType<P>;
  /** "defer": a push that waits out quiet hours (unless the job is urgent); "run": runs anyway. */
  quiet: "defer" | "run";
  /** A recurring digest: missed for too long (downtime), it is skipped rather than sent late. */
  digest?: boolean;
  run(ctx: JobRunContext, payload: P): Promise<JobMessage[]>;
}

/** A job kind as the runner sees it: the payload is validated before the handler runs. */
export interface JobKind {
  kind: string;
  quiet: "defer" | "run";
  digest: boolean;
  run(ctx: JobRunContext, rawPayload: unknown): Promise<JobMessage[]>;
}

export function defineJobKind<P>(def: JobKindDef<P>): JobKind {
  return {
    kind: def.kind,
    quiet: def.quiet,
    digest: def.digest ?? false,
    run(ctx, raw) {
      const parsed = def.payload.safeParse(raw);
      if (!parsed.success) throw new Error(`invalid payload for ${def.kind}: ${parsed.error.message}`);
      return def.run(ctx, parsed.data);
    },
  };
}
