// The Official Account channel assembled: the webhook stores each delivery in the inbox
// (idempotent by its delivery key, so WeChat's retries are one event) and answers with the
// configured acknowledgement; the sender delivers replies to followers. Nothing slow happens
// before the passive reply: storing is one insert, everything else runs from the inbox.
import type { AxiosInstance } from "axios";
import type { Router } from "express";
import type { Clock } from "../../clock.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Metrics } from "../../http/metrics.ts";
import type { InboxStore } from "../../inbox/inbox-store.ts";
import type { Logger } from "../../log.ts";
import { FloodGuard } from "./flood-guard.ts";
import { MpApiClient } from "./mp-api-client.ts";
import type { MpInbound } from "./mp-inbound.ts";
import { mpToInbound } from "./mp-inbound-mapper.ts";
import { MpSender } from "./mp-sender.ts";
import type { MpSettings } from "./mp-settings.ts";
import { mpWebhook, type MpAcceptResult } from "./mp-webhook.ts";

export interface MpChannelDeps {
  settings: MpSettings;
  crm: CrmSettings["officialAccount"];
  http: AxiosInstance;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}

/** The acknowledgement a delivery gets: the same on a retry, so answering twice is harmless. */
function acknowledgement(inbound: MpInbound, crm: CrmSettings["officialAccount"]): MpAcceptResult {
  const reply = inbound.type === "text" ? crm.autoReply : inbound.type === "subscribe" ? crm.welcomeText : "";
  return reply ? { reply } : {};
}

export interface MpChannel {
  sender: MpSender;
  api: MpApiClient;
  /** The webhook, storing into the inbox (made once the inbox exists). */
  webhook(inbox: InboxStore): Router;
}

export function mpChannel(deps: MpChannelDeps): MpChannel {
  const log = deps.log.child({ channel: "mp" });
  const guard = new FloodGuard(deps.crm.perMinuteLimit);
  const api = new MpApiClient(deps.http, deps.settings, deps.clock, log);
  const webhook = (inbox: InboxStore) => mpWebhook({
    settings: deps.settings,
    clock: deps.clock,
    log,
    metrics: deps.metrics,
    accept: async (inbound) => {
      if (!guard.allow(inbound.openid)) {
        log.warn({ openid: inbound.openid, type: inbound.type }, "mp: follower over the per-minute limit; delivery answered, not stored");
        return {};
      }
      await inbox.accept(mpToInbound(inbound));
      return acknowledgement(inbound, deps.crm);
    },
  });
  return { sender: new MpSender(api), api, webhook };
}
