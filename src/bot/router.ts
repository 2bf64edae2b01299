// Turns a stored inbound event into replies: resolves the user, parses the command (or a
// card button), checks permission, runs the action. Runs inside the worker's transaction,
// so the change, the replies and "event done" commit together.
import { randomBytes } from "node:crypto";
import type { ActionContext, ActionDef } from "../actions/action.ts";
import type { ActionRegistry } from "../actions/registry.ts";
import { ensureUser, type User } from "../auth/users.ts";
import type { Clock } from "../clock.ts";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import type { EventHandler, FailureReason, HandlerContext } from "../inbox/event-handler.ts";
import { activeAdmins } from "../auth/admins.ts";
import { clipText as clip } from "../util/clip-text.ts";
import type { InboundEvent } from "../inbox/inbound-event.ts";
import { zh } from "../messages/zh.ts";
import { enqueue } from "../outbox/outbox.ts";
import { text, type CardClick, type Reply } from "../render/reply.ts";
import type { Prisma } from "../db/database.ts";
import type { NluEngine } from "../nlu/engine.ts";
import { offlineEngine } from "../nlu/offline/offline-engine.ts";
import { parseCommand } from "./command-parser.ts";
import { FreeTextFlow, type Turn, type Understanding } from "./conversation/free-text-flow.ts";
import { numberedChoice } from "./conversation/conversation-store.ts";
import { COMMAND_KEY_PREFIX, NOTIFY_CHANNEL } from "./router-keys.ts";
import { externalContactEvents, FollowerEvents, type ExternalContactEvents, type ExternalContactPrepared } from "../crm/assembly.ts";
import type { ExternalContactApi } from "../channels/wecom/external-contact-api.ts";
import type { FigureSink } from "../http/metrics.ts";
import type { Logger } from "../log.ts";
import { FREE_TEXT_CHANNELS, UNDERSTANDING_NOTICE_MS, understandEvent } from "./understand.ts";

export { COMMAND_KEY_PREFIX, NOTIFY_CHANNEL };

export interface UserDirectory {
  /** Display name of a channel user, or null when unknown (best effort, may be slow). */
  displayName(userId: string): Promise<string | null>;
}

export interface BotOptions {
  registry: ActionRegistry;
  clock: Clock;
  timeZone: string;
  settings: CrmSettings;
  admins: readonly string[];
  directory?: UserDirectory;
  /** Reads free text; the offline engine when no language model is configured. */
  engine?: NluEngine;
  /** WeCom 客户联系 APIs (external contacts); absent without WeCom. */
  externalContacts?: ExternalContactApi;
  log?: Logger;
  /** Where free text's figures go (wecrm_free_text_total). */
  metrics?: FigureSink;
  /** Free text still being read after this long tells its sender 「正在理解…」 (default UNDERSTANDING_NOTICE_MS; tests shorten it). */
  understandingNoticeMs?: number;
  /** Something was queued outside an event's transaction (the notice): send it now, not at the next poll. */
  wakeOutbox?: () => void;
}

/** The card behind a button press; the click time (WeCom's CreateTime) starts the response code's clock. */
export function cardClickOf(event: InboundEvent): CardClick | undefined {
  if (event.type !== "card_action") return undefined;
  return { taskId: event.taskId, responseCode: event.responseCode, clickedAt: new Date(event.createTime * 1000) };
}

/** What prepare works out before an event's transaction. */
export type RouterPrepared = Understanding | ExternalContactPrepared;

export class BotRouter implements EventHandler<RouterPrepared> {
  /** Users whose name this process already asked for: one user/get each, not one per message. */
  private readonly nameAsked = new Set<string>();
  private readonly freeText: FreeTextFlow;
  private readonly followers: FollowerEvents;
  private readonly externalContacts: ExternalContactEvents;
  /** Messages an event's actions sent so far (their outbox keys must differ). */
  private readonly sentCount = new WeakMap<HandlerContext<Understanding>, number>();

  constructor(private readonly o: BotOptions) {
    this.freeText = new FreeTextFlow({ registry: o.registry, settings: o.settings, timeZone: o.timeZone });
    this.followers = new FollowerEvents({ clock: o.clock, timeZone: o.timeZone, settings: o.settings, admins: o.admins, staffChannel: NOTIFY_CHANNEL });
    this.externalContacts = externalContactEvents({ api: o.externalContacts, clock: o.clock, settings: o.settings, admins: o.admins });
  }

  prepare(event: InboundEvent, db: Prisma, eventId: bigint): Promise<RouterPrepared | undefined> {
    // WeCom external contacts: the customer's profile is read before the transaction.
    if (this.externalContacts.handles(event)) return this.externalContacts.prepare(event);
    const o = this.o;
    const slow = { afterMs: o.understandingNoticeMs ?? UNDERSTANDING_NOTICE_MS, send: () => this.understandingNotice(event, eventId, db) };
    return understandEvent({ registry: o.registry, engine: o.engine ?? offlineEngine, clock: o.clock, timeZone: o.timeZone, log: o.log, metrics: o.metrics, slow }, event, db);
  }

  /** 「正在理解…」 while the model still thinks: committed on its own, at once, under a key of
   * its own (one per event, retries included; the reply's keys cannot swallow it). */
  private async understandingNotice(event: InboundEvent, eventId: bigint, db: Prisma): Promise<void> {
    const notice = { channel: event.channel, recipient: event.sender, reply: text(zh.understanding), dedupeKey: `understanding:${eventId}`, causeEventId: eventId };
    const queued = await db.$transaction((tx) => enqueue(tx, [notice], this.o.clock.now()));
    if (queued) this.o.wakeOutbox?.();
  }

  async handle(event: InboundEvent, context: HandlerContext<RouterPrepared>): Promise<"done" | "ignored"> {
    // WeCom external contacts (客户联系) and directory changes: system events, never commands.
    if (this.externalContacts.handles(event)) return this.externalContacts.handle(event, context);
    const ctx = { ...context, prepared: context.prepared?.kind === "external_contact" ? undefined : context.prepared };
    // Customers, not staff: their events are CRM data, never commands.
    if (event.channel === "mp") return this.followers.handle(event, ctx);
    const commandText = this.commandTextOf(event);
    if (commandText === null && event.type !== "unsupported_message") return "ignored";
    const actor = await ensureUser(ctx.tx, event.sender, this.o.admins);
    if (!actor.active) {
      await this.reply(event, ctx, [text(zh.userInactive)]);
      return "done";
    }
    this.refreshNameLater(actor, ctx);
    const replies =
      commandText === null
        ? [text(zh.unsupportedMessage)]
        : await this.runCommand(commandText, actor, ctx, cardClickOf(event), FREE_TEXT_CHANNELS.has(event.channel));
    await this.reply(event, ctx, replies);
    return "done";
  }

  /** A message set aside after its last attempt: its sender (staff, not a follower) and the
   * admins are told, once each (the outbox keys carry the event's id). */
  async giveUp(event: InboundEvent, ctx: HandlerContext, reason: FailureReason): Promise<void> {
    const now = this.o.clock.now();
    const commandText = this.commandTextOf(event);
    // its own key: an attempt that committed a reply before failing must not swallow this notice
    if (event.channel !== "mp" && commandText !== null) {
      await enqueue(ctx.tx, [{ channel: event.channel, recipient: event.sender, reply: text(zh.messageDead), dedupeKey: `inbox-dead:${ctx.eventId}:sender`, causeEventId: ctx.eventId }], now);
    }
    const admins = (await activeAdmins(ctx.tx, this.o.admins)).map((u) => u.wecomUserId);
    const what = clip(commandText ?? event.type, 60);
    const notice = text(zh.messageDeadAdmin(`${event.sender}（${event.channel}）`, what, zh.deadReasons[reason] ?? reason, `inbox-${ctx.eventId}`));
    await enqueue(
      ctx.tx,
      admins.map((id) => ({ channel: NOTIFY_CHANNEL, recipient: id, reply: notice, dedupeKey: `inbox-dead:${ctx.eventId}:${id}` })),
      now,
    );
  }

  private commandTextOf(event: InboundEvent): string | null {
    if (event.type === "text") return event.text;
    if ((event.type === "card_action" || event.type === "menu_click") && event.key.startsWith(COMMAND_KEY_PREFIX)) {
      return event.key.slice(COMMAND_KEY_PREFIX.length);
    }
    return null;
  }

  private async runCommand(input: string, actor: User, ctx: HandlerContext<Understanding>, card: CardClick | undefined, freeText: boolean): Promise<Reply[]> {
    const turn: Turn = { tx: ctx.tx, actor, now: this.o.clock.now(), card, execute: (def, params) => this.execute(def, params, actor, ctx, card) };
    if (freeText) {
      const answer = await this.freeText.answer(input, turn, ctx.prepared);
      if (answer) return answer;
    }
    // A bare number after a numbered list (search results) opens that entry.
    const n = /^\s*(\d{1,2})\s*$/.exec(input.normalize("NFKC"))?.[1];
    const chosen = n ? await numberedChoice(ctx.tx, actor.wecomUserId, Number(n)) : null;
    const parsed = parseCommand(this.o.registry, chosen ?? input);
    switch (parsed.kind) {
      case "empty":
        return [text(zh.emptyMessage)];
      case "unknown":
        if (freeText && ctx.prepared) {
          const understood = ctx.prepared.kind === "proposals" && ctx.prepared.proposals.length > 0;
          // Words and arguments that nothing understood ("xinjian 张三") are most likely a
          // mistyped command: naming the word helps more than examples of sentences.
          if (understood || !/\s/.test(input.trim())) return this.freeText.understand(input, turn, ctx.prepared);
        }
        return [text(zh.unknownCommand(parsed.word.slice(0, 20)))];
      case "invalid":
        return [text(parsed.message)];
      case "call":
        return this.execute(parsed.action, parsed.params, actor, ctx, card);
    }
  }

  private async execute(action: ActionDef, params: unknown, actor: User, ctx: HandlerContext<Understanding>, card: CardClick | undefined): Promise<Reply[]> {
    if (!action.roles.includes(actor.role)) return [text(zh.notAllowed(action.command))];
    const outgoing: Array<{ channel: string; recipient: string; reply: Reply }> = [];
    const actionCtx: ActionContext = {
      tx: ctx.tx,
      actor,
      now: this.o.clock.now(),
      timeZone: this.o.timeZone,
      settings: this.o.settings,
      admins: this.o.admins,
      newId: () => randomBytes(6).toString("hex"),
      notify: (user, reply) => outgoing.push({ channel: NOTIFY_CHANNEL, recipient: user.wecomUserId, reply }),
      sendTo: (channel, recipient, reply) => outgoing.push({ channel, recipient, reply }),
      card,
    };
    ctx.log.info({ action: action.name, actor: actor.wecomUserId }, "running action");
    const replies = await action.run(actionCtx, params);
    // One event may run several actions (a confirmed free-text plan): number across them.
    const sent = this.sentCount.get(ctx) ?? 0;
    this.sentCount.set(ctx, sent + outgoing.length);
    await enqueue(
      ctx.tx,
      outgoing.map((m, i) => ({ ...m, dedupeKey: `notify:${ctx.eventId}:${sent + i}`, causeEventId: ctx.eventId })),
      this.o.clock.now(),
    );
    return replies;
  }

  private async reply(event: InboundEvent, ctx: HandlerContext, replies: Reply[]): Promise<void> {
    await enqueue(
      ctx.tx,
      replies.map((reply, i) => ({
        channel: event.channel,
        recipient: event.sender,
        reply,
        dedupeKey: `reply:${ctx.eventId}:${i}`,
        causeEventId: ctx.eventId,
      })),
      this.o.clock.now(),
    );
  }

  private refreshNameLater(user: User, ctx: HandlerContext): void {
    const directory = this.o.directory;
    if (user.name || !directory || this.nameAsked.has(user.wecomUserId)) return;
    this.nameAsked.add(user.wecomUserId);
    ctx.afterCommit(async (db) => {
      const name = await directory.displayName(user.wecomUserId);
      if (name) await db.user.updateMany({ where: { id: user.id, name: null }, data: { name } });
    });
  }
}
