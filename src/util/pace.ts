// Cooperative scheduling helpers for background work that shares the process with the
// webhook. PGlite runs queries synchronously on this thread, so background loops must
// hand the event loop back between units of work or acknowledgements stall.
import { performance } from "node:perf_hooks";

export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A wait that keeps the process alive: work awaiting it (a model retry's backoff) must
 * finish, not vanish because nothing else was pending (an unref'd timer let the console and
 * eval:nlu exit mid-retry). Background loops that may be abandoned use their own timers. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs fn over items with at most `limit` in flight. */
export async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/** Remembers when deliveries last arrived (monotonic time, not the domain clock). */
export class ActivitySignal {
  private last = -Infinity;
  mark(): void {
    this.last = performance.now();
  }
  activeWithin(ms: number): boolean {
    return performance.now() - this.last < ms;
  }
}
