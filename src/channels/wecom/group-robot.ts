// Team group robots (群机器人): a WeCom group's webhook, `POST <base>/cgi-bin/webhook/send?key=KEY`,
// takes text, markdown (≤ 4096 bytes) and images (base64 + md5, ≤ 2 MB), 20 messages a minute
// per robot. The outbox channel `group_robot` carries a team's messages: its recipient is the
// team's name, and the key is looked up in the CRM settings (reports.groupRobots) at send time,
// so a key is never stored in the outbox, and never appears in a log line or an error.
import { createHash } from "node:crypto";
import type { AxiosInstance } from "axios";
import type { Logger } from "../../log.ts";
import { SendError, type ChannelSender, type SendReceipt } from "../../outbox/channel-sender.ts";
import { fileBytes, splitUtf8, type Reply } from "../../render/reply.ts";
import { callJsonApi, WeixinApiError, type FailureKind } from "../weixin-api/json-api.ts";

export const GROUP_ROBOT_CHANNEL = "group_robot";
export const ROBOT_WEBHOOK_PATH = "/cgi-bin/webhook/send";
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;
export const ROBOT_TEXT_MAX_BYTES = 2048;
export const ROBOT_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
/** WeCom's limit per robot; the outbox paces each team's robot to it. */
export const ROBOT_PER_MINUTE = 20;
/** 45009: the robot's minute is used up. Not a failure: sent again once the minute has passed. */
const RATE_LIMITED = 45009;
const RATE_RETRY_MS = 60_000;

export class GroupRobotError extends WeixinApiError {}

const kindOf = (code: number): FailureKind => (code === RATE_LIMITED || code === -1 ? "retryable" : "permanent");

/** Text with every occurrence of the key replaced (errors can quote the URL they called). */
const redact = (text: string, key: string): string => text.split(key).join("***");

export class GroupRobotClient {
  constructor(private readonly http: AxiosInstance) {}

  text(key: string, content: string): Promise<void> {
    return this.each(key, splitUtf8(content, ROBOT_TEXT_MAX_BYTES), (part) => ({ msgtype: "text", text: { content: part } }));
  }

  /** Markdown longer than 4096 bytes goes as several messages, split between lines. */
  markdown(key: string, content: string): Promise<void> {
    return this.each(key, splitUtf8(content, ROBOT_MARKDOWN_MAX_BYTES), (part) => ({ msgtype: "markdown", markdown: { content: part } }));
  }

  /** A PNG or JPG of at most 2 MB, as base64 with the md5 of its bytes. */
  async image(key: string, bytes: Buffer): Promise<void> {
    if (bytes.length > ROBOT_IMAGE_MAX_BYTES) {
      throw new GroupRobotError("permanent", "image_too_large", `image of ${bytes.length} bytes is over the robot's 2 MB limit`);
    }
    await this.post(key, { msgtype: "image", image: { base64: bytes.toString("base64"), md5: createHash("md5").update(bytes).digest("hex") } });
  }

  private async each(key: string, parts: string[], body: (part: string) => Record<string, unknown>): Promise<void> {
    for (const part of parts) await this.post(key, body(part));
  }

  private async post(key: string, body: Record<string, unknown>): Promise<void> {
    try {
      await callJsonApi(this.http, { method: "POST", path: ROBOT_WEBHOOK_PATH, params: { key }, body }, kindOf, (kind, code, message) => new GroupRobotError(kind, code, message));
    } catch (e) {
      const err = e instanceof WeixinApiError ? e : new GroupRobotError("retryable", "network", String((e as Error).message));
      throw new GroupRobotError(err.kind, err.code, redact(err.message, key));
    }
  }
}

/** The outbox's `group_robot` channel: recipient = team name, key from reports.groupRobots. */
export class GroupRobotSender implements ChannelSender {
  readonly channel = GROUP_ROBOT_CHANNEL;
  readonly perRecipientPerMinute = ROBOT_PER_MINUTE;

  constructor(
    private readonly client: GroupRobotClient,
    /** Team name → webhook key. */
    private readonly robots: Readonly<Record<string, string>>,
    private readonly log: Logger,
  ) {}

  async send(team: string, reply: Reply): Promise<SendReceipt> {
    const key = Object.hasOwn(this.robots, team) ? this.robots[team] : undefined;
    if (!key) {
      this.log.error({ team }, "group robot: no webhook key for this team in reports.groupRobots; message dropped");
      throw new SendError("permanent", `no group robot configured for team "${team}" (reports.groupRobots)`);
    }
    try {
      if (reply.kind === "text") await this.client.text(key, reply.text);
      else if (reply.kind === "markdown") await this.client.markdown(key, reply.text);
      else if (reply.kind === "image") await this.client.image(key, fileBytes(reply));
      else throw new SendError("permanent", `a ${reply.kind} reply cannot be sent to a group robot`);
    } catch (e) {
      if (!(e instanceof GroupRobotError)) throw e;
      const rateLimited = e.code === String(RATE_LIMITED);
      if (rateLimited) this.log.warn({ team }, "group robot: WeCom says the robot's 20 messages a minute are used up; retrying in a minute");
      throw new SendError(e.kind, `group robot of team "${team}": ${e.message}`, rateLimited ? RATE_RETRY_MS : undefined, e.code);
    }
    return {};
  }
}
