// The local console as a channel: lines typed become inbound events, replies are printed.
// It runs the same inbox, router, actions and outbox as the WeCom webhook.
import { randomUUID } from "node:crypto";
import { zh } from "../../messages/zh.ts";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BotCore } from "../../bot/bot-core.ts";
import type { Clock } from "../../clock.ts";
import type { InboundEvent } from "../../inbox/inbound-event.ts";
import type { ChannelSender, SendReceipt } from "../../outbox/channel-sender.ts";
import { fileBytes, type CardSpec, type Reply } from "../../render/reply.ts";
import { renderForConsole } from "./console-render.ts";

export class ConsoleSender implements ChannelSender {
  /** The card with buttons each recipient saw last, while nothing came after it: typing its number presses one. */
  readonly lastCard = new Map<string, CardSpec>();

  /** On channel "console" it answers the person at the keyboard; on "wecom" (when WeCom is
   * not configured) it shows what other users would be told, so nothing waits unseen.
   * Files (exports) are saved under fileDir and their path printed. */
  constructor(
    private readonly print: (text: string) => void,
    readonly channel: "console" | "wecom" = "console",
    private readonly fileDir?: string,
  ) {}

  async send(recipient: string, reply: Reply): Promise<SendReceipt> {
    if (this.channel === "wecom") {
      this.print(`（通知 ${recipient}）${renderForConsole(reply)}`);
      return { platformId: randomUUID() };
    }
    // The most recent thing shown wins: a number presses a button only while its card is
    // the last message (a list shown after it means the number is about the list).
    if (reply.kind === "card" && reply.card.buttons.length) this.lastCard.set(recipient, reply.card);
    else if (reply.kind !== "card_update") this.lastCard.delete(recipient);
    if ((reply.kind === "file" || reply.kind === "image") && this.fileDir) {
      mkdirSync(this.fileDir, { recursive: true });
      const saved = freshPath(this.fileDir, reply.name);
      writeFileSync(saved, fileBytes(reply));
      this.print(zh.exportSavedTo(saved));
      return { platformId: randomUUID() };
    }
    this.print(renderForConsole(reply));
    return { platformId: randomUUID() };
  }
}

/** dir/name, or dir/name-2.ext, -3… when taken: a later picture (another person's 业绩 of the
 * same month) never overwrites an earlier one. */
function freshPath(dir: string, name: string): string {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  let candidate = path.join(dir, name);
  for (let n = 2; existsSync(candidate); n++) candidate = path.join(dir, `${base}-${n}${ext}`);
  return candidate;
}

export class ConsoleSession {
  constructor(
    private readonly core: BotCore,
    private readonly sender: ConsoleSender,
    private readonly userId: string,
    private readonly clock: Clock,
  ) {}

  /** Handles one typed line and waits until every reply it caused has been printed. */
  async submit(line: string): Promise<void> {
    const event = this.toEvent(line.trim());
    await this.core.inbox.accept(event);
    await this.core.drain();
  }

  private toEvent(line: string): InboundEvent {
    const base = {
      channel: "console" as const,
      deliveryKey: `console:${randomUUID()}`,
      sender: this.userId,
      createTime: Math.floor(this.clock.now().getTime() / 1000),
    };
    const card = this.sender.lastCard.get(this.userId);
    const n = /^\[?(\d)\]?$/.exec(line)?.[1];
    const button = card && n ? card.buttons[Number(n) - 1] : undefined;
    if (card && button) {
      this.sender.lastCard.delete(this.userId);
      // Like WeCom, a press brings a fresh one-use code, so card updates show here too.
      const responseCode = `console-${randomUUID()}`;
      return { ...base, type: "card_action", taskId: card.taskId, key: button.key, cardType: "button_interaction", responseCode };
    }
    return { ...base, type: "text", text: line };
  }
}
