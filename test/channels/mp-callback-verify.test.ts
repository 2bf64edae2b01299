// Official Account callback checks against published vectors (test/fixtures/wecom-vectors.ts:
// the OA doc's plain-mode signatures, Tencent's OA crypto demo and EasyWeChat's OA test),
// then forged, stale, foreign and malformed input.
import { describe, expect, it } from "vitest";
import {
  checkPlainSignature,
  MAX_SKEW_SECONDS,
  openMpDelivery,
  openSafeEnvelope,
  plainSignature,
  type MpQuery,
} from "../../src/channels/mp/mp-callback-verify.ts";
import type { MpSettings } from "../../src/channels/mp/mp-settings.ts";
import { Rejection } from "../../src/channels/callback-rejection.ts";
import { signature } from "../../src/channels/wecom/callback-crypto.ts";
import { PLAIN_SIGNATURE_VECTORS, SIGNED_VECTORS, type SignedVector } from "../fixtures/wecom-vectors.ts";
import { safeDelivery } from "../support/mp-callback.ts";

/** The vectors published for Official Accounts (receive id = an AppID, wx…). */
const OA_VECTORS = ["oa-official-spamtest", "easywechat-mp"].map((name) => {
  const v = SIGNED_VECTORS.find((x) => x.name === name);
  if (!v) throw new Error(`no vector ${name}`);
  return v;
});

const settingsOf = (v: SignedVector): MpSettings & { encodingAesKey: string } => ({
  appId: v.receiveId,
  appSecret: "unused",
  token: v.token,
  encodingAesKey: v.encodingAesKey,
  apiBase: "http://127.0.0.1:9",
});

const safeQuery = (v: SignedVector): MpQuery => ({ msgSignature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, encryptType: "aes" });

const rejection = (r: unknown): Rejection => {
  expect(r).toBeInstanceOf(Rejection);
  return r as Rejection;
};

describe("plain signature (GET verification and 明文 POST)", () => {
  it.each(PLAIN_SIGNATURE_VECTORS)("$name: reproduces the published signature and passes the check", (v) => {
    expect(plainSignature(v.token, v.timestamp, v.nonce)).toBe(v.signature);
    const q = { signature: v.signature, timestamp: v.timestamp, nonce: v.nonce };
    expect(checkPlainSignature(v.token, Number(v.timestamp), q)).toBeUndefined();
    // Upper-case hex is the same signature.
    expect(checkPlainSignature(v.token, Number(v.timestamp), { ...q, signature: v.signature.toUpperCase() })).toBeUndefined();
  });

  it("refuses another token, a changed nonce or timestamp, and a truncated signature with 401", () => {
    const v = PLAIN_SIGNATURE_VECTORS[0]!;
    const now = Number(v.timestamp);
    const q = { signature: v.signature, timestamp: v.timestamp, nonce: v.nonce };
    for (const [token, query] of [
      ["BBBBB", q],
      [v.token, { ...q, nonce: `${v.nonce}1` }],
      [v.token, { ...q, timestamp: String(now + 1) }],
      [v.token, { ...q, signature: v.signature.slice(0, -1) }],
    ] as const) {
      expect(rejection(checkPlainSignature(token, now, query))).toMatchObject({ status: 401, result: "bad_signature" });
    }
  });

  it("missing or non-numeric parameters are 400; a stale timestamp with a good signature is 401", () => {
    const v = PLAIN_SIGNATURE_VECTORS[0]!;
    const now = Number(v.timestamp);
    expect(rejection(checkPlainSignature(v.token, now, { timestamp: v.timestamp, nonce: v.nonce }))).toMatchObject({ status: 400 });
    expect(rejection(checkPlainSignature(v.token, now, { signature: v.signature, nonce: v.nonce }))).toMatchObject({ status: 400 });
    const odd = { signature: plainSignature(v.token, "12ab", "n"), timestamp: "12ab", nonce: "n" };
    expect(rejection(checkPlainSignature(v.token, now, odd))).toMatchObject({ status: 400, result: "malformed" });
    const q = { signature: v.signature, timestamp: v.timestamp, nonce: v.nonce };
    expect(checkPlainSignature(v.token, now + MAX_SKEW_SECONDS, q)).toBeUndefined();
    expect(rejection(checkPlainSignature(v.token, now + MAX_SKEW_SECONDS + 1, q))).toMatchObject({ status: 401, result: "stale" });
    expect(rejection(checkPlainSignature(v.token, now - MAX_SKEW_SECONDS - 1, q))).toMatchObject({ status: 401, result: "stale" });
  });
});

describe.each(OA_VECTORS)("published Official Account vector $name (安全模式)", (v) => {
  it("verifies msg_signature, decrypts, and the receive id is the AppID", () => {
    const r = openSafeEnvelope(settingsOf(v), Number(v.timestamp), safeQuery(v), v.encrypt);
    expect(r).toEqual({ ok: true, plaintext: v.message });
  });

  it("opens as a whole delivery (envelope body + query) into the message XML", () => {
    const body = `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[${v.encrypt}]]></Encrypt></xml>`;
    expect(openMpDelivery(settingsOf(v), Number(v.timestamp), safeQuery(v), body)).toEqual({ xml: v.message, encrypted: true });
  });

  it("another AppID is refused with 401 wrong_receiver (not 500)", () => {
    const r = openSafeEnvelope({ ...settingsOf(v), appId: "wx0000000000000000" }, Number(v.timestamp), safeQuery(v), v.encrypt);
    expect(rejection(r)).toMatchObject({ status: 401, result: "wrong_receiver" });
  });

  it("a forged msg_signature, or the 3-item signature in its place, is refused before decrypting", () => {
    const now = Number(v.timestamp);
    const forged = { ...safeQuery(v), msgSignature: v.msgSignature.replace(/^./, (c) => (c === "a" ? "b" : "a")) };
    expect(rejection(openSafeEnvelope(settingsOf(v), now, forged, v.encrypt))).toMatchObject({ status: 401, result: "bad_signature" });
    const threeItem = { ...safeQuery(v), msgSignature: plainSignature(v.token, v.timestamp, v.nonce) };
    expect(rejection(openSafeEnvelope(settingsOf(v), now, threeItem, v.encrypt))).toMatchObject({ result: "bad_signature" });
  });
});

describe("openMpDelivery", () => {
  const keys = { token: "pamtest", encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId: "wxb11529c136998cb6" };
  const safe: MpSettings = { ...keys, appSecret: "s", apiBase: "http://127.0.0.1:9" };
  const at = new Date("2026-11-23T02:00:00Z");
  const now = at.getTime() / 1000;
  const xml = "<xml><MsgType>text</MsgType></xml>";
  const asQuery = (q: Record<string, string>): MpQuery => ({
    signature: q["signature"],
    msgSignature: q["msg_signature"],
    timestamp: q["timestamp"],
    nonce: q["nonce"],
    encryptType: q["encrypt_type"],
  });

  it("safe mode round trip with our own encryptor; a ciphertext for another AppID is 401", () => {
    const d = safeDelivery(keys, xml, at);
    expect(openMpDelivery(safe, now, asQuery(d.query), d.body)).toEqual({ xml, encrypted: true });
    const foreign = safeDelivery(keys, xml, at, { receiveId: "wx1111111111111111" });
    expect(rejection(openMpDelivery(safe, now, asQuery(foreign.query), foreign.body))).toMatchObject({ status: 401, result: "wrong_receiver" });
  });

  it("compatible mode trusts only the ciphertext, not the plaintext copy beside it", () => {
    const d = safeDelivery(keys, xml, at, { compatFields: "<MsgType><![CDATA[event]]></MsgType><Content>forged</Content>" });
    expect(openMpDelivery(safe, now, asQuery(d.query), d.body)).toEqual({ xml, encrypted: true });
  });

  it("with a key set, a plain delivery or a body without <Encrypt> is 400", () => {
    const d = safeDelivery(keys, xml, at);
    const plainQ = asQuery({ ...d.query, encrypt_type: "" });
    expect(rejection(openMpDelivery(safe, now, plainQ, xml))).toMatchObject({ status: 400, result: "malformed" });
    expect(rejection(openMpDelivery(safe, now, asQuery(d.query), xml))).toMatchObject({ status: 400 });
    expect(rejection(openMpDelivery(safe, now, asQuery(d.query), "<xml><Encrypt>"))).toMatchObject({ status: 400 });
  });

  it("a ciphertext that is not base64 or too short is 400 once its signature checks out", () => {
    for (const junk of ["not base64!", "AAAA"]) {
      const q = { msgSignature: signature(keys.token, String(now), "1", junk), timestamp: String(now), nonce: "1", encryptType: "aes" };
      expect(rejection(openSafeEnvelope(keys, now, q, junk))).toMatchObject({ status: 400, result: "malformed" });
      const body = `<xml><Encrypt><![CDATA[${junk}]]></Encrypt></xml>`;
      expect(rejection(openMpDelivery(safe, now, q, body))).toMatchObject({ status: 400, result: "malformed" });
    }
  });

  it("plain mode: the 3-item signature, then the body as is", () => {
    const plain: MpSettings = { appId: keys.appId, appSecret: "s", token: keys.token, apiBase: "http://127.0.0.1:9" };
    const q = { signature: plainSignature(keys.token, String(now), "42"), timestamp: String(now), nonce: "42" };
    expect(openMpDelivery(plain, now, q, xml)).toEqual({ xml, encrypted: false });
    expect(rejection(openMpDelivery(plain, now, { ...q, nonce: "43" }, xml))).toMatchObject({ status: 401 });
  });
});
