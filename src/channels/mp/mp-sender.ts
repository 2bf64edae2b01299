// Delivers replies to Official Account followers as customer-service text messages
// (message/custom/send). A card becomes its text; a file or a card update cannot reach a
// follower and is given up. WeChat's refusals (outside the 48-hour window, not following)
// are permanent, with WeChat's errcode: the outbox tells whoever tracks the message (回复
// tells the rep why, see crm/follower-reply-outcome.ts).
import { SendError, type ChannelSender, type SendReceipt } from "../../outbox/channel-sender.ts";
import type { Reply } from "../../render/reply.ts";
import type { MpApiClient } from "./mp-api-client.ts";
import { MpApiError } from "./mp-api-errors.ts";

/** A card as plain text: title, fields, quote (followers get no interactive cards). */
export function followerText(reply: Reply): string | null {
  if (reply.kind === "text" || reply.kind === "markdown") return reply.text;
  if (reply.kind !== "card") return null;
  const c = reply.card;
  return [c.title, c.description, ...c.fields.map((f) => `${f.label}：${f.value}`), c.quote].filter(Boolean).join("\n");
}

export class MpSender implements ChannelSender {
  readonly channel = "mp";

  constructor(private readonly api: MpApiClient) {}

  async send(openid: string, reply: Reply): Promise<SendReceipt> {
    const content = followerText(reply);
    if (content === null) throw new SendError("permanent", `${reply.kind} replies cannot be sent to an Official Account follower (staff-only content)`);
    try {
      await this.api.sendCustomText(openid, content);
    } catch (e) {
      throw e instanceof MpApiError ? new SendError(e.kind, e.message, undefined, e.code) : e;
    }
    return {};
  }
}
