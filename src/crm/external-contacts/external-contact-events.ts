// WeCom's system events about customers and colleagues, from sender "sys":
// change_external_contact (客户联系) — a customer adds a rep (add / add_half), their profile
// changes (edit), the customer deletes the rep (del_follow_user: the rep's manager is told),
// the rep deletes the customer (del_external_contact), a transfer fails (transfer_fail) —
// and change_contact delete_user (a rep left WeCom: their book is handed over).
// The profile (externalcontact/get) is fetched in `prepare`, before the transaction. When it
// cannot be read, what the event says is stored and a durable job reads the profile later.
// The welcome message goes after the commit, unawaited: WeCom's code lasts about 20 s.
import { activeAdmins } from "../../auth/admins.ts";
import { ensureUser, type User } from "../../auth/users.ts";
import { WecomApiError } from "../../channels/wecom/api-client.ts";
import type { ExternalContactApi, ExternalContactProfile } from "../../channels/wecom/external-contact-api.ts";
import type { Clock } from "../../clock.ts";
import type { Tx } from "../../db/tx.ts";
import { recordExternalContactAdded, recordPendingIdentity, recordRelationEnded } from "./external-contacts.ts";
import { recordTransferFailed } from "./external-transfer.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { HandlerContext } from "../../inbox/event-handler.ts";
import type { InboundEvent } from "../../inbox/inbound-event.ts";
import { zhExternal } from "./messages.ts";
import { zh } from "../../messages/zh.ts";
import { enqueue } from "../../outbox/outbox.ts";
import { text } from "../../render/reply.ts";
import { scheduleJob } from "../../scheduler/jobs.ts";
import { addedNotices, factsFromProfile, type Notice } from "./external-contact-notices.ts";
import { EXTERNAL_CONTACT_SYNC_JOB, syncProfile } from "./external-contact-sync.ts";
import { NOTIFY_CHANNEL } from "../../bot/router-keys.ts";

type ExternalEvent = Extract<InboundEvent, { type: "external_contact_change" }>;
type DirectoryEvent = Extract<InboundEvent, { type: "contact_change" }>;
/** An external-contact event naming both the rep and the customer. */
type Subject = ExternalEvent & { userId: string; externalUserId: string };

/** What prepare found: the profile, or why it could not be read. */
export type ExternalContactPrepared = { kind: "external_contact"; profile: ExternalContactProfile } | { kind: "external_contact"; failed: string };

const isPrepared = (p: unknown): p is ExternalContactPrepared => typeof p === "object" && p !== null && "kind" in p && p.kind === "external_contact";

/** Events whose profile is read first. */
const FETCHED = new Set(["add_external_contact", "add_half_external_contact", "edit_external_contact"]);
/** How long WeCom's WelcomeCode is good for. */
const WELCOME_VALID_MS = 20_000;
/** A profile that could not be read is tried again after this long (then with the scheduler's backoff). */
const SYNC_DELAY_MS = 60_000;

export interface ExternalContactEventOptions {
  api?: ExternalContactApi;
  clock: Clock;
  settings: CrmSettings;
  admins: readonly string[];
  /** A member removed from the WeCom directory (the team domain hands a rep over): who is told
   * what, or null when they never used the CRM. Given by the assembly point. */
  memberRemoved: (tx: Tx, wecomUserId: string, now: Date, settings: CrmSettings) => Promise<Notice[] | null>;
}

export class ExternalContactEvents {
  constructor(private readonly o: ExternalContactEventOptions) {}

  handles(event: InboundEvent): event is ExternalEvent | DirectoryEvent {
    return event.channel === "wecom" && (event.type === "external_contact_change" || event.type === "contact_change");
  }

  async prepare(event: InboundEvent): Promise<ExternalContactPrepared | undefined> {
    if (event.type !== "external_contact_change" || !FETCHED.has(event.changeType) || !event.externalUserId || !this.o.api) return undefined;
    try {
      return { kind: "external_contact", profile: await this.o.api.profile(event.externalUserId) };
    } catch (e) {
      return { kind: "external_contact", failed: e instanceof WecomApiError ? e.code : (e as Error).message.slice(0, 100) };
    }
  }

  async handle(event: ExternalEvent | DirectoryEvent, ctx: HandlerContext<unknown>): Promise<"done" | "ignored"> {
    if (event.type === "contact_change") return this.directoryChanged(event, ctx);
    const { userId, externalUserId } = event;
    if (!userId || !externalUserId) return "ignored";
    const e = { ...event, userId, externalUserId };
    switch (event.changeType) {
      case "add_external_contact":
      case "add_half_external_contact":
      case "edit_external_contact":
        return this.profileChanged(e, ctx);
      case "del_follow_user":
      case "del_external_contact":
        return this.relationEnded(e, ctx);
      case "transfer_fail":
        return this.transferFailed(e, ctx);
      default:
        return "ignored";
    }
  }

  /** delete_user: a rep left WeCom (a member who never used the CRM: nothing to do). */
  private async directoryChanged(event: DirectoryEvent, ctx: HandlerContext<unknown>): Promise<"done" | "ignored"> {
    if (event.changeType !== "delete_user" || !event.userId) return "ignored";
    const notices = await this.o.memberRemoved(ctx.tx, event.userId, this.o.clock.now(), this.o.settings);
    if (!notices) return "ignored";
    await this.send(ctx, notices);
    return "done";
  }

  /** add / add_half / edit: recorded from the profile, or stored and read again later. */
  private async profileChanged(e: Subject, ctx: HandlerContext<unknown>): Promise<"done"> {
    const now = this.o.clock.now();
    const rep = await ensureUser(ctx.tx, e.userId, this.o.admins);
    const adding = e.changeType !== "edit_external_contact";
    if (adding) this.welcomeAfterCommit(e, ctx);
    const prepared = isPrepared(ctx.prepared) ? ctx.prepared : undefined;
    if (!prepared || !("profile" in prepared)) {
      ctx.log.warn({ externalUserId: e.externalUserId, error: prepared?.failed }, "external contact: profile unreadable; stored, to be read again later");
      if (adding) await recordPendingIdentity(ctx.tx, e.externalUserId, rep, e.state, now);
      const payload = { externalUserId: e.externalUserId, followUserId: e.userId, ...(e.state ? { state: e.state } : {}) };
      const dueAt = new Date(now.getTime() + SYNC_DELAY_MS);
      await scheduleJob(ctx.tx, { kind: EXTERNAL_CONTACT_SYNC_JOB, dueAt, uniqueKey: `${EXTERNAL_CONTACT_SYNC_JOB}:${ctx.eventId}`, payload }, now);
      return "done";
    }
    const facts = factsFromProfile(prepared.profile, e.userId, e.state);
    const notices = adding ? addedNotices(rep, await recordExternalContactAdded(ctx.tx, rep, facts, now), facts) : await syncProfile(ctx.tx, rep, facts, now);
    await this.send(ctx, notices);
    return "done";
  }

  /** del_follow_user tells the rep's manager; del_external_contact is only recorded. */
  private async relationEnded(e: Subject, ctx: HandlerContext<unknown>): Promise<"done"> {
    const rep = await ensureUser(ctx.tx, e.userId, this.o.admins);
    const byCustomer = e.changeType === "del_follow_user";
    const contact = await recordRelationEnded(ctx.tx, rep, e.externalUserId, byCustomer ? "customer_deleted_rep" : "rep_deleted_customer", this.o.clock.now());
    if (byCustomer) {
      const line = zhExternal.externalDeletedRep(zh.whoName(rep.name, rep.wecomUserId), contact?.name ?? null, contact?.customer.code ?? null, contact?.customer.name ?? null);
      await this.send(ctx, (await this.managerOrAdmins(ctx, rep)).map((user) => ({ user, text: line })));
    }
    return "done";
  }

  /** transfer_fail (UserID: the takeover): they and the admins hear why. */
  private async transferFailed(e: Subject, ctx: HandlerContext<unknown>): Promise<"done"> {
    const takeover = await ctx.tx.user.findUnique({ where: { wecomUserId: e.userId } });
    const reason = e.failReason ?? "unknown";
    const name = await recordTransferFailed(ctx.tx, e.userId, e.externalUserId, reason, this.o.clock.now());
    const line = zhExternal.externalTransferFailed(name, takeover ? zh.whoName(takeover.name, e.userId) : e.userId, reason);
    const admins = (await activeAdmins(ctx.tx, this.o.admins)).filter((a) => a.id !== takeover?.id);
    await this.send(ctx, [...(takeover ? [takeover] : []), ...admins].map((user) => ({ user, text: line })));
    return "done";
  }

  /** The rep's active manager, or the admins when there is none. */
  private async managerOrAdmins(ctx: HandlerContext<unknown>, rep: User): Promise<User[]> {
    const manager = rep.managerId ? await ctx.tx.user.findFirst({ where: { id: rep.managerId, active: true } }) : null;
    return manager ? [manager] : activeAdmins(ctx.tx, this.o.admins);
  }

  /** The configured welcome, once the customer is recorded; never awaited by the event. */
  private welcomeAfterCommit(event: Subject, ctx: HandlerContext<unknown>): void {
    const api = this.o.api;
    const content = this.o.settings.externalContacts.welcomeText.trim();
    const code = event.welcomeCode;
    if (!api || !content || !code) return;
    if (this.o.clock.now().getTime() - event.createTime * 1000 > WELCOME_VALID_MS) {
      ctx.log.info({ externalUserId: event.externalUserId }, "external contact: welcome code already expired; no welcome sent");
      return;
    }
    ctx.afterCommit(async () => {
      await api.sendWelcome(code, content);
      ctx.log.info({ externalUserId: event.externalUserId }, "external contact: welcome sent");
    });
  }

  private async send(ctx: HandlerContext<unknown>, notices: Notice[]): Promise<void> {
    const messages = notices
      .filter((n) => n.user.active)
      .map((n, i) => ({ channel: NOTIFY_CHANNEL, recipient: n.user.wecomUserId, reply: text(n.text), dedupeKey: `xc:${ctx.eventId}:${i}`, causeEventId: ctx.eventId }));
    await enqueue(ctx.tx, messages, this.o.clock.now());
  }
}
