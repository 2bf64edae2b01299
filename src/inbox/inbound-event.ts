// The channel-neutral form of everything a channel receives. Channels produce it; the
// inbox stores it; the bot consumes it. Nothing here knows about WeCom XML.
import { z } from "zod";

const base = {
  channel: z.enum(["wecom", "console", "mp"]),
  /** Unique per delivery within the channel: MsgId, or sender + CreateTime + event. */
  deliveryKey: z.string().min(1).max(300),
  /** The sender's id in the channel (a WeCom UserID for wecom and console). */
  sender: z.string().min(1).max(128),
  /** Seconds since epoch, as the platform stamped it. */
  createTime: z.number().int().nonnegative(),
};

export const inboundEventSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("text"), text: z.string().max(8192) }),
  z.object({
    ...base,
    type: z.literal("card_action"),
    taskId: z.string().max(128),
    key: z.string().max(1024),
    cardType: z.string().max(64).optional(),
    responseCode: z.string().max(512).optional(),
  }),
  z.object({ ...base, type: z.literal("menu_click"), key: z.string().max(1024) }),
  z.object({ ...base, type: z.literal("enter_agent") }),
  /** A follow (or unfollow); an Official Account QR code's scene when scanned from one. */
  z.object({ ...base, type: z.literal("subscribe"), subscribed: z.boolean(), scene: z.string().max(128).optional() }),
  z.object({
    ...base,
    type: z.literal("external_contact_change"),
    changeType: z.string().max(64),
    userId: z.string().max(128).optional(),
    externalUserId: z.string().max(128).optional(),
    state: z.string().max(64).optional(),
    welcomeCode: z.string().max(512).optional(),
    failReason: z.string().max(128).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("contact_change"),
    changeType: z.string().max(64),
    userId: z.string().max(128).optional(),
  }),
  /** image/voice/video/location/link/file: stored; the user is told we read text only. */
  z.object({ ...base, type: z.literal("unsupported_message"), messageType: z.string().max(64) }),
  /** Anything else the platform sends: stored and ignored. */
  z.object({ ...base, type: z.literal("unknown"), rawType: z.string().max(128) }),
]);

export type InboundEvent = z.infer<typeof inboundEventSchema>;
export type InboundEventType = InboundEvent["type"];
