// The receiving side of the model engine's per-message report: one log line and the /metrics
// figures. The line carries what the request cost and how it ended, never the message text
// (the stats hold none). An observer must not break understanding: whatever goes wrong
// here is logged and swallowed.
import type { FigureSink } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import type { LlmObserver, LlmRequestStats } from "../nlu/llm/llm-stats.ts";

/** The log line's fields (a copy: the engine's object is not kept). */
function fields(s: LlmRequestStats) {
  return {
    model: s.model,
    tokensIn: s.tokensIn,
    tokensOut: s.tokensOut,
    latencyMs: s.latencyMs,
    requests: s.requests,
    retries: s.retries,
    rounds: s.rounds,
    outcome: s.outcome,
    proposals: s.proposals,
  };
}

/** An LlmObserver writing to `log` and counting into `metrics` (a Metrics, or the processor
 * thread's port to the main thread's). */
export function llmObserver(log: Logger, metrics: FigureSink): LlmObserver {
  return (stats) => {
    try {
      const line = fields(stats);
      if (stats.outcome === "ok" || stats.outcome === "repaired") log.info(line, "llm request");
      else log.warn(line, "llm request failed");
      metrics.record({ kind: "llm", stats: line });
    } catch (e) {
      log.warn({ err: (e as Error).message }, "llm observer failed");
    }
  };
}
