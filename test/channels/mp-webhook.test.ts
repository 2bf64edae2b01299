// The /webhooks/mp handler through HTTP (supertest on an Express app, no database): GET
// verification, plain and safe POSTs, the passive reply only after `accept`, and every
// refusal keeping `accept` uncalled.
import express from "express";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import type { MpInbound } from "../../src/channels/mp/mp-inbound.ts";
import { openSafeEnvelope } from "../../src/channels/mp/mp-callback-verify.ts";
import type { MpSettings } from "../../src/channels/mp/mp-settings.ts";
import { MP_MAX_BODY_BYTES, mpWebhook, type MpAcceptResult } from "../../src/channels/mp/mp-webhook.ts";
import { ManualClock } from "../../src/clock.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { createLogger } from "../../src/log.ts";
import { SIGNED_VECTORS } from "../fixtures/wecom-vectors.ts";
import { ACCOUNT, MP_SAMPLES, OPENID, textXml } from "../fixtures/mp-samples.ts";
import { fieldsOf, plainDelivery, plainQuery, safeDelivery, type MpDelivery } from "../support/mp-callback.ts";

const keys = { token: "pamtest", encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId: "wxb11529c136998cb6" };
const SAFE: MpSettings = { ...keys, appSecret: "s", apiBase: "http://127.0.0.1:9" };
const PLAIN: MpSettings = { appId: keys.appId, appSecret: "s", token: keys.token, apiBase: "http://127.0.0.1:9" };

let clock: ManualClock;
let accepted: MpInbound[];
let answer: () => Promise<MpAcceptResult>;
let metrics: Metrics;

beforeEach(() => {
  clock = new ManualClock(new Date("2026-11-23T02:00:00Z"));
  accepted = [];
  answer = async () => ({});
  metrics = new Metrics();
});

function app(settings: MpSettings) {
  const a = express();
  const accept = async (inbound: MpInbound) => {
    accepted.push(inbound);
    return answer();
  };
  a.use("/webhooks/mp", mpWebhook({ settings, clock, log: createLogger("silent"), accept, metrics }));
  return supertest(a);
}

const post = (settings: MpSettings, d: MpDelivery) => app(settings).post("/webhooks/mp").query(d.query).type("text/xml").send(d.body);

async function inboundCount(result: string): Promise<number> {
  const m = await metrics.registry.getSingleMetric("wecrm_inbound_total")?.get();
  return (m?.values ?? []).filter((v) => v.labels["channel"] === "mp" && v.labels["result"] === result).reduce((n, v) => n + v.value, 0);
}

describe("GET verification", () => {
  it("echoes echostr verbatim as text/plain", async () => {
    const res = await app(PLAIN).get("/webhooks/mp").query({ ...plainQuery(keys.token, clock.now()), echostr: "4375120948345356249" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.text).toBe("4375120948345356249");
  });

  it("works in safe mode too (echostr is never encrypted)", async () => {
    const res = await app(SAFE).get("/webhooks/mp").query({ ...plainQuery(keys.token, clock.now()), echostr: "123" });
    expect(res.text).toBe("123");
  });

  it("the published verification example (OA doc, vector wxdoc-get-verify) passes at its own time", async () => {
    clock.set(new Date(1714036504 * 1000));
    const q = { signature: "f464b24fc39322e44b38aa78f5edd27bd1441696", timestamp: "1714036504", nonce: "1514711492", echostr: "4375120948345356249" };
    const res = await app({ ...PLAIN, token: "AAAAA" }).get("/webhooks/mp").query(q);
    expect(res.status).toBe(200);
    expect(res.text).toBe("4375120948345356249");
  });

  it("a wrong signature is 401 and echoes nothing; no echostr is 400", async () => {
    const q = { ...plainQuery("another", clock.now()), echostr: "4375120948345356249" };
    const bad = await app(PLAIN).get("/webhooks/mp").query(q);
    expect(bad.status).toBe(401);
    expect(bad.text).not.toContain("4375120948345356249");
    expect((await app(PLAIN).get("/webhooks/mp").query(plainQuery(keys.token, clock.now()))).status).toBe(400);
  });
});

describe("plain POST (明文模式)", () => {
  it("accepts a text message, then answers with the passive reply", async () => {
    answer = async () => ({ reply: "您好，已收到，稍后联系您" });
    const res = await post(PLAIN, plainDelivery(keys.token, MP_SAMPLES.text, clock.now()));
    expect(res.status).toBe(200);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ type: "text", openid: OPENID, content: "你好，想了解一下报价", deliveryKey: "msg:6054768590064713728" });
    expect(fieldsOf(res.text)).toMatchObject({ ToUserName: OPENID, FromUserName: ACCOUNT, MsgType: "text", Content: "您好，已收到，稍后联系您" });
    expect(await inboundCount("accepted")).toBe(1);
  });

  it('answers "success" when accept has nothing to say', async () => {
    const res = await post(PLAIN, plainDelivery(keys.token, MP_SAMPLES.subscribeQr, clock.now()));
    expect(res.status).toBe(200);
    expect(res.text).toBe("success");
    expect(accepted[0]).toMatchObject({ type: "subscribe", scene: "expo2026" });
  });

  it("a forged signature is 401 and accept is not called", async () => {
    const d = plainDelivery("not-the-token", MP_SAMPLES.text, clock.now());
    const res = await post(PLAIN, d);
    expect(res.status).toBe(401);
    expect(res.text).toBe("unauthorized");
    expect(accepted).toHaveLength(0);
    expect(await inboundCount("bad_signature")).toBe(1);
  });

  it("a signature older than 5 minutes is 401", async () => {
    const d = plainDelivery(keys.token, MP_SAMPLES.text, new Date(clock.now().getTime() - 301_000));
    expect((await post(PLAIN, d)).status).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it.each([
    ["bad XML", "<xml><MsgType>text"],
    ["an empty body", ""],
    ["a safe-mode envelope (no key configured)", "<xml><ToUserName>gh</ToUserName><Encrypt>abcd</Encrypt></xml>"],
    ["a text without MsgId", textXml("x").replace(/<MsgId>.*<\/MsgId>/, "")],
  ])("%s is 400 and accept is not called", async (_what, body) => {
    const res = await post(PLAIN, plainDelivery(keys.token, body, clock.now()));
    expect(res.status).toBe(400);
    expect(res.text).toBe("bad request");
    expect(accepted).toHaveLength(0);
  });

  it("a body over 64 KB is refused (413) and accept is not called", async () => {
    const huge = textXml("x".repeat(MP_MAX_BODY_BYTES));
    const res = await post(PLAIN, plainDelivery(keys.token, huge, clock.now()));
    expect(res.status).toBe(413);
    expect(accepted).toHaveLength(0);
    expect(await inboundCount("too_large")).toBe(1);
  });

  it("a failing accept is 503, so WeChat retries; the retry is the same delivery", async () => {
    answer = async () => {
      throw new Error("database unavailable");
    };
    const d = plainDelivery(keys.token, MP_SAMPLES.click, clock.now());
    expect((await post(PLAIN, d)).status).toBe(503);
    answer = async () => ({});
    const retry = await post(PLAIN, d);
    expect(retry.status).toBe(200);
    expect(accepted.map((i) => i.deliveryKey)).toEqual([accepted[0]?.deliveryKey, accepted[0]?.deliveryKey]);
  });
});

describe("safe POST (安全模式)", () => {
  it("the published OA vector (EasyWeChat) is accepted at its own time", async () => {
    const v = SIGNED_VECTORS.find((x) => x.name === "easywechat-mp")!;
    clock.set(new Date(Number(v.timestamp) * 1000));
    const settings = { ...SAFE, token: v.token, encodingAesKey: v.encodingAesKey, appId: v.receiveId };
    const body = `<xml><ToUserName><![CDATA[asdasdasd]]></ToUserName><Encrypt><![CDATA[${v.encrypt}]]></Encrypt></xml>`;
    const query = { signature: "ignored", timestamp: v.timestamp, nonce: v.nonce, encrypt_type: "aes", msg_signature: v.msgSignature };
    const res = await post(settings, { query, body });
    expect(res.status).toBe(200);
    expect(accepted[0]).toMatchObject({ type: "text", content: "hello", msgId: "12345", openid: "asdasdasdsadasd" });
  });

  it("decrypts, accepts, and answers with an encrypted reply that our own code opens", async () => {
    answer = async () => ({ reply: "欢迎关注！回复「报价」获取最新价格" });
    const res = await post(SAFE, safeDelivery(keys, MP_SAMPLES.subscribeQr, clock.now()));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/xml/);
    expect(accepted[0]).toMatchObject({ type: "subscribe", scene: "expo2026", openid: OPENID });
    const env = fieldsOf(res.text);
    const q = { msgSignature: env["MsgSignature"], timestamp: env["TimeStamp"], nonce: env["Nonce"] };
    const opened = openSafeEnvelope(keys, clock.now().getTime() / 1000, q, env["Encrypt"] ?? "");
    if (!("ok" in opened)) throw new Error(opened.reason);
    expect(fieldsOf(opened.plaintext)).toMatchObject({ ToUserName: OPENID, FromUserName: ACCOUNT, Content: "欢迎关注！回复「报价」获取最新价格" });
  });

  it("a forged msg_signature is 401 and accept is not called", async () => {
    const d = safeDelivery(keys, MP_SAMPLES.text, clock.now());
    const forged = { ...d.query, msg_signature: d.query["msg_signature"]!.replace(/^./, (c) => (c === "a" ? "b" : "a")) };
    expect((await post(SAFE, { query: forged, body: d.body })).status).toBe(401);
    expect(accepted).toHaveLength(0);
  });

  it("a message encrypted for another AppID is 401 and accept is not called", async () => {
    const d = safeDelivery(keys, MP_SAMPLES.text, clock.now(), { receiveId: "wx1111111111111111" });
    expect((await post(SAFE, d)).status).toBe(401);
    expect(accepted).toHaveLength(0);
    expect(await inboundCount("wrong_receiver")).toBe(1);
  });

  it("a plain delivery while the key is set is 400 (only the ciphertext is signed in full)", async () => {
    const res = await post(SAFE, plainDelivery(keys.token, MP_SAMPLES.text, clock.now()));
    expect(res.status).toBe(400);
    expect(accepted).toHaveLength(0);
  });

  it("compatible mode: accepted from the ciphertext, the plaintext copy ignored", async () => {
    const d = safeDelivery(keys, MP_SAMPLES.text, clock.now(), { compatFields: "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[forged]]></Content>" });
    expect((await post(SAFE, d)).status).toBe(200);
    expect(accepted[0]).toMatchObject({ type: "text", content: "你好，想了解一下报价" });
  });

  it("a decrypted message that is not a valid delivery is 400", async () => {
    const res = await post(SAFE, safeDelivery(keys, "<xml><MsgType>text</MsgType></xml>", clock.now()));
    expect(res.status).toBe(400);
    expect(accepted).toHaveLength(0);
  });
});
