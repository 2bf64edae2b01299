// WeCom / WeChat callback signatures and AES (EncodingAESKey) envelopes, on top of
// @wecom/crypto (checked against 13 published vectors, pad values up to 30: see
// test/channels/callback-crypto.test.ts). What it leaves to us: constant-time comparison and
// never throwing on hostile input. @wecom/crypto does not bound-check msg_len; an
// overrun or a wrong key leaves the receive id empty or garbled, which the receiver's
// receive-id check (after the signature check) rejects.
import { timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export type DecryptResult = { ok: true; message: string; receiveId: string } | { ok: false; reason: string };

/** Decrypts an Encrypt/echostr value; never throws on hostile input. */
export function decryptEnvelope(encodingAesKey: string, encrypted: string): DecryptResult {
  if (encrypted.length === 0 || encrypted.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) {
    return { ok: false, reason: "ciphertext is not base64" };
  }
  if ((encrypted.length / 4) * 3 < 32) return { ok: false, reason: "ciphertext too short" };
  try {
    const { message, id } = decrypt(encodingAesKey, encrypted);
    if (message.length === 0) return { ok: false, reason: "empty message" };
    return { ok: true, message, receiveId: id };
  } catch (e) {
    return { ok: false, reason: `decrypt failed: ${(e as Error).message}` };
  }
}

export function encryptEnvelope(encodingAesKey: string, message: string, receiveId: string, random?: Buffer): string {
  return encrypt(encodingAesKey, message, receiveId, random);
}
