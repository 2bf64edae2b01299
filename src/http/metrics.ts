// Prometheus metrics, one registry per app instance (tests build many apps).
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { LlmRequestStats } from "../nlu/llm/llm-stats.ts";

export type InboundResult =
  | "accepted"
  | "duplicate"
  | "bad_signature"
  | "stale"
  | "malformed"
  | "too_large"
  | "wrong_receiver"
  | "db_unavailable";

/** How a free-text message ended: the engine proposed actions, found none, failed and the
 * offline engine answered instead, or failed and nothing answered. */
export type FreeTextResult = "proposals" | "nothing" | "fallback_offline" | "failed";

/** Figures recorded where the work runs; plain data, so the processor thread can post them
 * to the main thread's registry (the one /metrics serves). */
export type Figure = { kind: "free_text"; engine: string; result: FreeTextResult } | { kind: "llm"; stats: LlmRequestStats };

/** Where figures go: a Metrics, or the processor thread's port to one. */
export interface FigureSink {
  record(figure: Figure): void;
}

/** A figure a counter can add (prom-client throws on a negative or NaN increment). */
const count = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

export class Metrics implements FigureSink {
  readonly registry = new Registry();
  readonly inbound = new Counter({
    name: "wecrm_inbound_total",
    help: "Callback deliveries by channel, event type and result",
    labelNames: ["channel", "type", "result"] as const,
    registers: [this.registry],
  });
  readonly processing = new Histogram({
    name: "wecrm_processing_seconds",
    help: "Time from receipt to processed (stored event to replies queued)",
    labelNames: ["type", "result"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly inboxDead = new Counter({
    name: "wecrm_inbox_dead_total",
    help: "Inbound events set aside after their last attempt, by why (error, hung, crashed, invalid)",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly processorRestarts = new Counter({
    name: "wecrm_processor_restarts_total",
    help: "Processor threads replaced, by why (hung: past the deadline or not answering; crashed)",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly outboxSent = new Counter({
    name: "wecrm_outbox_sent_total",
    help: "Outbound messages sent, by channel",
    labelNames: ["channel"] as const,
    registers: [this.registry],
  });
  readonly outboxFailed = new Counter({
    name: "wecrm_outbox_failed_total",
    help: "Outbound messages given up on, by channel",
    labelNames: ["channel"] as const,
    registers: [this.registry],
  });
  readonly outboxBacklog = new Gauge({
    name: "wecrm_outbox_backlog",
    help: "Outbound messages by status (pending, sending, failed), read from the database at scrape time",
    labelNames: ["status"] as const,
    registers: [this.registry],
  });
  readonly inboxBacklog = new Gauge({
    name: "wecrm_inbox_backlog",
    help: "Stored inbound events not yet processed, read at scrape time",
    registers: [this.registry],
  });
  readonly inboxOldestWaiting = new Gauge({
    name: "wecrm_inbox_oldest_waiting_seconds",
    help: "How long the oldest stored, untaken inbound event has waited (the backlog watch, every 5 s)",
    registers: [this.registry],
  });
  readonly inboxBacklogged = new Gauge({
    name: "wecrm_inbox_backlogged",
    help: "1 while the inbox backlog is past INBOX_BACKLOG_ALERT or INBOX_BACKLOG_ALERT_SECONDS (until under half of both), else 0",
    registers: [this.registry],
  });
  readonly jobs = new Gauge({
    name: "wecrm_jobs",
    help: "Scheduled jobs: due now, running, late (past due, not done) and dead, read at scrape time",
    labelNames: ["state"] as const,
    registers: [this.registry],
  });
  readonly wecomApiErrors = new Counter({
    name: "wecrm_wecom_api_errors_total",
    help: "WeCom API calls that failed, by API path and errcode (or network)",
    labelNames: ["api", "code"] as const,
    registers: [this.registry],
  });
  readonly freeText = new Counter({
    name: "wecrm_free_text_total",
    help: "Free-text messages read by an engine, by engine (llm, offline) and result (proposals, nothing, fallback_offline, failed)",
    labelNames: ["engine", "result"] as const,
    registers: [this.registry],
  });
  readonly llmRequests = new Counter({
    name: "wecrm_llm_requests_total",
    help: "Free-text messages sent to the language model, by outcome (ok, repaired, invalid, unavailable)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly llmTokens = new Counter({
    name: "wecrm_llm_tokens_total",
    help: "Tokens the language model service counted, by direction (in: prompt, out: completion)",
    labelNames: ["direction"] as const,
    registers: [this.registry],
  });
  readonly llmRetries = new Counter({
    name: "wecrm_llm_retries_total",
    help: "Requests to the language model that failed and were retried (timeouts, 429, 5xx)",
    registers: [this.registry],
  });
  readonly llmLatency = new Histogram({
    name: "wecrm_llm_latency_seconds",
    help: "Wall time of one message's model work, retries and the repair round included",
    buckets: [0.25, 0.5, 1, 2, 3, 5, 8, 10, 15, 20, 30],
    registers: [this.registry],
  });

  record(figure: Figure): void {
    if (figure.kind === "free_text") {
      this.freeText.inc({ engine: figure.engine, result: figure.result });
      return;
    }
    const s = figure.stats;
    this.llmRequests.inc({ outcome: s.outcome });
    this.llmTokens.inc({ direction: "in" }, count(s.tokensIn));
    this.llmTokens.inc({ direction: "out" }, count(s.tokensOut));
    this.llmRetries.inc(count(s.retries));
    this.llmLatency.observe(count(s.latencyMs) / 1000);
  }
}
