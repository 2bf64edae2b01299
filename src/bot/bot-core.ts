// The channel-independent engine: inbox store → worker → router → outbox → dispatcher.
// Both the HTTP server and the chat console are built on it.
import type { Clock } from "../clock.ts";
import type { CrmSettings } from "../crm/settings/crm-settings.ts";
import type { Database } from "../db/database.ts";
import type { ExternalContactApi } from "../channels/wecom/external-contact-api.ts";
import type { Metrics } from "../http/metrics.ts";
import { InboxStore } from "../inbox/inbox-store.ts";
import { InboxWorker, type WorkerOptions } from "../inbox/inbox-worker.ts";
import type { Logger } from "../log.ts";
import type { ChannelSender } from "../outbox/channel-sender.ts";
import { OutboxDispatcher, type DispatcherOptions, type OutcomeListener } from "../outbox/dispatcher.ts";
import { enqueue } from "../outbox/outbox.ts";
import { settleFollowerReply } from "../crm/follower-reply-outcome.ts";
import { NOTIFY_CHANNEL } from "./router-keys.ts";
import { buildRegistry } from "../actions/index.ts";
import { BotRouter, type UserDirectory } from "./router.ts";
import type { LlmSettings } from "../config/env.ts";
import type { NluEngine } from "../nlu/engine.ts";
import { llmEngine } from "../nlu/llm/llm-engine.ts";
import { EmbeddedMaintenance } from "../db/embedded-maintenance.ts";
import { crmJobKinds } from "../scheduler/crm-jobs.ts";
import { crmRecurringRules } from "../scheduler/recurring.ts";
import { Scheduler, type SchedulerOptions } from "../scheduler/scheduler.ts";

export interface BotCoreOptions {
  db: Database;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  senders: ChannelSender[];
  timeZone: string;
  settings: CrmSettings;
  admins: readonly string[];
  directory?: UserDirectory;
  /** WeCom 客户联系 APIs (external contacts, transfers when a rep leaves). */
  externalContacts?: ExternalContactApi;
  /** A language model for free text (OPENAI_*); without it the offline engine reads it. */
  llm?: LlmSettings;
  /** The language model's HTTP client (tests). */
  llmFetch?: typeof fetch;
  worker?: Partial<WorkerOptions>;
  dispatcher?: Partial<DispatcherOptions>;
  scheduler?: Partial<SchedulerOptions>;
}

export class BotCore {
  readonly inbox: InboxStore;
  readonly worker: InboxWorker<unknown>;
  readonly dispatcher: OutboxDispatcher;
  readonly scheduler: Scheduler;
  readonly registry = buildRegistry();
  private readonly maintenance: EmbeddedMaintenance;

  constructor(o: BotCoreOptions) {
    const router = new BotRouter({
      registry: this.registry,
      clock: o.clock,
      timeZone: o.timeZone,
      settings: o.settings,
      admins: o.admins,
      directory: o.directory,
      externalContacts: o.externalContacts,
      engine: o.llm ? this.llmEngine(o.llm, o) : undefined,
    });
    const unknown = o.settings.freeText.autoApply.filter((name) => this.registry.byName(name)?.effect !== "write");
    if (unknown.length) throw new Error(`freeText.autoApply: "${unknown[0]}" is not a write action (see docs/crm.example.yaml)`);
    this.inbox = new InboxStore(o.db, () => o.clock.now(), () => this.worker.wake());
    this.worker = new InboxWorker(o.db, router, o.clock, o.log, o.metrics, {
      concurrency: o.db.kind === "pglite" ? 1 : 4,
      ingestActive: () => this.inbox.activity.activeWithin(50),
      ...o.worker,
    });
    this.dispatcher = new OutboxDispatcher(o.db, o.senders, o.clock, o.log, o.metrics, o.dispatcher, deliveryOutcomes(o.timeZone));
    this.worker.onProcessed = () => this.dispatcher.wake();
    this.maintenance = new EmbeddedMaintenance(o.db, o.log);
    this.scheduler = new Scheduler(o.db, crmJobKinds({ externalContacts: o.externalContacts }), crmRecurringRules(o.settings), o.clock, o.settings, o.timeZone, o.log, {
      onRan: () => this.dispatcher.wake(),
      ...o.scheduler,
    });
  }

  private llmEngine(llm: LlmSettings, o: BotCoreOptions): NluEngine {
    const stages = o.settings.opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
    const engine = llmEngine(llm, { registry: this.registry, stages, clock: o.clock, ...(o.llmFetch ? { fetch: o.llmFetch } : {}) });
    o.log.info({ engine: engine.name }, "free text is read by a language model");
    return engine;
  }

  start(): void {
    this.worker.start();
    this.dispatcher.start();
    this.maintenance.start();
    this.scheduler.start();
  }

  /** Graceful: stop taking work, finish what is in flight. */
  async stop(): Promise<void> {
    await this.inbox.idle();
    await this.scheduler.stop();
    await this.worker.stop();
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
