// A background loop: runs `step` until it reports no work, then sleeps until woken or
// until the poll interval passes. Errors are logged and retried after a pause, never fatal.
import type { Logger } from "../log.ts";

export class Loop {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private done: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly step: () => Promise<number>,
    private readonly pollMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let worked = 0;
      try {
        worked = await this.step();
        failures = 0;
      } catch (e) {
        failures++;
        this.log.error({ loop: this.name, err: (e as Error).message }, "background loop step failed; retrying");
      }
      if (!this.running) break;
      if (worked > 0 && failures === 0) continue;
      if (this.woken && failures === 0) continue;
      const pause = failures > 0 ? Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) : this.pollMs;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, pause);
        this.timer.unref?.();
      });
      clearTimeout(this.timer);
      this.wakeUp = undefined;
    }
  }
}
