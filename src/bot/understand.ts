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
import { UnderstandingError, type NluEngine } from "../nlu/engine.ts";
import { offlineEngine } from "../nlu/offline/offline-engine.ts";
import { parseCommand } from "./command-parser.ts";
import { CANCEL_WORDS, CONFIRM_WORDS, EDIT_PREFIX } from "./conversation/plan.ts";
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

export async function understandEvent(o: UnderstandOptions, event: InboundEvent, db: Prisma): Promise<Understanding | undefined> {
  if (event.type !== "text" || !FREE_TEXT_CHANNELS.has(event.channel) || !needsEngine(o.registry, event.text)) return undefined;
  const user = await db.user.findUnique({ where: { wecomUserId: event.sender } });
  const ctx = {
    now: o.clock.now(),
    timeZone: o.timeZone,
    role: user?.role ?? "rep",
    recentNames: user ? await recentNames(db, user.id) : [],
  };
  const input = event.text.trim().replace(EDIT_PREFIX, "");
  try {
    return { kind: "proposals", proposals: await o.engine.interpret(input, ctx) };
  } catch (e) {
    const reason = e instanceof UnderstandingError ? e.reason : "unavailable";
    o.log?.warn({ engine: o.engine.name, reason, err: (e as Error).message }, "free text: engine failed; trying the offline engine");
    const offline = o.engine === offlineEngine ? [] : await offlineEngine.interpret(input, ctx);
    return offline.length ? { kind: "proposals", proposals: offline } : { kind: "failed", reason };
  }
}
