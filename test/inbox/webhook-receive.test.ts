// The receiving edge: every bad input gets its 4xx, is logged, and stores nothing.
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { encryptEnvelope, signature } from "../../src/channels/wecom/callback-crypto.ts";
import { KEYS, nextMsgId, startHarness, type Harness } from "../support/harness.ts";
import { signCallback, textMessageXml } from "../support/signed-callback.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.dispose());

const inboxCount = () => h.tdb.db.prisma.inboxEvent.count();
const text = (content = "帮助", msgId = nextMsgId()) =>
  textMessageXml({ from: "zhangsan", content, msgId, createTime: Math.floor(h.clock.now().getTime() / 1000), corpId: KEYS.corpId });

describe("GET URL verification", () => {
  it("answers the decrypted echostr exactly", async () => {
    const echostr = encryptEnvelope(KEYS.encodingAesKey, "1616140317555161061", KEYS.corpId);
    const ts = String(Math.floor(h.clock.now().getTime() / 1000));
    const sig = signature(KEYS.token, ts, "nonce1", echostr);
    const res = await h.request.get("/webhooks/wecom").query({ msg_signature: sig, timestamp: ts, nonce: "nonce1", echostr });
    expect(res.status).toBe(200);
    expect(res.text).toBe("1616140317555161061");
  });

  it("rejects a wrong signature with 401", async () => {
    const echostr = encryptEnvelope(KEYS.encodingAesKey, "123", KEYS.corpId);
    const ts = String(Math.floor(h.clock.now().getTime() / 1000));
    const res = await h.request.get("/webhooks/wecom").query({ msg_signature: "0".repeat(40), timestamp: ts, nonce: "n", echostr });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("123");
  });
});

describe("POST callbacks", () => {
  let before: number;
  beforeEach(async () => {
    before = await inboxCount();
  });

  it("stores a valid delivery and answers 200 with an empty body", async () => {
    const res = await h.post(text());
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(await inboxCount()).toBe(before + 1);
  });

  it("wrong signature → 401, nothing stored", async () => {
    const s = signCallback(KEYS, text(), h.clock.now());
    const bad = s.path.replace(/msg_signature=([0-9a-f])/, (_m, c: string) => `msg_signature=${c === "a" ? "b" : "a"}`);
    const res = await h.request.post(`/webhooks/wecom${bad}`).send(s.body);
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it("stale timestamp (more than 5 minutes either way) → 401", async () => {
    for (const skew of [-301_000, 301_000]) {
      const res = await h.post(text(), { at: new Date(h.clock.now().getTime() + skew) });
      expect(res.status).toBe(401);
    }
    const ok = await h.post(text(), { at: new Date(h.clock.now().getTime() - 290_000) });
    expect(ok.status).toBe(200);
    expect(await inboxCount()).toBe(before + 1);
  });

  it("wrong receive id → 401", async () => {
    const res = await h.post(text(), { receiveId: "wwsomeoneelse" });
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it("malformed envelope, missing Encrypt, missing query → 400", async () => {
    const s = signCallback(KEYS, text(), h.clock.now());
    expect((await h.request.post(`/webhooks/wecom${s.path}`).send("<xml><Encrypt>")).status).toBe(400);
    expect((await h.request.post(`/webhooks/wecom${s.path}`).send("<xml><ToUserName>x</ToUserName></xml>")).status).toBe(400);
    expect((await h.request.post(`/webhooks/wecom`).send(s.body)).status).toBe(400);
    expect((await h.request.post(`/webhooks/wecom${s.path}`).send("")).status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });

  it("decrypted content that is not XML, or lacks required fields → 400", async () => {
    expect((await h.post("this is not xml")).status).toBe(400);
    expect((await h.post("<xml><MsgType>text</MsgType><Content>hi</Content></xml>")).status).toBe(400);
    const noContent = `<xml><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>`;
    expect((await h.post(noContent)).status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });

  it("refuses DTDs and entities (XXE)", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&e;</Content><MsgId>9</MsgId></xml>`;
    expect((await h.post(xxe)).status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });

  it("an unsigned body is never XML-parsed, however big its XML (signature checked first)", async () => {
    // ~60 KB of nested elements: parsing it is what cost ~400 ms per request at 1 MiB.
    const encrypted = encryptEnvelope(KEYS.encodingAesKey, text(), KEYS.corpId);
    const body = `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt>${"<a><b>x</b></a>".repeat(3_500)}</xml>`;
    const ts = String(Math.floor(h.clock.now().getTime() / 1000));
    const validate = vi.spyOn(XMLValidator, "validate");
    try {
      const forged = await h.request.post(`/webhooks/wecom?msg_signature=${"0".repeat(40)}&timestamp=${ts}&nonce=n`).send(body);
      expect(forged.status).toBe(401);
      const noEncrypt = await h.request.post(`/webhooks/wecom?msg_signature=${"0".repeat(40)}&timestamp=${ts}&nonce=n`).send("<a>".repeat(15_000));
      expect(noEncrypt.status).toBe(400);
      expect(validate).not.toHaveBeenCalled();
      // A signed delivery is still parsed (its decrypted message) and stored.
      expect((await h.post(text())).status).toBe(200);
      expect(validate).toHaveBeenCalledTimes(1);
    } finally {
      validate.mockRestore();
    }
    expect(await inboxCount()).toBe(before + 1);
  });

  it("body over 64 KB (more than WeCom ever sends) → 413 unread", async () => {
    const s = signCallback(KEYS, text(), h.clock.now());
    const res = await h.request.post(`/webhooks/wecom${s.path}`).set("content-type", "text/xml").send(s.body + " ".repeat(64 * 1024));
    expect(res.status).toBe(413);
    expect(await inboxCount()).toBe(before);
  });

  it("body over 1 MiB → 413", async () => {
    const s = signCallback(KEYS, text(), h.clock.now());
    const res = await h.request.post(`/webhooks/wecom${s.path}`).set("content-type", "text/xml").send("x".repeat(1024 * 1024 + 10));
    expect(res.status).toBe(413);
    expect(await inboxCount()).toBe(before);
  });

  it("an unknown message or event type is stored and ignored (200, no reply)", async () => {
    const ct = Math.floor(h.clock.now().getTime() / 1000);
    const res = await h.post(
      `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>${ct}</CreateTime><MsgType>event</MsgType><Event>brand_new_event</Event></xml>`,
    );
    expect(res.status).toBe(200);
    await h.drain();
    const row = await h.tdb.db.prisma.inboxEvent.findFirst({ where: { senderId: "lisi" } });
    expect(row?.type).toBe("unknown");
    expect(row?.status).toBe("ignored");
    expect(h.fake.sentMessages().filter((m) => m["touser"] === "lisi")).toHaveLength(0);
  });

  it("counts every result in /metrics", async () => {
    const res = await h.request.get("/metrics");
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/wecrm_inbound_total\{channel="wecom",type="unknown",result="bad_signature"\} 2/);
    expect(res.text).toMatch(/wecrm_inbound_total\{channel="wecom",type="unknown",result="stale"\} 2/);
    expect(res.text).toMatch(/wecrm_inbound_total\{channel="wecom",type="unknown",result="wrong_receiver"\} 1/);
    expect(res.text).toMatch(/wecrm_inbound_total\{channel="wecom",type="unknown",result="too_large"\} 2/);
    expect(res.text).toMatch(/wecrm_inbound_total\{channel="wecom",type="text",result="accepted"\} 3/);
  });

  it("/healthz reports the database and WeCom", async () => {
    const res = await h.request.get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", db: "ok", wecom: "on" });
  });
});

describe("delivery keys of system events", () => {
  it("two customers added in the same second are two deliveries; a retry of one is not", async () => {
    const ct = Math.floor(h.clock.now().getTime() / 1000);
    const add = (ext: string) =>
      `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>sys</FromUserName><CreateTime>${ct}</CreateTime><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType><UserID>zhangsan</UserID><ExternalUserID>${ext}</ExternalUserID><State>expo</State></xml>`;
    const before = await inboxCount();
    for (const xml of [add("wmA"), add("wmB"), add("wmA")]) expect((await h.post(xml)).status).toBe(200);
    expect(await inboxCount()).toBe(before + 2);
  });
});
