// Per-follower flood protection for the Official Account webhook: more than `perMinute`
// deliveries from one openid within a minute are answered (so WeChat does not retry) but
// not stored. In memory, per process: a flood is short, and a restart forgets nothing that
// matters. Monotonic time, not the domain clock.
export class FloodGuard {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** True when this delivery may be stored. */
  allow(openid: string): boolean {
    const now = this.nowMs();
    const recent = (this.seen.get(openid) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      this.seen.set(openid, recent);
      return false;
    }
    recent.push(now);
    this.seen.set(openid, recent);
    if (this.seen.size > 10_000) this.forgetQuiet(now);
    return true;
  }

  private forgetQuiet(now: number): void {
    for (const [k, times] of this.seen) if (times.every((t) => now - t >= 60_000)) this.seen.delete(k);
  }
}
