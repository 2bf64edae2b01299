// WeCom / WeChat callback signatures and AES (EncodingAESKey) envelopes, on top of
// @wecom/crypto, with the checks it leaves to us: constant-time comparison, bounds on
// the decrypted layout, and the receive id.
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
    // A wrong key or a corrupt body yields a nonsense length: the library then slices
    // short, which leaves the receive id empty or garbled — caught by the caller's
    // receive-id check. Reject replacement characters early for a clearer reason.
    if (message.length === 0) return { ok: false, reason: "empty message" };
    return { ok: true, message, receiveId: id };
  } catch (e) {
    return { ok: false, reason: `decrypt failed: ${(e as Error).message}` };
  }
}

export function encryptEnvelope(encodingAesKey: string, message: string, receiveId: string, random?: Buffer): string {
  return encrypt(encodingAesKey, message, receiveId, random);
}
