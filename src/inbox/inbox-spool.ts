// The embedded database's answer to "acknowledging never waits on processing": PGlite runs
// one statement at a time, so while a processor transaction holds it (or is being rolled
// back after a hang) a delivery's INSERT waits. A delivery not stored within `afterMs` is
// appended to this file (fsync'd) and acknowledged; its INSERT still runs when the database
// is free. The file is replayed (ON CONFLICT DO NOTHING) and emptied whenever the inbox is
// idle and at start-up, so a crash in between loses nothing.
import { open, readFile, rm } from "node:fs/promises";
import { inboundEventSchema, type InboundEvent } from "./inbound-event.ts";

export class InboxSpool {
  private writes: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    readonly file: string,
    /** How long a delivery may wait for the database before it is spooled. */
    readonly afterMs: number,
  ) {}

  /** Appends one delivery durably (writes are serialised). */
  append(event: InboundEvent): Promise<void> {
    this.dirty = true;
    this.writes = this.writes.then(async () => {
      const f = await open(this.file, "a");
      try {
        await f.write(JSON.stringify(event) + "\n");
        await f.datasync();
      } finally {
        await f.close();
      }
    });
    return this.writes;
  }

  /** What the file holds (lines that no longer parse are skipped). */
  async read(): Promise<InboundEvent[]> {
    await this.writes;
    const text = await readFile(this.file, "utf8").catch(() => "");
    return text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .flatMap((l) => {
        try {
          const r = inboundEventSchema.safeParse(JSON.parse(l));
          return r.success ? [r.data] : [];
        } catch {
          return [];
        }
      });
  }

  /** Something was spooled since the last clear (or may be left from before a crash). */
  get pending(): boolean {
    return this.dirty;
  }

  markPossiblyPending(): void {
    this.dirty = true;
  }

  async clear(): Promise<void> {
    await this.writes;
    await rm(this.file, { force: true });
    this.dirty = false;
  }
}
