// Official Account callback checks, pure functions of the request and the current time:
// the 3-item `signature` (GET verification, plain POST), the 4-item `msg_signature` of safe
// mode (and compatible mode, handled as safe), AES decryption and the AppID receive id.
// The AES envelope is WeCom's (protocol doc §5.3), so the WeCom crypto helpers serve here.
import { createHash } from "node:crypto";
import { Rejection } from "../callback-rejection.ts";
import { decryptEnvelope, signature, signatureMatches } from "../wecom/callback-crypto.ts";
import { envelopeEncrypt } from "../wecom/callback-xml.ts";
import type { MpSettings } from "./mp-settings.ts";

/** WeChat retries within ~15 s (3 tries, 5 s apart); five minutes also absorbs clock drift,
 * and bounds how long a captured plain-mode query (whose signature does not cover the body)
 * can be replayed. */
export const MAX_SKEW_SECONDS = 300;

/** The query parameters WeChat signs with; every one may be missing on a forged request. */
export interface MpQuery {
  signature?: string;
  msgSignature?: string;
  timestamp?: string;
  nonce?: string;
  encryptType?: string;
}

/** A delivery that passed every check: its message XML, and whether it came encrypted
 * (then the passive reply must be encrypted too). */
export interface OpenedDelivery {
  xml: string;
  encrypted: boolean;
}

/** `signature`: sha1 hex of the sorted [token, timestamp, nonce], no separator. */
export function plainSignature(token: string, timestamp: string, nonce: string): string {
  return createHash("sha1").update([token, timestamp, nonce].sort().join("")).digest("hex");
}

/** Checks a signature's presence, shape, value (constant time) and freshness, in that order. */
function checkSigned(
  name: string,
  given: string | undefined,
  q: MpQuery,
  expectedFor: (timestamp: string, nonce: string) => string,
  nowSeconds: number,
): Rejection | undefined {
  const { timestamp, nonce } = q;
  if (!given || !timestamp || !nonce) return new Rejection(400, "malformed", `missing ${name}, timestamp or nonce`);
  if (!/^\d{1,12}$/.test(timestamp)) return new Rejection(400, "malformed", "timestamp is not a number");
  if (!signatureMatches(expectedFor(timestamp, nonce), given)) return new Rejection(401, "bad_signature", `${name} mismatch`);
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return new Rejection(401, "stale", `timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS}s from now`);
  }
  return undefined;
}

/** GET verification and plain-mode POST: the 3-item signature. */
export function checkPlainSignature(token: string, nowSeconds: number, q: MpQuery): Rejection | undefined {
  return checkSigned("signature", q.signature, q, (ts, nonce) => plainSignature(token, ts, nonce), nowSeconds);
}

/** Safe mode: msg_signature over [token, timestamp, nonce, Encrypt], then decrypt, then the
 * receive id at the end of the plaintext must be our AppID (otherwise 401, never 500). */
export function openSafeEnvelope(
  settings: Pick<MpSettings, "token" | "appId"> & { encodingAesKey: string },
  nowSeconds: number,
  q: MpQuery,
  encrypted: string,
): { ok: true; plaintext: string } | Rejection {
  const sigFor = (ts: string, nonce: string) => signature(settings.token, ts, nonce, encrypted);
  const bad = checkSigned("msg_signature", q.msgSignature, q, sigFor, nowSeconds);
  if (bad) return bad;
  const d = decryptEnvelope(settings.encodingAesKey, encrypted);
  if (!d.ok) return new Rejection(400, "malformed", d.reason);
  if (d.receiveId !== settings.appId) return new Rejection(401, "wrong_receiver", "receive id is not MP_APP_ID");
  return { ok: true, plaintext: d.message };
}

/**
 * A POST body as WeChat sent it → the message XML, or why not.
 * - With MP_ENCODING_AES_KEY: only `encrypt_type=aes` deliveries (safe, or compatible, whose
 *   plaintext copy is ignored: only the signed ciphertext is trusted). A plain delivery means
 *   the console and our settings disagree; its signature would not cover the body, so it is
 *   refused rather than trusted.
 * - Without it (plain mode): the 3-item signature, then the body as is. A compatible-mode
 *   body still carries the plaintext fields, so it works in plain mode too.
 */
export function openMpDelivery(settings: MpSettings, nowSeconds: number, q: MpQuery, body: string): OpenedDelivery | Rejection {
  const key = settings.encodingAesKey;
  if (key === undefined) {
    const bad = checkPlainSignature(settings.token, nowSeconds, q);
    return bad ?? { xml: body, encrypted: false };
  }
  if (q.encryptType !== "aes") {
    return new Rejection(400, "malformed", "plain delivery while MP_ENCODING_AES_KEY is set (set the account to 安全模式)");
  }
  // Never parse an unsigned body: the signature is checked on the raw <Encrypt> value first.
  const encrypted = envelopeEncrypt(body);
  if (!encrypted) return new Rejection(400, "malformed", "body is not an envelope with <Encrypt>");
  const opened = openSafeEnvelope({ ...settings, encodingAesKey: key }, nowSeconds, q, encrypted);
  return opened instanceof Rejection ? opened : { xml: opened.plaintext, encrypted: true };
}
