// Composition root for the server: config → database → bot core → channels → HTTP.
// main.ts runs it; tests build it with an in-memory database and a fake clock.
import type { Server } from "node:http";
import path from "node:path";
import axios, { type AxiosInstance } from "axios";
import express, { type Router } from "express";
import { BotCore, type IsolationOptions } from "./bot/bot-core.ts";
import { WecomApiClient } from "./channels/wecom/api-client.ts";
import { WecomDirectory } from "./channels/wecom/directory.ts";
import { WecomExternalContactApi } from "./channels/wecom/external-contact-api.ts";
import { wecomWebhookRouter } from "./channels/wecom/receiver.ts";
import { WecomSender } from "./channels/wecom/sender.ts";
import { GroupRobotClient, GroupRobotSender } from "./channels/wecom/group-robot.ts";
import { mpChannel } from "./channels/mp/mp-channel.ts";
import type { Clock } from "./clock.ts";
import type { AppConfig } from "./config/env.ts";
import type { CrmSettings } from "./config/crm/crm-settings.ts";
import { loadCrmSettings } from "./config/crm/load-settings.ts";
import type { Database } from "./db/database.ts";
import { apiRouters } from "./crm/assembly.ts";
import { createHttpApp } from "./http/app.ts";
import { Metrics } from "./http/metrics.ts";
import type { Logger } from "./log.ts";
import { jobCounts } from "./scheduler/job-claim.ts";
import type { ChannelSender } from "./outbox/channel-sender.ts";
import type { DispatcherOptions } from "./outbox/dispatcher.ts";
import type { WorkerOptions } from "./inbox/inbox-worker.ts";

export interface ServerDeps {
  config: AppConfig;
  db: Database;
  clock: Clock;
  log: Logger;
  /** The CRM's business rules; when omitted, read from CRM_CONFIG (defaults without it). */
  settings?: CrmSettings;
  http?: AxiosInstance;
  /** The Official Account API's HTTP client (tests). */
  mpHttp?: AxiosInstance;
  worker?: Partial<WorkerOptions>;
  dispatcher?: Partial<DispatcherOptions>;
  /** Process events in a thread of their own (`npm start`; tests drive them inline). */
  isolation?: Omit<IsolationOptions, "config">;
  /** Free text still being read after this long tells its sender 「正在理解…」 (default 3 s; tests shorten it). */
  understandingNoticeMs?: number;
}

export class WecrmServer {
  readonly metrics = new Metrics();
  readonly core: BotCore;
  readonly app: ReturnType<typeof createHttpApp>;
  readonly wecomApi: WecomApiClient | undefined;
  private server: Server | undefined;

  constructor(private readonly deps: ServerDeps) {
    const { config, clock, log } = deps;
    const senders: ChannelSender[] = [];
    const routes: Record<string, Router> = {};
    const settings = deps.settings ?? loadCrmSettings(config.crmConfigFile);
    const wecom = config.wecom;
    if (wecom) {
      const http = deps.http ?? axios.create({ baseURL: wecom.apiBase, timeout: 10_000 });
      this.wecomApi = new WecomApiClient(http, wecom, clock, log.child({ channel: "wecom" }), this.metrics);
      senders.push(new WecomSender(this.wecomApi, wecom.agentId, clock));
    }
    // Team group robots: always on, so a message for a team without a key fails loudly
    // instead of waiting unseen.
    const robotHttp = axios.create({ baseURL: config.wecomRobotBase, timeout: 10_000 });
    senders.push(new GroupRobotSender(new GroupRobotClient(robotHttp), settings.reports.groupRobots, log.child({ channel: "group_robot" })));
    const mp = config.mp
      ? mpChannel({
          settings: config.mp,
          crm: settings.officialAccount,
          http: deps.mpHttp ?? axios.create({ baseURL: config.mp.apiBase, timeout: 10_000 }),
          clock,
          log,
          metrics: this.metrics,
        })
      : undefined;
    if (mp) senders.push(mp.sender);
    const spoolFile = deps.isolation && !config.databaseUrl ? path.join(config.dataDir, "inbox-spool.jsonl") : undefined;
    this.core = new BotCore({
      db: deps.db,
      clock,
      log,
      metrics: this.metrics,
      senders,
      timeZone: config.timeZone,
      settings,
      admins: config.admins,
      llm: config.llm,
      directory: this.wecomApi ? new WecomDirectory(this.wecomApi) : undefined,
      externalContacts: this.wecomApi ? new WecomExternalContactApi(this.wecomApi) : undefined,
      worker: deps.worker,
      dispatcher: deps.dispatcher,
      understandingNoticeMs: deps.understandingNoticeMs,
      isolation: deps.isolation ? { ...deps.isolation, config } : undefined,
      // PGlite serialises statements: with processing in its own thread, a delivery never
      // waits on a processor's transaction longer than the spool's second.
      inboxSpool: spoolFile,
      backlogAlert: config.backlogAlert,
    });
    if (mp) routes["/webhooks/mp"] = mp.webhook(this.core.inbox);
    if (wecom) {
      routes["/webhooks/wecom"] = wecomWebhookRouter({ settings: wecom, inbox: this.core.inbox, clock, log, metrics: this.metrics });
    }
    const apiDeps = {
      db: deps.db,
      clock,
      log: log.child({ channel: "api" }),
      settings,
      admins: config.admins,
      timeZone: config.timeZone,
      wakeOutbox: () => this.core.dispatcher.wake(),
    };
    routes["/api/v1"] = express.Router().use(...apiRouters(apiDeps));
    this.app = createHttpApp({
      db: deps.db,
      log,
      metrics: this.metrics,
      routes,
      refreshGauges: async () => {
        const counts = await jobCounts(deps.db, clock.now(), settings.reminders.lateAfterMinutes * 60_000);
        for (const [state, n] of Object.entries(counts)) this.metrics.jobs.set({ state }, n);
      },
      acksWithoutDatabase: spoolFile !== undefined,
      health: () => ({
        wecom: wecom ? "on" : "off",
        officialAccount: config.mp ? "on" : "off",
        configErrors: this.core.dispatcher.configErrors(),
        inbox: this.core.backlog.state(),
      }),
    });
  }

  async listen(port: number, host: string): Promise<Server> {
    this.core.start();
    const server = this.app.listen(port, host);
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    this.server = server;
    return server;
  }

  /** Stop taking new requests, finish in-flight work, then stop the loops. */
  async close(): Promise<void> {
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
    await this.core.stop();
  }
}
