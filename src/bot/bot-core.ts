// The channel-independent engine: inbox store → worker → router → outbox → dispatcher.
// Both the HTTP server and the chat console are built on it.
import type { Database } from "../db/database.ts";
import type { Metrics } from "../http/metrics.ts";
import { InboxStore } from "../inbox/inbox-store.ts";
import { InboxSpool } from "../inbox/inbox-spool.ts";
import { EventProcessor } from "../inbox/event-processor.ts";
import { InboxWorker, inlineExecutor, type EventExecutor, type WorkerOptions } from "../inbox/inbox-worker.ts";
import { ThreadExecutor } from "../inbox/thread-executor.ts";
import type { ProcessorSpec } from "../processor-thread.ts";
import type { ChannelSender } from "../outbox/channel-sender.ts";
import { OutboxDispatcher, type DispatcherOptions, type OutcomeListener } from "../outbox/dispatcher.ts";
import { enqueue } from "../outbox/outbox.ts";

import { NOTIFY_CHANNEL } from "./router-keys.ts";
import { buildRegistry, crmJobKinds, settleFollowerReply } from "../crm/assembly.ts";
import type { AppConfig } from "../config/env.ts";
import { createBotRouter, type RouterDeps } from "./create-router.ts";
import { EmbeddedMaintenance } from "../db/embedded-maintenance.ts";
import { BacklogWatch, DEFAULT_BACKLOG_THRESHOLDS, type BacklogEpisode, type BacklogThresholds } from "../inbox/backlog-watch.ts";
import { activeAdmins } from "../auth/admins.ts";
import { text } from "../render/reply.ts";
import { zh } from "../messages/zh.ts";

import { crmRecurringRules } from "../scheduler/recurring.ts";
import { Scheduler, type SchedulerOptions } from "../scheduler/scheduler.ts";

export interface BotCoreOptions extends Omit<RouterDeps, "registry"> {
  db: Database;
  metrics: Metrics;
  senders: ChannelSender[];
  worker?: Partial<WorkerOptions>;
  dispatcher?: Partial<DispatcherOptions>;
  scheduler?: Partial<SchedulerOptions>;
  /** Process events in a thread of their own (`npm start`), built from this configuration:
   * nothing an event does can then stop acknowledgements, /healthz or other senders. */
  isolation?: IsolationOptions;
  /** The embedded database's inbox spool file (see inbox-spool.ts), with isolation. */
  inboxSpool?: string;
  /** When the inbox counts as backlogged (admins told, /healthz degraded). */
  backlogAlert?: BacklogThresholds;
}

export interface IsolationOptions {
  config: AppConfig;
  /** An event still running after this long has hung (default 30 s, or the model's budget + 10 s). */
  deadlineMs?: number;
  /** A processor thread silent this long while busy is stuck (default 10 s). */
  silenceMs?: number;
}

/** A delivery the embedded database has not stored within this is spooled and acknowledged. */
const SPOOL_AFTER_MS = 1_000;

/** Attempts per event: the first and at most two retries. */
const MAX_ATTEMPTS = 3;

export class BotCore {
  readonly inbox: InboxStore;
  readonly worker: InboxWorker;
  readonly dispatcher: OutboxDispatcher;
  readonly scheduler: Scheduler;
  readonly backlog: BacklogWatch;
  readonly registry = buildRegistry();
  private readonly maintenance: EmbeddedMaintenance;

  private readonly threads: ThreadExecutor<ProcessorSpec> | undefined;

  constructor(o: BotCoreOptions) {
    // The 「正在理解…」 notice is queued while the model thinks: it goes out then, not at the next poll.
    const router = createBotRouter({ ...o, registry: this.registry, wakeOutbox: () => this.dispatcher.nudge() });
    const spool = o.inboxSpool ? new InboxSpool(o.inboxSpool, SPOOL_AFTER_MS) : undefined;
    this.inbox = new InboxStore(o.db, () => o.clock.now(), () => this.worker.wake(), spool);
    const processor = new EventProcessor(o.db.prisma, router, o.clock, o.log, MAX_ATTEMPTS);
    this.threads = o.isolation ? this.processorThreads(o, o.isolation) : undefined;
    const executor: EventExecutor = this.threads ?? inlineExecutor(processor);
    this.worker = new InboxWorker(o.db, executor, processor, o.clock, o.log, o.metrics, {
      concurrency: o.db.kind === "pglite" ? 1 : 4,
      ingestActive: () => this.inbox.activity.activeWithin(50),
      maxAttempts: MAX_ATTEMPTS,
      // A claim must outlive the deadline, or the event could be claimed again while it runs.
      ...(this.threads ? { leaseMs: Math.max(60_000, this.threads.deadlineMs + 15_000) } : {}),
      ...o.worker,
    });
    this.dispatcher = new OutboxDispatcher(o.db, o.senders, o.clock, o.log, o.metrics, o.dispatcher, deliveryOutcomes(o.timeZone));
    this.worker.onProcessed = () => this.dispatcher.wake();
    this.maintenance = new EmbeddedMaintenance(o.db, o.log);
    this.backlog = new BacklogWatch(o.db, o.clock, o.log, o.metrics, o.backlogAlert ?? DEFAULT_BACKLOG_THRESHOLDS, (e) => this.tellAdmins(o, e));
    this.scheduler = new Scheduler(o.db, crmJobKinds({ externalContacts: o.externalContacts }), crmRecurringRules(o.settings), o.clock, o.settings, o.timeZone, o.log, {
      onRan: () => this.dispatcher.wake(),
      ...o.scheduler,
    });
  }

  private processorThreads(o: BotCoreOptions, iso: IsolationOptions): ThreadExecutor<ProcessorSpec> {
    const modelBudget = iso.config.llm ? iso.config.llm.budgetMs + 10_000 : 0;
    return new ThreadExecutor<ProcessorSpec>({
      entry: new URL("../processor-thread-boot.mjs", import.meta.url),
      spec: { config: iso.config, settings: o.settings, maxAttempts: MAX_ATTEMPTS },
      dbAdapter: o.db.adapter,
      deadlineMs: iso.deadlineMs ?? Math.max(30_000, modelBudget),
      silenceMs: iso.silenceMs ?? 10_000,
      maxHeapMb: 1024,
      log: o.log.child({ component: "processor" }),
      metrics: o.metrics,
      wakeOutbox: () => this.dispatcher.nudge(),
    });
  }

  /** A backlog episode began or ended: the admins are told (once each, keyed by the episode). */
  private async tellAdmins(o: BotCoreOptions, e: BacklogEpisode): Promise<void> {
    const now = o.clock.now();
    const reply = text(e.kind === "started" ? zh.backlogStarted(e.state.waiting, e.state.oldestWaitingSeconds) : zh.backlogEnded(e.state.waiting));
    const queued = await o.db.prisma.$transaction(async (tx) => {
      const admins = await activeAdmins(tx, o.admins);
      const key = `backlog:${e.kind}:${now.toISOString()}`;
      return enqueue(tx, admins.map((a) => ({ channel: NOTIFY_CHANNEL, recipient: a.wecomUserId, reply, dedupeKey: `${key}:${a.id}` })), now);
    });
    if (queued) this.dispatcher.wake();
  }

  start(): void {
    // The loop waits for the processor thread on its first event; starting it now hides
    // the thread's start-up from the first user.
    this.threads?.start().catch(() => {});
    this.worker.start();
    this.dispatcher.start();
    this.maintenance.start();
    this.scheduler.start();
    this.backlog.start();
  }

  /** Graceful: stop taking work, finish what is in flight. */
  async stop(): Promise<void> {
    await this.inbox.idle();
    await this.scheduler.stop();
    await this.backlog.stop();
    await this.worker.stop();
    await this.threads?.stop();
    await this.dispatcher.stop();
    await this.maintenance.stop();
  }

  /** Runs due jobs, then delivers what they sent (tests). */
  async runJobs(): Promise<number> {
    const n = await this.scheduler.drain();
    await this.drain();
    return n;
  }

  /** Runs worker and dispatcher until neither finds due work (tests, console). */
  async drain(maxRounds = 100): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      await this.inbox.idle();
      const n = (await this.worker.runOnce()) + (await this.dispatcher.runOnce());
      if (n === 0) return;
    }
  }
}

/** Tracked messages' outcomes reach the domain: a refused 回复 is marked on its follow-up and
 * its rep is told (once: the notice's key is the track). */
function deliveryOutcomes(timeZone: string): OutcomeListener {
  return async (tx, outcome, now) => {
    const notice = await settleFollowerReply(tx, outcome, now, timeZone);
    if (!notice) return;
    await enqueue(tx, [{ channel: NOTIFY_CHANNEL, recipient: notice.to.wecomUserId, reply: notice.reply, dedupeKey: `outcome:${outcome.track}:${outcome.status}` }], now);
  };
}
