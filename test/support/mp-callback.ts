// Builds what WeChat would send to the Official Account's server URL: the signed query of a
// GET verification or a plain-mode POST, and the encrypted envelope + msg_signature of a
// safe-mode (or compatible-mode) POST; and reads an XML answer back.
import { randomBytes } from "node:crypto";
import { plainSignature } from "../../src/channels/mp/mp-callback-verify.ts";
import { encryptEnvelope, signature } from "../../src/channels/wecom/callback-crypto.ts";
import { field, parseCallbackXml } from "../../src/channels/wecom/callback-xml.ts";

export interface MpKeys {
  token: string;
  encodingAesKey: string;
  appId: string;
}

export type Query = Record<string, string>;

export interface MpDelivery {
  query: Query;
  body: string;
}

const seconds = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** signature/timestamp/nonce as WeChat puts them on a GET verification or a plain POST. */
export function plainQuery(token: string, at: Date, nonce = randomBytes(4).readUInt32BE(0).toString()): Query {
  const timestamp = seconds(at);
  return { signature: plainSignature(token, timestamp, nonce), timestamp, nonce };
}

export function plainDelivery(token: string, xml: string, at: Date): MpDelivery {
  return { query: { ...plainQuery(token, at), openid: "o-query-openid" }, body: xml };
}

/** Safe mode: `<xml><ToUserName/><Encrypt/></xml>`; `compat` also carries the plaintext
 * fields (given separately, so a test can make them disagree with the ciphertext). */
export function safeDelivery(keys: MpKeys, xml: string, at: Date, opts: { receiveId?: string; compatFields?: string } = {}): MpDelivery {
  const encrypted = encryptEnvelope(keys.encodingAesKey, xml, opts.receiveId ?? keys.appId);
  const q = plainQuery(keys.token, at);
  const msg_signature = signature(keys.token, q["timestamp"] ?? "", q["nonce"] ?? "", encrypted);
  const body = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>${opts.compatFields ?? ""}<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  return { query: { ...q, openid: "o-query-openid", encrypt_type: "aes", msg_signature }, body };
}

/** An answer's (or a message's) XML fields as strings, to compare whole. */
export function fieldsOf(xml: string): Record<string, string | undefined> {
  const f = parseCallbackXml(xml);
  if (!f) throw new Error(`not XML: ${xml}`);
  return Object.fromEntries(Object.keys(f).map((k) => [k, field(f, k)]));
}
