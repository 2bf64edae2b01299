// Delivers replies through message/send as text, markdown, template_card or file (the
// file uploaded first through media/upload).
import type { Reply } from "../../render/reply.ts";
import { SendError, type ChannelSender, type SendReceipt } from "../../outbox/channel-sender.ts";
import { WecomApiError, type WecomApiClient } from "./api-client.ts";
import { renderTemplateCard } from "./card-renderer.ts";

export class WecomSender implements ChannelSender {
  readonly channel = "wecom";

  constructor(
    private readonly api: WecomApiClient,
    private readonly agentId: number,
  ) {}

  /** The message/send body; a file reply needs the media_id of its upload. */
  static body(agentId: number, recipient: string, reply: Reply, mediaId?: string): Record<string, unknown> {
    const base = { touser: recipient, agentid: agentId, enable_duplicate_check: 0 };
    switch (reply.kind) {
      case "text":
        return { ...base, msgtype: "text", text: { content: reply.text } };
      case "markdown":
        return { ...base, msgtype: "markdown", markdown: { content: reply.text } };
      case "card":
        return { ...base, msgtype: "template_card", template_card: renderTemplateCard(reply.card) };
      case "file":
        return { ...base, msgtype: "file", file: { media_id: mediaId } };
    }
  }

  async send(recipient: string, reply: Reply): Promise<SendReceipt> {
    let res: Record<string, unknown>;
    try {
      const mediaId = reply.kind === "file" ? await this.api.uploadMedia("file", reply.name, Buffer.from(reply.content)) : undefined;
      res = await this.api.call("POST", "/cgi-bin/message/send", {}, WecomSender.body(this.agentId, recipient, reply, mediaId));
    } catch (e) {
      if (e instanceof WecomApiError) throw new SendError(e.kind, e.message);
      throw e;
    }
    const invalid = String(res["invaliduser"] ?? "");
    if (invalid !== "" && invalid.split("|").some((u) => u.toLowerCase() === recipient.toLowerCase())) {
      throw new SendError("permanent", `recipient ${recipient} is invalid or not visible to the app`);
    }
    return {
      platformId: res["msgid"] === undefined ? undefined : String(res["msgid"]),
      responseCode: res["response_code"] === undefined ? undefined : String(res["response_code"]),
    };
  }
}
