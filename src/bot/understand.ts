// Reading a free-text message before its transaction (a model call may take seconds and
// must not hold the database): only employees' chat channels, only messages no command
// matched and that do not answer an open conversation. Context: the clock, the user's role
// and recent names. When the configured engine fails, the offline one is tried; the user
// hears about a failure only if that finds nothing either. Past a few seconds the sender is
// told it is being read (SlowNotice); each message counts once in wecrm_free_text_total.
import type { ActionRegistry } from "../actions/registry.ts";
import type { Clock } from "../clock.ts";
import { recentNames } from "../crm/assembly.ts";
import type { Prisma } from "../db/database.ts";
import type { FigureSink, FreeTextResult } from "../http/metrics.ts";
import type { InboundEvent } from "../inbox/inbound-event.ts";
import type { Logger } from "../log.ts";
import { UnderstandingError, type NluEngine, type UnderstandingContext } from "../nlu/engine.ts";
import { offlineEngine } from "../nlu/offline/offline-engine.ts";
import { parseCommand } from "./command-parser.ts";
import { loadConversation } from "./conversation/conversation-store.ts";
import { CANCEL_WORDS, CONFIRM_WORDS, CORRECTION, EDIT_PREFIX } from "./conversation/plan.ts";
import { paramLabel } from "./conversation/plan-render.ts";
import type { Understanding } from "./conversation/free-text-flow.ts";

/** Channels where employees write. Customers' channels (the Official Account) never reach
 * an action-taking engine: their text is data. */
export const FREE_TEXT_CHANNELS: ReadonlySet<string> = new Set(["wecom", "console"]);

/** Understanding longer than this tells the sender 「正在理解…」 (a model's answer usually
 * comes sooner; the budget, OPENAI_BUDGET_MS, is longer). */
export const UNDERSTANDING_NOTICE_MS = 3_000;

/** Said once when understanding a message is still running after `afterMs`. */
export interface SlowNotice {
  afterMs: number;
  /** Writes the notice (its own small transaction and dedupe key); awaited before the answer. */
  send(): Promise<void>;
}

export interface UnderstandOptions {
  registry: ActionRegistry;
  engine: NluEngine;
  clock: Clock;
  timeZone: string;
  log?: Logger;
  /** Where the message's wecrm_free_text_total figure goes. */
  metrics?: FigureSink;
  slow?: SlowNotice;
}

/** Conversation answers and commands need no engine. */
function needsEngine(registry: ActionRegistry, input: string): boolean {
  const word = input.normalize("NFKC").trim().toLowerCase();
  if (!word || /^\d{1,2}$/.test(word) || CONFIRM_WORDS.includes(word) || CANCEL_WORDS.includes(word)) return false;
  return parseCommand(registry, input).kind === "unknown";
}

/** The open plan this message corrects (修改 …, 不是52万是53万) or completes (the answer to
 * "还差「金额」"), for an engine that revises plans; undefined otherwise. */
async function openPlan(o: UnderstandOptions, db: Prisma, userId: string, input: string): Promise<UnderstandingContext["plan"]> {
  if (!o.engine.revisesPlans) return undefined;
  const convo = await loadConversation(db, userId, o.clock.now());
  if (!convo) return undefined;
  const steps = convo.state.steps.map((s) => ({ action: s.action, params: s.params }));
  const word = input.normalize("NFKC").trim();
  if (convo.state.kind === "confirm" && (EDIT_PREFIX.test(word) || CORRECTION.test(word))) return { steps };
  if (convo.state.kind !== "complete") return undefined;
  const def = o.registry.byName(convo.state.steps[convo.state.step]!.action);
  return { steps, asking: def ? paramLabel(def, convo.state.field) : convo.state.field };
}

export async function understandEvent(o: UnderstandOptions, event: InboundEvent, db: Prisma): Promise<Understanding | undefined> {
  if (event.type !== "text" || !FREE_TEXT_CHANNELS.has(event.channel) || !needsEngine(o.registry, event.text)) return undefined;
  const text = event.text;
  const user = await db.user.findUnique({ where: { wecomUserId: event.sender } });
  // A deactivated user is told so by the handler whatever they wrote: nothing to read.
  if (user && !user.active) return undefined;
  return withSlowNotice(o, async () => {
    const plan = user ? await openPlan(o, db, user.id, text) : undefined;
    const ctx: UnderstandingContext = {
      now: o.clock.now(),
      timeZone: o.timeZone,
      role: user?.role ?? "rep",
      recentNames: user ? await recentNames(db, user.id) : [],
      ...(plan ? { plan } : {}),
    };
    // With the plan the model reads 修改 … as what it is; alone, the words after it are the request.
    const input = plan ? text.trim() : text.trim().replace(EDIT_PREFIX, "");
    const { understanding, result } = await interpret(o, input, ctx);
    o.metrics?.record({ kind: "free_text", engine: engineKind(o.engine), result });
    return understanding.kind === "proposals" && plan && result === "proposals" ? { ...understanding, revisedPlan: true } : understanding;
  });
}

/** "llm", "offline": the engine's name without its model and prompt version (a label value). */
const engineKind = (engine: NluEngine): string => engine.name.split(/[\s(]/, 1)[0] || "unknown";

async function interpret(o: UnderstandOptions, input: string, ctx: UnderstandingContext): Promise<{ understanding: Understanding; result: FreeTextResult }> {
  try {
    const proposals = await o.engine.interpret(input, ctx);
    return { understanding: { kind: "proposals", proposals }, result: proposals.length ? "proposals" : "nothing" };
  } catch (e) {
    const reason = e instanceof UnderstandingError ? e.reason : "unavailable";
    o.log?.warn({ engine: o.engine.name, reason, err: (e as Error).message }, "free text: engine failed; trying the offline engine");
    const offline = o.engine === offlineEngine ? [] : await offlineEngine.interpret(input, ctx);
    return offline.length ? { understanding: { kind: "proposals", proposals: offline }, result: "fallback_offline" } : { understanding: { kind: "failed", reason }, result: "failed" };
  }
}

/** Runs `work`; still running after `slow.afterMs`, the notice is written at once (not after
 * the answer), and the answer waits for it to commit, so the notice always comes first. */
async function withSlowNotice<T>(o: UnderstandOptions, work: () => Promise<T>): Promise<T> {
  const slow = o.slow;
  if (!slow) return work();
  let sending: Promise<void> | undefined;
  const timer = setTimeout(() => {
    sending = slow.send().catch((e: unknown) => o.log?.warn({ err: (e as Error).message }, "free text: the understanding notice failed"));
  }, slow.afterMs);
  // the work keeps the process alive; this timer must not on its own
  timer.unref();
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    await sending;
  }
}
