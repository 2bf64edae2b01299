// Decrypted WeCom callback XML → channel-neutral InboundEvent.
import { inboundEventSchema, type InboundEvent } from "../../inbox/inbound-event.ts";
import { field, type XmlFields } from "./callback-xml.ts";

const MEDIA_TYPES = new Set(["image", "voice", "video", "location", "link", "file"]);

export type MapResult = { ok: true; event: InboundEvent } | { ok: false; reason: string };

/** Builds the event; `channel` lets the Official Account reuse the same shapes. */
export function mapWecomXml(fields: XmlFields, channel: InboundEvent["channel"] = "wecom"): MapResult {
  const msgType = field(fields, "MsgType");
  const sender = field(fields, "FromUserName");
  const createTimeText = field(fields, "CreateTime");
  if (!msgType || !sender || !createTimeText || !/^\d{1,12}$/.test(createTimeText)) {
    return { ok: false, reason: "missing MsgType, FromUserName or CreateTime" };
  }
  const createTime = Number(createTimeText);
  const msgId = field(fields, "MsgId");
  const event = field(fields, "Event");
  // Events have no MsgId. System events (external contacts, directory changes) all come
  // from "sys", so the subject ids belong in the key: two customers added in one second
  // are two deliveries, not a retry. A card click's ResponseCode is new for every click, the
  // same on WeCom's redelivery of one click.
  const eventKey = (
    msgType === "event"
      ? [event, field(fields, "ChangeType"), field(fields, "UserID"), field(fields, "ExternalUserID"), field(fields, "TaskId"), field(fields, "EventKey"), field(fields, "ResponseCode")]
      : []
  )
    .filter(Boolean)
    .join(":");
  const deliveryKey = msgId ? `msg:${msgId}` : `evt:${sender}:${createTime}:${eventKey || msgType}`;
  const base = { channel, deliveryKey: deliveryKey.slice(0, 300), sender, createTime };

  const candidate = buildEvent(msgType, event, fields, base);
  const parsed = inboundEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `invalid ${issue?.path.join(".") || "event"}: ${issue?.message}` };
  }
  return { ok: true, event: parsed.data };
}

type Base = { channel: InboundEvent["channel"]; deliveryKey: string; sender: string; createTime: number };

function buildEvent(msgType: string, event: string | undefined, f: XmlFields, base: Base): unknown {
  if (msgType === "text") return { ...base, type: "text", text: field(f, "Content") };
  if (MEDIA_TYPES.has(msgType)) return { ...base, type: "unsupported_message", messageType: msgType };
  if (msgType !== "event") return { ...base, type: "unknown", rawType: msgType.slice(0, 128) };
  switch ((event ?? "").toLowerCase()) {
    case "template_card_event":
      return {
        ...base,
        type: "card_action",
        taskId: field(f, "TaskId"),
        key: field(f, "EventKey"),
        cardType: field(f, "CardType"),
        responseCode: field(f, "ResponseCode"),
      };
    case "click":
      return { ...base, type: "menu_click", key: field(f, "EventKey") ?? "" };
    case "enter_agent":
      return { ...base, type: "enter_agent" };
    case "subscribe":
      return { ...base, type: "subscribe", subscribed: true };
    case "unsubscribe":
      return { ...base, type: "subscribe", subscribed: false };
    case "change_external_contact":
      return {
        ...base,
        type: "external_contact_change",
        changeType: field(f, "ChangeType"),
        userId: field(f, "UserID"),
        externalUserId: field(f, "ExternalUserID"),
        state: field(f, "State"),
        welcomeCode: field(f, "WelcomeCode"),
        failReason: field(f, "FailReason"),
      };
    case "change_contact":
      return { ...base, type: "contact_change", changeType: field(f, "ChangeType"), userId: field(f, "UserID") };
    default:
      return { ...base, type: "unknown", rawType: `event:${event ?? ""}`.slice(0, 128) };
  }
}
