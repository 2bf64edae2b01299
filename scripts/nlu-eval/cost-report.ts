// What a run cost: latency for every engine; tokens, requests and retries for a model, per
// line and in total.
import type { Run } from "./engines.ts";
import type { LineResult } from "./score.ts";

const quantile = (sorted: readonly number[], q: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);

export function costText(runs: readonly Run[]): string {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const lines = [`latency per message: p50 ${quantile(ms, 0.5)} ms, p95 ${quantile(ms, 0.95)} ms, max ${ms.at(-1) ?? 0} ms`];
  const stats = runs.flatMap((r) => (r.stats ? [r.stats] : []));
  if (stats.length) {
    const sum = (f: (s: (typeof stats)[number]) => number) => stats.reduce((a, s) => a + f(s), 0);
    const tokensIn = sum((s) => s.tokensIn);
    const tokensOut = sum((s) => s.tokensOut);
    const outcomes = new Map<string, number>();
    for (const s of stats) outcomes.set(s.outcome, (outcomes.get(s.outcome) ?? 0) + 1);
    lines.push(
      `model: ${stats.length} messages, ${sum((s) => s.requests)} requests, ${sum((s) => s.retries)} retries, ${sum((s) => (s.rounds > 1 ? 1 : 0))} repair rounds`,
      `tokens: in ${tokensIn} (${Math.round(tokensIn / stats.length)}/message), out ${tokensOut} (${Math.round(tokensOut / stats.length)}/message)`,
      `outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}`,
    );
  }
  return lines.join("\n");
}

/** One line per message: exact or not, the cost, and the outcome. */
export function perLineText(runs: readonly Run[], results: readonly LineResult[]): string {
  const rows = runs.map((r, i) => {
    const res = results[i]!;
    const s = r.stats;
    const mark = res.exact ? "ok  " : res.wrongfulWrites.length ? "WRITE" : "miss";
    const cost = s ? `in ${s.tokensIn} out ${s.tokensOut} req ${s.requests} retry ${s.retries} ${s.outcome}` : "no model request";
    return `#${String(res.lineNo).padEnd(4)} ${mark.padEnd(5)} ${String(r.ms).padStart(6)} ms  ${cost}`;
  });
  return ["per line (line, result, latency, model cost):", ...rows].join("\n");
}
