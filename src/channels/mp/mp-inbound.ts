// Official Account message XML (already verified and decrypted) → MpInbound, validated by
// zod. `openid` is FromUserName (the follower's id in this account); `toUserName` is the
// account's original id (gh_…), the FromUserName of a passive reply.
import { z } from "zod";
import { field, parseCallbackXml, type XmlFields } from "../wecom/callback-xml.ts";

/** MsgId is 64-bit: kept as a string. */
const msgId = z.string().regex(/^\d{1,20}$/, "MsgId must be digits");

const common = {
  toUserName: z.string().min(1).max(128),
  openid: z.string().min(1).max(128),
  /** Seconds since epoch, as WeChat stamped it. */
  createTime: z.number().int().nonnegative(),
  /** Unique per delivery, the same on WeChat's retries: `msg:<MsgId>`, or for events (and
   * messages without MsgId) `evt:<openid>:<CreateTime>:<Event>[:<EventKey>]`. */
  deliveryKey: z.string().min(1).max(300),
};

export const mpInboundSchema = z.discriminatedUnion("type", [
  z.object({ ...common, type: z.literal("text"), msgId, content: z.string().max(8192) }),
  /** image, voice, video, shortvideo, location, link, and any other MsgType: kept, not read. */
  z.object({ ...common, type: z.literal("unsupported"), msgType: z.string().min(1).max(64), msgId: msgId.optional() }),
  /** A follow; from a parametric QR code: scene (EventKey without `qrscene_`) and Ticket. */
  z.object({ ...common, type: z.literal("subscribe"), scene: z.string().min(1).max(128).optional(), ticket: z.string().max(512).optional() }),
  /** A follower scanned a parametric QR code: EventKey is the scene, without prefix. */
  z.object({ ...common, type: z.literal("scan"), scene: z.string().min(1).max(128), ticket: z.string().max(512).optional() }),
  z.object({ ...common, type: z.literal("unsubscribe") }),
  /** A menu button: EventKey is the button's key. */
  z.object({ ...common, type: z.literal("click"), key: z.string().max(1024) }),
  /** A menu link: EventKey is the URL opened. */
  z.object({ ...common, type: z.literal("view"), url: z.string().max(2048) }),
  /** LOCATION, TEMPLATESENDJOBFINISH, …: kept, not acted on. */
  z.object({ ...common, type: z.literal("other_event"), event: z.string().min(1).max(64) }),
]);

export type MpInbound = z.infer<typeof mpInboundSchema>;
export type MpInboundType = MpInbound["type"];

export type MpParseResult = { ok: true; inbound: MpInbound } | { ok: false; reason: string };

const QR_PREFIX = "qrscene_";

/** The message XML → MpInbound; never throws. */
export function parseMpInbound(xml: string): MpParseResult {
  const fields = parseCallbackXml(xml);
  if (!fields) return { ok: false, reason: "message is not XML" };
  const msgType = field(fields, "MsgType");
  const openid = field(fields, "FromUserName");
  const toUserName = field(fields, "ToUserName");
  const createTimeText = field(fields, "CreateTime");
  if (!msgType || !openid || !toUserName || !createTimeText || !/^\d{1,12}$/.test(createTimeText)) {
    return { ok: false, reason: "missing MsgType, FromUserName, ToUserName or CreateTime" };
  }
  const createTime = Number(createTimeText);
  const base = { toUserName, openid, createTime, deliveryKey: deliveryKey(fields, openid, createTime, msgType) };
  const parsed = mpInboundSchema.safeParse(candidate(msgType, fields, base));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `invalid ${issue?.path.join(".") || "message"}: ${issue?.message}` };
  }
  return { ok: true, inbound: parsed.data };
}

function deliveryKey(f: XmlFields, openid: string, createTime: number, msgType: string): string {
  const id = field(f, "MsgId");
  if (id) return `msg:${id}`;
  const what = msgType === "event" ? [field(f, "Event"), field(f, "EventKey")].filter(Boolean).join(":") : msgType;
  return `evt:${openid}:${createTime}:${what || msgType}`.slice(0, 300);
}

type Base = { toUserName: string; openid: string; createTime: number; deliveryKey: string };

function candidate(msgType: string, f: XmlFields, base: Base): unknown {
  if (msgType === "text") return { ...base, type: "text", msgId: field(f, "MsgId"), content: field(f, "Content") ?? "" };
  if (msgType !== "event") return { ...base, type: "unsupported", msgType, msgId: field(f, "MsgId") };
  const event = field(f, "Event") ?? "";
  const eventKey = field(f, "EventKey");
  const ticket = field(f, "Ticket") || undefined;
  // Event names arrive as "subscribe" and "SCAN"; compare case-insensitively.
  switch (event.toLowerCase()) {
    case "subscribe": {
      const scene = eventKey?.startsWith(QR_PREFIX) ? eventKey.slice(QR_PREFIX.length) || undefined : undefined;
      return { ...base, type: "subscribe", scene, ticket };
    }
    case "scan":
      return { ...base, type: "scan", scene: eventKey, ticket };
    case "unsubscribe":
      return { ...base, type: "unsubscribe" };
    case "click":
      return { ...base, type: "click", key: eventKey ?? "" };
    case "view":
      return { ...base, type: "view", url: eventKey ?? "" };
    default:
      return { ...base, type: "other_event", event };
  }
}
