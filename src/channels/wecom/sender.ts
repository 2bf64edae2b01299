// Delivers replies through message/send as text, markdown, template_card or file (the
// file uploaded first through media/upload), and card updates through
// message/update_template_card — or, when the card can no longer be updated, their
// fallback text through message/send.
import type { Clock } from "../../clock.ts";
import { fileBytes, type Reply } from "../../render/reply.ts";
import { SendError, type ChannelSender, type SendReceipt } from "../../outbox/channel-sender.ts";
import { SPENT_RESPONSE_CODE_ERRORS, WecomApiError, type WecomApiClient } from "./api-client.ts";
import { renderTemplateCard } from "./card-renderer.ts";

type MessageReply = Exclude<Reply, { kind: "card_update" }>;
type CardUpdateReply = Extract<Reply, { kind: "card_update" }>;

/** WeCom accepts a click's response_code for 72 hours (older documents say 24; a code
 * refused earlier than this is answered with 60140 and falls back the same way). */
export const RESPONSE_CODE_TTL_MS = 72 * 3_600_000;

/** WeCom's own duplicate check for text and markdown: an identical message to the same user
 * within this window is not delivered twice. It covers a send WeCom delivered but answered
 * after our client's timeout (retried seconds later) and a send cut by a crash (retried
 * after the 60 s lease); short, because a user may legitimately get the same answer again. */
export const DUPLICATE_CHECK_SECONDS = 180;

export class WecomSender implements ChannelSender {
  readonly channel = "wecom";

  constructor(
    private readonly api: WecomApiClient,
    private readonly agentId: number,
    private readonly clock: Clock,
  ) {}

  /** The message/send body; a file reply needs the media_id of its upload. */
  static body(agentId: number, recipient: string, reply: MessageReply, mediaId?: string): Record<string, unknown> {
    const base = { touser: recipient, agentid: agentId, enable_duplicate_check: 0 };
    const checked = { ...base, enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SECONDS };
    switch (reply.kind) {
      case "text":
        return { ...checked, msgtype: "text", text: { content: reply.text } };
      case "markdown":
        return { ...checked, msgtype: "markdown", markdown: { content: reply.text } };
      case "card":
        return { ...base, msgtype: "template_card", template_card: renderTemplateCard(reply.card) };
      case "file":
        return { ...base, msgtype: "file", file: { media_id: mediaId } };
      case "image":
        return { ...base, msgtype: "image", image: { media_id: mediaId } };
    }
  }

  /** The message/update_template_card body: the recipient's card, its buttons greyed out. */
  static updateBody(agentId: number, recipient: string, reply: CardUpdateReply): Record<string, unknown> {
    return { userids: [recipient], agentid: agentId, response_code: reply.responseCode, button: { replace_name: reply.replaceName } };
  }

  send(recipient: string, reply: Reply): Promise<SendReceipt> {
    return reply.kind === "card_update" ? this.updateCard(recipient, reply) : this.sendMessage(recipient, reply);
  }

  private async sendMessage(recipient: string, reply: MessageReply): Promise<SendReceipt> {
    let res: Record<string, unknown>;
    try {
      const mediaId = reply.kind === "file" || reply.kind === "image" ? await this.api.uploadMedia(reply.kind, reply.name, fileBytes(reply)) : undefined;
      res = await this.api.call("POST", "/cgi-bin/message/send", {}, WecomSender.body(this.agentId, recipient, reply, mediaId));
    } catch (e) {
      throw sendFailure(e);
    }
    if (listed(res["invaliduser"], recipient)) {
      throw new SendError("permanent", `recipient ${recipient} is invalid or not visible to the app`);
    }
    return {
      platformId: res["msgid"] === undefined ? undefined : String(res["msgid"]),
      responseCode: res["response_code"] === undefined ? undefined : String(res["response_code"]),
    };
  }

  /** Updates the card; a code too old, spent or refused sends the fallback text instead.
   * Outages and configuration errors stay what they are: retried, or the channel paused. */
  private async updateCard(recipient: string, reply: CardUpdateReply): Promise<SendReceipt> {
    const age = this.clock.now().getTime() - Date.parse(reply.clickedAt);
    if (age > RESPONSE_CODE_TTL_MS) return this.fallBack(recipient, reply, "response code older than 72 h");
    let res: Record<string, unknown>;
    try {
      res = await this.api.call("POST", "/cgi-bin/message/update_template_card", {}, WecomSender.updateBody(this.agentId, recipient, reply));
    } catch (e) {
      if (!(e instanceof WecomApiError) || e.kind !== "permanent") throw sendFailure(e);
      const why = SPENT_RESPONSE_CODE_ERRORS.has(Number(e.code)) ? "response code spent or expired" : "update refused";
      return this.fallBack(recipient, reply, `${why}: ${e.message}`);
    }
    if (listed(res["invaliduser"], recipient)) return this.fallBack(recipient, reply, `card of ${recipient} not updatable`);
    return {};
  }

  private async fallBack(recipient: string, reply: CardUpdateReply, why: string): Promise<SendReceipt> {
    const receipt = await this.sendMessage(recipient, { kind: "text", text: reply.fallbackText });
    return { ...receipt, fallback: why };
  }
}

/** An API failure as the outbox's SendError (retry, give up, or pause the channel). */
function sendFailure(e: unknown): unknown {
  return e instanceof WecomApiError ? new SendError(e.kind, e.message) : e;
}

/** Whether WeCom listed the recipient as invalid ("a|b" in message/send, an array in updates). */
function listed(invalid: unknown, recipient: string): boolean {
  const ids = Array.isArray(invalid) ? invalid.map(String) : String(invalid ?? "").split("|");
  return ids.some((u) => u !== "" && u.toLowerCase() === recipient.toLowerCase());
}
