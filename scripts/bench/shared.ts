// Shared by the webhook benchmark's two processes: the keys both sides use, the messages
// they exchange over IPC, and the statistics.
import type { CallbackKeys } from "../../test/support/signed-callback.ts";

/** Test credentials (the same values the test harness uses); never real ones. */
export const KEYS: CallbackKeys = {
  token: "wecrmTestToken",
  encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
  corpId: "wwfakecorp",
};
export const AGENT_ID = "1000002";
export const SECRET = "s3cret";
export const WEBHOOK_PATH = "/webhooks/wecom";

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export interface RunRequest {
  type: "run";
  id: string;
  /** http://127.0.0.1:<port>/webhooks/wecom */
  url: string;
  concurrency: number;
  warmup: number;
  messages: number;
  /** Command n comes from sender n mod senders. */
  senders: number;
  /** After the measured phase: one sender floods this many commands while ten others write
   * now and then (0: no such phase). */
  flood: number;
  /** Replies are expected through the fake WeCom (ours, and the bare processing baseline). */
  expectReplies: boolean;
  replyTimeoutMs: number;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  sent: number;
  ok: number;
  /** status code (or "network"/"timeout") → count, for everything that was not 200 */
  errors: Record<string, number>;
  wallMs: number;
  /** acknowledged (HTTP 200) deliveries per second over the phase's wall time */
  msgsPerSec: number;
  ackMs: Summary;
}

export interface E2eResult {
  expected: number;
  received: number;
  missing: number;
  waitedMs: number;
  /** callback sent → message/send received by the fake WeCom */
  e2eMs: Summary;
  /** time from the last ack until the last reply (backlog drain) */
  drainAfterLastAckMs: number;
  /** commands answered per second: replies received / (last reply − first send) */
  commandsPerSec: number;
  lastReplyAfterFirstSendMs: number;
  /** senders whose replies came back out of the order they were sent in */
  sendersOutOfOrder: number;
}

export interface FloodResult {
  floodSent: number;
  /** The flood's commands answered by the time the light senders had all their replies. */
  heavyAnsweredMeanwhile: number;
  /** A light sender's message → its reply, during the flood. */
  light: Summary;
  lightMissing: number;
}

export interface RunResult {
  type: "result";
  id: string;
  warmup: PhaseResult;
  warmupRepliesMissing: number;
  measured: PhaseResult;
  e2e: E2eResult | undefined;
  flood?: FloodResult;
  signMs: number;
  /** The benchmark process's peak resident memory during the run (the server runs in it). */
  peakRssMb?: number;
}

export interface RunFailure {
  type: "error";
  id: string;
  message: string;
}

export interface Ready {
  type: "ready";
  fakeBaseUrl: string;
}

export type FromClient = Ready | RunResult | RunFailure;
export type ToClient = RunRequest | { type: "exit" };

export function isMessage<T extends { type: string }>(m: unknown, type: T["type"]): m is T {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === type;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}
