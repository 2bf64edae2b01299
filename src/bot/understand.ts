// Reading a free-text message before its transaction (a model call may take seconds and
// must not hold the database): only employees' chat channels, only messages no command
// matched and that do not answer an open conversation. Context: the clock, the user's role
// and recent names. When the configured engine fails, the offline one is tried; the user
// hears about a failure only if that finds nothing either.
import type { ActionRegistry } from "../actions/registry.ts";
import type { Clock } from "../clock.ts";
import { recentNames } from "../crm/assembly.ts";
import type { Prisma } from "../db/database.ts";
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

export interface UnderstandOptions {
  registry: ActionRegistry;
  engine: NluEngine;
  clock: Clock;
  timeZone: string;
  log?: Logger;
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
  const user = await db.user.findUnique({ where: { wecomUserId: event.sender } });
  const plan = user ? await openPlan(o, db, user.id, event.text) : undefined;
  const ctx: UnderstandingContext = {
    now: o.clock.now(),
    timeZone: o.timeZone,
    role: user?.role ?? "rep",
    recentNames: user ? await recentNames(db, user.id) : [],
    ...(plan ? { plan } : {}),
  };
  // With the plan the model reads 修改 … as what it is; alone, the words after it are the request.
  const input = plan ? event.text.trim() : event.text.trim().replace(EDIT_PREFIX, "");
  try {
    return { kind: "proposals", proposals: await o.engine.interpret(input, ctx), ...(plan ? { revisedPlan: true } : {}) };
  } catch (e) {
    const reason = e instanceof UnderstandingError ? e.reason : "unavailable";
    o.log?.warn({ engine: o.engine.name, reason, err: (e as Error).message }, "free text: engine failed; trying the offline engine");
    const offline = o.engine === offlineEngine ? [] : await offlineEngine.interpret(input, ctx);
    return offline.length ? { kind: "proposals", proposals: offline } : { kind: "failed", reason };
  }
}
