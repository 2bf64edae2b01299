// A refused callback (WeCom or Official Account): its HTTP status, the metrics result and
// the reason for the log. The answer body says only which kind of refusal it was.
import type { Response } from "express";
import type { InboundResult } from "../http/metrics.ts";
import { InboxRowRefusedError } from "../inbox/inbox-store.ts";
import type { Logger } from "../log.ts";

export class Rejection {
  constructor(
    readonly status: number,
    readonly result: InboundResult,
    readonly reason: string,
  ) {}
}

/** Logs the refusal (a bad signature at info only: public URLs attract scanners) and answers it. */
export function answerRejection(res: Response, log: Logger, r: Rejection): void {
  log[r.result === "bad_signature" ? "info" : "warn"]({ result: r.result, reason: r.reason }, "callback rejected");
  const body = r.status === 401 ? "unauthorized" : r.status === 413 ? "payload too large" : "bad request";
  res.status(r.status).type("text/plain").send(body);
}

/** A body-parser failure (too large, bad encoding) as a refusal; undefined for server errors. */
export function bodyParserRejection(err: { status?: number; type?: string }): Rejection | undefined {
  if (err.status === undefined || err.status >= 500) return undefined;
  const tooLarge = err.status === 413;
  return new Rejection(tooLarge ? 413 : 400, tooLarge ? "too_large" : "malformed", err.type ?? "unreadable body");
}

/** A delivery the database refused for its data: a 400 (a retry would fail the same way);
 * undefined for every other storage error (answered 503 so the platform retries). */
export function storageRejection(e: unknown): Rejection | undefined {
  return e instanceof InboxRowRefusedError ? new Rejection(400, "malformed", e.message) : undefined;
}
