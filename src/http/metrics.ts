// Prometheus metrics, one registry per app instance (tests build many apps).
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type InboundResult =
  | "accepted"
  | "duplicate"
  | "bad_signature"
  | "stale"
  | "malformed"
  | "too_large"
  | "wrong_receiver"
  | "db_unavailable";

export class Metrics {
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
}
