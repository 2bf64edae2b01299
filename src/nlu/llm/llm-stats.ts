// What one free-text request to the model cost and how it ended: the engine reports it to an
// observer (per-request log line, /metrics); the engine itself neither logs nor counts.
export type LlmOutcome = "ok" | "repaired" | "invalid" | "unavailable";

export interface LlmRequestStats {
  model: string;
  /** Prompt tokens over every round of this message (the service's own usage figures; 0 when it sends none). */
  tokensIn: number;
  /** Completion tokens over every round. */
  tokensOut: number;
  /** Wall time of the whole message, retries and the repair round included. */
  latencyMs: number;
  /** HTTP requests sent (1 = answered at once). */
  requests: number;
  /** Requests that failed and were retried (timeouts, 429, 5xx). */
  retries: number;
  /** Model rounds: 1, or 2 with the repair round. */
  rounds: number;
  outcome: LlmOutcome;
  /** Tool calls proposed in the end. */
  proposals: number;
}

export type LlmObserver = (stats: LlmRequestStats) => void;
