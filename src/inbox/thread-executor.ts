// Runs events in a processor thread, so that nothing an event does — an endless loop, a
// runaway query loop, a crash — can stop this thread from acknowledging deliveries and
// answering /healthz. A watchdog replaces the thread when an event passes its deadline or
// the thread stops answering (a synchronous loop), or when the thread dies; the events it
// held come back as hung / crashed (the culprits) or interrupted (the others).
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { AdapterProxyServer } from "../db/thread-proxy/proxy-server.ts";
import type { Figure, Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import type { ClaimedEvent, ProcessReport } from "./event-processor.ts";
import type { EventExecutor, ExecResult } from "./inbox-worker.ts";

/** Messages between this thread and the processor thread. */
export type ToProcessor = { kind: "run"; row: ClaimedEvent };
export type FromProcessor =
  | { kind: "ready" }
  | { kind: "beat" }
  | { kind: "done"; id: string; report: ProcessReport }
  | { kind: "error"; id: string; message: string }
  /** A figure for /metrics (the registry lives here). */
  | { kind: "figure"; figure: Figure }
  /** Something was queued while an event still runs (a progress notice): send it now. */
  | { kind: "outbox" };

/** What the processor thread is given at start (structured-cloneable). */
export interface ProcessorThreadData<S> {
  spec: S;
  /** The embedded database's proxy port; absent when the thread opens its own connections. */
  dbPort?: MessagePort;
}

export interface ThreadExecutorOptions<S> {
  /** The processor thread's module (its composition root). */
  entry: URL;
  spec: S;
  /** For an embedded database owned by this thread: the adapter the thread's calls run on. */
  dbAdapter?: SqlDriverAdapterFactory;
  /** An event still running after this long has hung (the 30 s). */
  deadlineMs: number;
  /** No heartbeat for this long while an event runs: the thread is stuck in a loop. */
  silenceMs: number;
  /** Heap cap for the thread, so a runaway allocation kills it and not the process. */
  maxHeapMb: number;
  log: Logger;
  metrics: Metrics;
  /** The processor thread queued a message outside an event's transaction. */
  wakeOutbox?: () => void;
}

interface InFlight {
  row: ClaimedEvent;
  postedAt: number;
  resolve: (r: ExecResult) => void;
  reject: (e: Error) => void;
}

interface Processor {
  worker: Worker;
  /** Resolves once the thread said it is ready (and its database proxy is attached). */
  ready: Promise<void>;
  /** Resolves when the thread is gone, whatever the reason. */
  exited: Promise<void>;
  db?: AdapterProxyServer;
  spawnedAt: number;
  lastBeat: number;
  booted: boolean;
  gone: boolean;
}

const WATCH_EVERY_MS = 500;
/** Loading the bot's modules on a cold, busy machine can take a while. */
const BOOT_PATIENCE_MS = 90_000;

export class ThreadExecutor<S> implements EventExecutor {
  private current: Processor | undefined;
  private readonly inFlight = new Map<string, InFlight>();
  private watchdog: NodeJS.Timeout | undefined;
  private stopping = false;
  private bootFailures = 0;
  /** After a thread that could not start: not before this time (ms). */
  private respawnAt = 0;

  constructor(private readonly o: ThreadExecutorOptions<S>) {}

  get deadlineMs(): number {
    return this.o.deadlineMs;
  }

  async start(): Promise<void> {
    this.watchdog ??= setInterval(() => this.watch(), WATCH_EVERY_MS);
    await this.processor().ready;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    const p = this.current;
    this.current = undefined;
    if (p) await this.retire(p);
  }

  async run(row: ClaimedEvent): Promise<ExecResult> {
    for (;;) {
      if (this.stopping) return { kind: "interrupted" };
      const wait = this.respawnAt - Date.now();
      if (wait > 0 && (!this.current || this.current.gone)) await new Promise((r) => setTimeout(r, wait));
      const p = this.processor();
      await Promise.race([p.ready, p.exited]);
      if (p.gone) continue;
      return new Promise((resolve, reject) => {
        this.inFlight.set(row.id, { row, postedAt: Date.now(), resolve, reject });
        p.worker.postMessage({ kind: "run", row } satisfies ToProcessor);
      });
    }
  }

  private processor(): Processor {
    if (this.current && !this.current.gone) return this.current;
    this.current = this.spawn();
    return this.current;
  }

  private spawn(): Processor {
    const channel = this.o.dbAdapter ? new MessageChannel() : undefined;
    const data: ProcessorThreadData<S> = channel ? { spec: this.o.spec, dbPort: channel.port2 } : { spec: this.o.spec };
    const worker = new Worker(this.o.entry, {
      workerData: data,
      transferList: channel ? [channel.port2] : [],
      resourceLimits: { maxOldGenerationSizeMb: this.o.maxHeapMb },
    });
    let hello!: () => void;
    let exit!: () => void;
    const said = new Promise<void>((r) => (hello = r));
    const p: Processor = { worker, ready: said, exited: new Promise((r) => (exit = r)), spawnedAt: Date.now(), lastBeat: Date.now(), booted: false, gone: false };
    if (channel && this.o.dbAdapter) {
      const attached = AdapterProxyServer.attach(this.o.dbAdapter, channel.port1).then((server) => {
        p.db = server;
      });
      p.ready = Promise.all([said, attached]).then(() => undefined);
    }
    worker.on("message", (m: FromProcessor) => {
      p.lastBeat = Date.now();
      if (m.kind === "ready") {
        this.o.log.info({ ms: Date.now() - p.spawnedAt }, "processor thread ready");
        p.booted = true;
        this.bootFailures = 0;
        hello();
      } else if (m.kind === "figure") this.o.metrics.record(m.figure);
      else if (m.kind === "outbox") this.o.wakeOutbox?.();
      else if (m.kind !== "beat") this.finished(m);
    });
    worker.on("error", (e) => this.o.log.error({ err: e.message, stack: e.stack }, "processor thread failed"));
    worker.on("exit", (code) => {
      exit();
      void this.onExit(p, code);
    });
    return p;
  }

  private finished(m: Extract<FromProcessor, { id: string }>): void {
    const f = this.inFlight.get(m.id);
    if (!f) return;
    this.inFlight.delete(m.id);
    if (m.kind === "done") f.resolve({ kind: "report", report: m.report });
    else f.reject(new Error(m.message));
  }

  /** Every half second: an event past its deadline, or a thread that stopped answering. */
  private watch(): void {
    const p = this.current;
    if (!p || p.gone) return;
    const now = Date.now();
    if (!p.booted && now - p.spawnedAt > BOOT_PATIENCE_MS) {
      this.bootFailures++;
      void this.replace(p, "crashed", new Set(this.inFlight.keys()), "processor thread did not start");
      return;
    }
    if (this.inFlight.size === 0) return;
    const late = [...this.inFlight.values()].filter((f) => now - f.postedAt > this.o.deadlineMs);
    if (late.length > 0) {
      void this.replace(p, "hung", new Set(late.map((f) => f.row.id)), `still running after ${this.o.deadlineMs} ms`);
    } else if (now - p.lastBeat > this.o.silenceMs) {
      void this.replace(p, "hung", new Set(this.inFlight.keys()), `processor stopped answering for ${now - p.lastBeat} ms`);
    }
  }

  private async onExit(p: Processor, code: number): Promise<void> {
    if (p.gone) return;
    if (!p.booted) this.bootFailures++;
    this.o.log.error({ code, booted: p.booted }, "processor thread exited; starting another");
    await this.replace(p, "crashed", new Set(this.inFlight.keys()), `processor thread exited with code ${code}`);
  }

  /** Stops a processor; its culprits are reported, the other events it held go back. */
  private async replace(p: Processor, reason: "hung" | "crashed", culprits: Set<string>, detail: string): Promise<void> {
    if (p.gone) return;
    this.o.log.error({ reason, detail, events: [...culprits] }, "processor thread replaced");
    this.o.metrics.processorRestarts.inc({ reason });
    if (this.current === p) this.current = undefined;
    await this.retire(p);
    const held = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const f of held) f.resolve(culprits.has(f.row.id) ? { kind: reason, detail } : { kind: "interrupted" });
    // A thread that cannot even start is not restarted in a tight loop.
    if (this.bootFailures > 0) this.respawnAt = Date.now() + Math.min(30_000, 500 * 2 ** this.bootFailures);
  }

  private async retire(p: Processor): Promise<void> {
    p.gone = true;
    await p.worker.terminate().catch(() => 0);
    await p.db?.close();
  }
}
