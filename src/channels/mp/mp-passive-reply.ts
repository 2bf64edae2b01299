// The body of the HTTP answer to a callback (被动回复): a text message back to the follower,
// encrypted when the delivery was; or "success" when there is nothing to say (WeChat then
// shows nothing and does not retry; an XML reply with empty Content would not count).
import { randomInt } from "node:crypto";
import { encryptEnvelope, signature } from "../wecom/callback-crypto.ts";
import { cdata } from "../wecom/callback-xml.ts";
import type { MpSettings } from "./mp-settings.ts";

export const NOTHING_TO_SAY = "success";

/** Text beyond this many UTF-8 bytes is cut (protocol doc §6: text replies ≤ 2048 bytes). */
export const MAX_REPLY_BYTES = 2048;

/** Characters XML 1.0 forbids even inside CDATA. */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** At most `max` UTF-8 bytes, never cutting a character in half. */
export function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text, "utf8") <= max) return text;
  let bytes = 0;
  let out = "";
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, "utf8");
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/** The plaintext reply XML: to the follower's openid, from the account (the inbound
 * message's FromUserName and ToUserName swapped). */
export function textReplyXml(o: { toUser: string; fromUser: string; createTime: number; content: string }): string {
  const content = truncateUtf8(o.content.replace(XML_ILLEGAL, ""), MAX_REPLY_BYTES);
  return (
    `<xml><ToUserName>${cdata(o.toUser)}</ToUserName><FromUserName>${cdata(o.fromUser)}</FromUserName>` +
    `<CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(content)}</Content></xml>`
  );
}

/** The safe-mode envelope: Encrypt, and MsgSignature over [token, TimeStamp, Nonce, Encrypt]. */
export function encryptedReply(
  settings: Pick<MpSettings, "token" | "appId"> & { encodingAesKey: string },
  xml: string,
  timestamp: number,
  nonce: string,
): string {
  const encrypted = encryptEnvelope(settings.encodingAesKey, xml, settings.appId);
  const sig = signature(settings.token, String(timestamp), nonce, encrypted);
  return (
    `<xml><Encrypt>${cdata(encrypted)}</Encrypt><MsgSignature>${cdata(sig)}</MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`
  );
}

export interface PassiveReplyInput {
  /** What to say; undefined or blank → "success". */
  text: string | undefined;
  /** The inbound message being answered. */
  to: { openid: string; toUserName: string };
  /** Whether the delivery came encrypted (then so must the reply). */
  encrypted: boolean;
  nowSeconds: number;
  /** The envelope's nonce; random digits by default. */
  nonce?: string;
}

/** The full answer body for a callback. */
export function passiveReply(settings: MpSettings, input: PassiveReplyInput): string {
  const text = input.text?.trim() ? input.text : undefined;
  if (text === undefined) return NOTHING_TO_SAY;
  const xml = textReplyXml({ toUser: input.to.openid, fromUser: input.to.toUserName, createTime: input.nowSeconds, content: text });
  const key = settings.encodingAesKey;
  if (!input.encrypted || key === undefined) return xml;
  const nonce = input.nonce ?? String(randomInt(100_000_000, 1_000_000_000));
  return encryptedReply({ ...settings, encodingAesKey: key }, xml, input.nowSeconds, nonce);
}
