// An Official Account delivery in the channel-neutral inbound form the inbox stores. The
// sender is the follower's openid; a QR scene travels with subscribe (SCAN is a follower
// scanning again: a subscribe with the scene).
import type { InboundEvent } from "../../inbox/inbound-event.ts";
import type { MpInbound } from "./mp-inbound.ts";

export function mpToInbound(m: MpInbound): InboundEvent {
  const base = { channel: "mp" as const, deliveryKey: m.deliveryKey, sender: m.openid, createTime: m.createTime };
  switch (m.type) {
    case "text":
      return { ...base, type: "text", text: m.content };
    case "subscribe":
      return { ...base, type: "subscribe", subscribed: true, ...(m.scene ? { scene: m.scene } : {}) };
    case "scan":
      return { ...base, type: "subscribe", subscribed: true, scene: m.scene };
    case "unsubscribe":
      return { ...base, type: "subscribe", subscribed: false };
    case "unsupported":
      return { ...base, type: "unsupported_message", messageType: m.msgType };
    case "click":
      return { ...base, type: "menu_click", key: m.key };
    case "view":
      return { ...base, type: "unknown", rawType: "view" };
    case "other_event":
      return { ...base, type: "unknown", rawType: m.event.slice(0, 128) };
  }
}
