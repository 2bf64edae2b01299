// The ticket service's context for chat actions and the REST API: staff are told through
// the caller's notify (WeCom); a customer on the Official Account gets an outbox message on
// channel "mp" to their openid, in the same transaction; a customer elsewhere (a WeCom
// external contact) is reached through the rep who owns them, asked to pass it on.
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { TicketContext } from "./ticket-context.ts";
import type { Tx } from "../../db/tx.ts";
import { zhTickets } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";

/** The Official Account's outbox channel (its sender delivers through custom/send). */
const MP_CHANNEL = "mp";

interface Base {
  tx: Tx;
  now: Date;
  settings: CrmSettings;
  timeZone: string;
  notify(user: User, reply: Reply): void;
  /** A message to a customer in their own channel, queued with the change. */
  sendTo(channel: "mp", recipient: string, reply: Reply): void;
}

/** A TicketContext whose tellCustomer writes to the outbox (mp) or asks the owner to pass it on. */
export function ticketContext(base: Base): TicketContext {
  return {
    tx: base.tx,
    now: base.now,
    settings: base.settings,
    timeZone: base.timeZone,
    notify: (user, reply) => base.notify(user, reply),
    async tellCustomer(identityId, message) {
      const identity = await base.tx.channelIdentity.findUnique({
        where: { id: identityId },
        include: { contact: { include: { customer: { include: { owner: true } } } }, lead: { include: { owner: true } } },
      });
      if (!identity) return;
      if (identity.channel === MP_CHANNEL) {
        base.sendTo(MP_CHANNEL, identity.externalId, text(message));
        return;
      }
      const customer = identity.contact?.customer;
      const owner = customer?.owner ?? identity.lead?.owner ?? (identity.followUserId ? await base.tx.user.findUnique({ where: { wecomUserId: identity.followUserId } }) : null);
      const name = customer?.name ?? identity.displayName ?? identity.lead?.name ?? identity.externalId;
      if (owner?.active) base.notify(owner, text(zhTickets.ticketPassOn(name, message)));
    },
  };
}

export const ticketContextOf = (ctx: ActionContext): TicketContext => ticketContext(ctx);
