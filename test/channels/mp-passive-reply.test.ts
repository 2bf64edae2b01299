// Passive replies: the text XML (swapped names, CDATA-safe), the encrypted envelope read back
// with our own verifier and decryptor, and "success" when there is nothing to say.
import { describe, expect, it } from "vitest";
import { openSafeEnvelope } from "../../src/channels/mp/mp-callback-verify.ts";
import {
  encryptedReply,
  MAX_REPLY_BYTES,
  NOTHING_TO_SAY,
  passiveReply,
  textReplyXml,
  truncateUtf8,
} from "../../src/channels/mp/mp-passive-reply.ts";
import type { MpSettings } from "../../src/channels/mp/mp-settings.ts";
import { ACCOUNT, OPENID } from "../fixtures/mp-samples.ts";
import { fieldsOf } from "../support/mp-callback.ts";

const keys = { token: "pamtest", encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId: "wxb11529c136998cb6" };
const safe: MpSettings = { ...keys, appSecret: "s", apiBase: "http://127.0.0.1:9" };
const plain: MpSettings = { appId: keys.appId, appSecret: "s", token: keys.token, apiBase: "http://127.0.0.1:9" };
const NOW = 1_795_000_123;
const to = { openid: OPENID, toUserName: ACCOUNT };

describe("textReplyXml", () => {
  it("answers the follower from the account, as text", () => {
    const f = fieldsOf(textReplyXml({ toUser: OPENID, fromUser: ACCOUNT, createTime: NOW, content: "收到，稍后联系您" }));
    expect(f).toEqual({ ToUserName: OPENID, FromUserName: ACCOUNT, CreateTime: String(NOW), MsgType: "text", Content: "收到，稍后联系您" });
  });

  it("keeps ]]>, markup and entities in the content intact (CDATA split), and drops XML-illegal characters", () => {
    const content = "a]]>b <xml> &amp; ]]]]> end\u0001";
    const xml = textReplyXml({ toUser: OPENID, fromUser: ACCOUNT, createTime: NOW, content });
    expect(xml).toContain("]]]]><![CDATA[>");
    expect(fieldsOf(xml)["Content"]).toBe("a]]>b <xml> &amp; ]]]]> end");
  });

  it("cuts text beyond 2048 UTF-8 bytes without splitting a character", () => {
    const long = "报价".repeat(400) + "😀".repeat(10); // 2400 + 40 bytes
    const content = fieldsOf(textReplyXml({ toUser: OPENID, fromUser: ACCOUNT, createTime: NOW, content: long }))["Content"] ?? "";
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
    expect(long.startsWith(content)).toBe(true);
    expect(truncateUtf8("ab😀", 5)).toBe("ab");
    expect(truncateUtf8("ab😀", 6)).toBe("ab😀");
  });
});

describe("passiveReply", () => {
  it('is "success" when there is nothing to say', () => {
    for (const text of [undefined, "", "  \n"]) {
      expect(passiveReply(safe, { text, to, encrypted: true, nowSeconds: NOW })).toBe(NOTHING_TO_SAY);
      expect(passiveReply(plain, { text, to, encrypted: false, nowSeconds: NOW })).toBe(NOTHING_TO_SAY);
    }
  });

  it("is plain XML for a plain delivery, even with a key (compatible mode answers in kind)", () => {
    const xml = passiveReply(safe, { text: "您好", to, encrypted: false, nowSeconds: NOW });
    expect(fieldsOf(xml)).toMatchObject({ ToUserName: OPENID, Content: "您好" });
  });

  it("round-trips when encrypted: the envelope verifies, decrypts for our AppID, and holds the text reply", () => {
    const body = passiveReply(safe, { text: "您好]]>，已收到", to, encrypted: true, nowSeconds: NOW, nonce: "1372623149" });
    const env = fieldsOf(body);
    expect(Object.keys(env).sort()).toEqual(["Encrypt", "MsgSignature", "Nonce", "TimeStamp"]);
    expect(env).toMatchObject({ TimeStamp: String(NOW), Nonce: "1372623149" });
    const q = { msgSignature: env["MsgSignature"], timestamp: env["TimeStamp"], nonce: env["Nonce"] };
    const opened = openSafeEnvelope(keys, NOW, q, env["Encrypt"] ?? "");
    if (!("ok" in opened)) throw new Error(opened.reason);
    expect(fieldsOf(opened.plaintext)).toEqual({ ToUserName: OPENID, FromUserName: ACCOUNT, CreateTime: String(NOW), MsgType: "text", Content: "您好]]>，已收到" });
  });

  it("the envelope's signature covers its own timestamp and nonce", () => {
    const body = encryptedReply(keys, "<xml/>", NOW, "7");
    const env = fieldsOf(body);
    const wrongNonce = { msgSignature: env["MsgSignature"], timestamp: env["TimeStamp"], nonce: "8" };
    expect(openSafeEnvelope(keys, NOW, wrongNonce, env["Encrypt"] ?? "")).toMatchObject({ status: 401, result: "bad_signature" });
  });

  it("a random nonce by default, so two replies differ", () => {
    const a = fieldsOf(passiveReply(safe, { text: "x", to, encrypted: true, nowSeconds: NOW }));
    const b = fieldsOf(passiveReply(safe, { text: "x", to, encrypted: true, nowSeconds: NOW }));
    expect(a["Nonce"]).toMatch(/^\d{9}$/);
    expect(a["Encrypt"]).not.toBe(b["Encrypt"]);
  });
});
