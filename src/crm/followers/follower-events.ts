// What the Official Account's followers do, inside the event's transaction: a follow (or a
// QR scan) becomes a lead from 公众号 with its campaign, assigned and announced to its rep;
// an unfollow is recorded; a message reaches the rep who owns the follower as a card (a
// stranger's first message makes them a lead). A follower's text is data: it is shown to
// the rep, never read as a command or handed to a language model.
import { activeAdmins } from "../../auth/admins.ts";
import type { User } from "../../auth/users.ts";
import type { Clock } from "../../clock.ts";
import { customerCard, dayText } from "../customers/index.ts";
import { formatWhen } from "../../time/when.ts";
import { ticketContext, MAX_TICKET_TITLE, openTicket, answerSurvey, ticketKeywordOf } from "../service/index.ts";
import { customerOf, displayNameOf, findFollower, MP, followerLead, ownerOf, refOf, refollow, touchInbound, unfollow, type Follower } from "./followers.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { HandlerContext } from "../../inbox/event-handler.ts";
import type { InboundEvent } from "../../inbox/inbound-event.ts";
import { zhFollowers } from "./messages.ts";
import { enqueue } from "../../outbox/outbox.ts";
import { card, text, type Reply } from "../../render/reply.ts";
import { clipText as clip } from "../../util/clip-text.ts";

export interface FollowerEventOptions {
  clock: Clock;
  timeZone: string;
  settings: CrmSettings;
  admins: readonly string[];
  /** The channel staff are told in. */
  staffChannel: string;
}

type Outgoing = { channel: string; recipient: string; reply: Reply };


export class FollowerEvents {
  constructor(private readonly o: FollowerEventOptions) {}

  async handle(event: InboundEvent, ctx: HandlerContext): Promise<"done" | "ignored"> {
    const now = this.o.clock.now();
    const out: Outgoing[] = [];
    const follower = await findFollower(ctx.tx, event.sender);
    if (event.type === "subscribe") {
      if (!event.subscribed) {
        if (!follower) return "ignored";
        await unfollow(ctx.tx, follower, now);
      } else if (follower) {
        await refollow(ctx.tx, follower, event.scene, now);
      } else {
        const made = await followerLead(ctx.tx, event.sender, { campaign: event.scene }, now, this.o.settings);
        out.push(...(await this.announce(ctx, made.owner, made.lead.code, made.lead.name, event.scene ?? null)));
      }
    } else if (event.type === "text") {
      out.push(...(await this.message(event.sender, event.text, follower, ctx)));
    } else {
      return "ignored";
    }
    await enqueue(ctx.tx, out.map((m, i) => ({ ...m, dedupeKey: `follower:${ctx.eventId}:${i}`, causeEventId: ctx.eventId })), now);
    return "done";
  }

  private async announce(ctx: HandlerContext, owner: User | null, code: number, name: string, campaign: string | null): Promise<Outgoing[]> {
    if (owner) return [this.toStaff(owner.wecomUserId, text(zhFollowers.followerNewLead(code, name, campaign)))];
    return this.toAdmins(ctx, text(zhFollowers.followerUnassigned(code, name)));
  }

  private async toAdmins(ctx: HandlerContext, reply: Reply): Promise<Outgoing[]> {
    return (await activeAdmins(ctx.tx, this.o.admins)).map((a) => this.toStaff(a.wecomUserId, reply));
  }

  private async message(openid: string, content: string, known: Follower | null, ctx: HandlerContext): Promise<Outgoing[]> {
    const now = this.o.clock.now();
    let follower = known;
    const out: Outgoing[] = [];
    if (follower) await touchInbound(ctx.tx, follower, now);
    else {
      const made = await followerLead(ctx.tx, openid, { note: content }, now, this.o.settings);
      follower = made.follower;
      out.push(...(await this.announce(ctx, made.owner, made.lead.code, made.lead.name, null)));
    }
    const tickets = ticketContext({
      tx: ctx.tx,
      now,
      settings: this.o.settings,
      timeZone: this.o.timeZone,
      notify: (user, reply) => out.push(this.toStaff(user.wecomUserId, reply)),
      sendTo: (channel, recipient, reply) => out.push({ channel, recipient, reply }),
    });
    // A survey waiting for this follower takes the answer; a service keyword opens a ticket
    // (its assignee is told, the follower gets its number); the owner sees the message either way.
    const thanks = await answerSurvey(tickets, follower.id, content);
    if (thanks !== null) return [...out, { channel: MP, recipient: openid, reply: text(thanks) }];
    if (ticketKeywordOf(content, this.o.settings)) {
      await openTicket(tickets, { customerId: customerOf(follower)?.id, identityId: follower.id, title: clip(content, MAX_TICKET_TITLE), source: "customer" });
    }
    const owner = ownerOf(follower);
    const ref = refOf(follower);
    if (!owner) {
      out.push(...(await this.toAdmins(ctx, text(zhFollowers.followerOrphanMessage(displayNameOf(follower), ref, clip(content, 500))))));
      return out;
    }
    out.push(
      this.toStaff(
        owner.wecomUserId,
        card({
          taskId: `mp-${ctx.eventId}`,
          title: zhFollowers.followerMessageTitle(displayNameOf(follower)),
          description: zhFollowers.followerMessageHint(ref),
          fields: await this.summary(ctx, follower, owner, now),
          quote: clip(content, 200),
        }),
      ),
    );
    return out;
  }

  /** The 360° view in a card's six fields: who, level, last follow-up, open deals, next reminder, campaign. */
  private async summary(ctx: HandlerContext, f: Follower, owner: User, now: Date): Promise<Array<{ label: string; value: string }>> {
    const tz = this.o.timeZone;
    const customer = customerOf(f);
    const fields: Array<{ label: string; value: string }> = [];
    if (customer) {
      const c = await customerCard(ctx.tx, owner, customer.id, now, tz);
      fields.push({ label: zhFollowers.followerCardCustomer, value: clip(`${customer.name}（客户#${customer.code}）${customer.level ? ` · ${customer.level}` : ""}`, 64) });
      const last = c.followUps[0];
      if (last) fields.push({ label: zhFollowers.followerCardLastFollowUp, value: clip(`${dayText(last.at, tz)} ${last.content}`, 64) });
      if (c.opportunities.length) fields.push({ label: zhFollowers.followerCardDeals, value: clip(c.opportunities.map((o) => `#${o.code} ${o.stage}`).join("，"), 64) });
      if (c.nextReminder) fields.push({ label: zhFollowers.followerCardReminder, value: clip(`${formatWhen(c.nextReminder.dueAt, tz)} ${c.nextReminder.content}`, 64) });
    } else if (f.lead) {
      fields.push({ label: zhFollowers.followerCardLead, value: clip(`${f.lead.name}（线索#${f.lead.code}）· ${f.lead.grade} 级 ${f.lead.score} 分`, 64) });
    }
    if (f.campaign) fields.push({ label: zhFollowers.followerCardCampaign, value: clip(f.campaign, 64) });
    return fields.slice(0, 6);
  }

  private toStaff(recipient: string, reply: Reply): Outgoing {
    return { channel: this.o.staffChannel, recipient, reply };
  }
}
