// The bot's event handler, built the same way wherever processing runs (this thread in tests
// and the console, the processor thread under `npm start`).
import type { ExternalContactApi } from "../channels/wecom/external-contact-api.ts";
import type { Clock } from "../clock.ts";
import type { LlmSettings } from "../config/env.ts";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import type { ActionRegistry } from "../actions/registry.ts";
import type { FigureSink } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import type { NluEngine } from "../nlu/engine.ts";
import { llmEngine } from "../nlu/llm/llm-engine.ts";
import { llmObserver } from "./llm-observer.ts";
import { BotRouter, type UserDirectory } from "./router.ts";

export interface RouterDeps {
  registry: ActionRegistry;
  clock: Clock;
  log: Logger;
  timeZone: string;
  settings: CrmSettings;
  admins: readonly string[];
  directory?: UserDirectory;
  externalContacts?: ExternalContactApi;
  /** A language model for free text (OPENAI_*); without it the offline engine reads it. */
  llm?: LlmSettings;
  /** The language model's HTTP client (tests). */
  llmFetch?: typeof fetch;
  /** Free text's and the model's figures (/metrics): the registry, or the processor thread's port to it. */
  metrics?: FigureSink;
  /** Free text still being read after this long tells its sender 「正在理解…」 (default 3 s; tests shorten it). */
  understandingNoticeMs?: number;
  /** The 「正在理解…」 notice was queued: send it now. */
  wakeOutbox?: () => void;
}

export function createBotRouter(o: RouterDeps): BotRouter {
  const unknown = o.settings.freeText.autoApply.filter((name) => o.registry.byName(name)?.effect !== "write");
  if (unknown.length) throw new Error(`freeText.autoApply: "${unknown[0]}" is not a write action (see docs/crm.example.yaml)`);
  return new BotRouter({
    registry: o.registry,
    clock: o.clock,
    timeZone: o.timeZone,
    settings: o.settings,
    admins: o.admins,
    directory: o.directory,
    externalContacts: o.externalContacts,
    engine: o.llm ? modelEngine(o.llm, o) : undefined,
    log: o.log,
    metrics: o.metrics,
    understandingNoticeMs: o.understandingNoticeMs,
    wakeOutbox: o.wakeOutbox,
  });
}

function modelEngine(llm: LlmSettings, o: RouterDeps): NluEngine {
  const stages = o.settings.opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
  const observe = llmObserver(o.log.child({ component: "llm" }), o.metrics ?? { record: () => {} });
  const engine = llmEngine(llm, { registry: o.registry, stages, clock: o.clock, observe, ...(o.llmFetch ? { fetch: o.llmFetch } : {}) });
  o.log.info({ engine: engine.name }, "free text is read by a language model");
  return engine;
}
