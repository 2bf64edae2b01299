// What the outbox dispatcher needs from a channel: deliver one reply to one recipient.
import type { Reply } from "../render/reply.ts";

export type SendFailureKind = "retryable" | "permanent" | "config";

export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    /** For retryable errors the channel may say when to try again (rate limits). */
    readonly retryAfterMs?: number,
    /** The platform's own code for the failure (an errcode), for whoever is told about it. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface SendReceipt {
  /** Platform message id, kept for recall and card updates. */
  platformId?: string;
  /** WeCom returns a response_code for interactive cards (one card update). */
  responseCode?: string;
  /** A card update that could not be done: why, its fallback text having been sent instead. */
  fallback?: string;
}

export interface ChannelSender {
  readonly channel: string;
  /** A platform limit per recipient below the dispatcher's own (a group robot: 20 a minute);
   * the dispatcher holds the rest back, without counting an attempt, until the minute frees. */
  readonly perRecipientPerMinute?: number;
  send(recipient: string, reply: Reply): Promise<SendReceipt>;
}
