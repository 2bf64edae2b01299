// Calling the model service within one budget per message: timeouts, network errors, 429
// and 5xx are retried with exponential backoff (a Retry-After that fits the budget is
// honoured; one that does not ends the wait at once); any other 4xx (a wrong key, an unknown
// model) fails at once. The SDK's own retries are off, so the budget is ours.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { Clock } from "../../clock.ts";
import { UnderstandingError } from "../engine.ts";

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** Not worth another request with less than this left. */
const MIN_ATTEMPT_MS = 1_000;

export interface RetryOptions {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** One request's timeout (shortened to what is left of the budget). */
  timeoutMs: number;
  /** Epoch ms when the message's budget is spent. */
  deadline: number;
  /** Counts requests sent and retries made (for the message's stats). */
  tally?: { requests: number; retries: number };
}

interface Failure {
  retry: boolean;
  why: string;
  retryAfterMs?: number;
}

/** Retry-After as ms: OpenAI's retry-after-ms, else seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now: Date): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function classify(e: unknown, now: Date): Failure {
  if (e instanceof APIConnectionTimeoutError) return { retry: true, why: "timed out" };
  if (e instanceof APIConnectionError) return { retry: true, why: `network error: ${e.message}` };
  if (e instanceof APIError && typeof e.status === "number") {
    const why = `HTTP ${e.status}: ${e.message}`;
    if (e.status === 429 || e.status === 408 || e.status >= 500) {
      const after = retryAfterMs(e.headers, now);
      return after === undefined ? { retry: true, why } : { retry: true, why, retryAfterMs: after };
    }
    return { retry: false, why };
  }
  return { retry: false, why: e instanceof Error ? e.message : String(e) };
}

const backoff = (failures: number): number => Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));

/** Runs `attempt` (given its timeout) until it succeeds or the budget is spent;
 * throws UnderstandingError("unavailable") then. */
export async function withinBudget<T>(attempt: (timeoutMs: number) => Promise<T>, o: RetryOptions): Promise<T> {
  let failures = 0;
  let last = "no attempt: the budget was already spent";
  for (;;) {
    const left = o.deadline - o.clock.now().getTime();
    if (left < MIN_ATTEMPT_MS) break;
    try {
      if (o.tally) o.tally.requests += 1;
      return await attempt(Math.min(o.timeoutMs, left));
    } catch (e) {
      failures += 1;
      const f = classify(e, o.clock.now());
      last = f.why;
      if (!f.retry) throw new UnderstandingError("unavailable", `the LLM service refused the request (${f.why})`);
      const wait = f.retryAfterMs ?? backoff(failures);
      if (o.clock.now().getTime() + wait + MIN_ATTEMPT_MS > o.deadline) break;
      if (o.tally) o.tally.retries += 1;
      await o.sleep(wait);
    }
  }
  throw new UnderstandingError("unavailable", `the LLM service did not answer within the budget after ${failures} attempt(s) (last: ${last})`);
}
