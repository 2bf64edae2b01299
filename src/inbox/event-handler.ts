// What the inbox asks of the code that handles its events (the bot router implements it).
import type { Prisma } from "../db/database.ts";
import type { Tx } from "../db/tx.ts";
import type { Logger } from "../log.ts";
import type { InboundEvent } from "./inbound-event.ts";

export interface HandlerContext<P = unknown> {
  tx: Tx;
  /** What `prepare` worked out before the transaction (undefined without a prepare). */
  prepared?: P;
  eventId: bigint;
  log: Logger;
  /** Work to run after the transaction commits (best effort, e.g. profile refresh). */
  afterCommit(fn: (db: Prisma) => Promise<void>): void;
}

/** Why an event failed: it threw (error), its processing passed the deadline or stopped
 * answering (hung), its processor died under it (crashed), or it no longer parses. */
export type FailureReason = "error" | "hung" | "crashed" | "invalid";

export interface EventHandler<P = unknown> {
  /** Slow work that must not hold a transaction open (a language model call), run before
   * `handle`'s transaction; it reads with the plain client and writes nothing but a progress
   * notice to the sender (its own small transaction, an outbox key carrying `eventId`, so a
   * retry of the event never sends it twice). */
  prepare?(event: InboundEvent, db: Prisma, eventId: bigint): Promise<P | undefined>;
  /** Returns "ignored" when the event needs nothing (stored for the record only). */
  handle(event: InboundEvent, ctx: HandlerContext<P>): Promise<"done" | "ignored">;
  /** Called inside a transaction when an event has failed for good (it is set aside): tell
   * the sender, and whoever looks after the bot. */
  giveUp(event: InboundEvent, ctx: HandlerContext, reason: FailureReason): Promise<void>;
}
