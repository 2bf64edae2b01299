// Official Account message XML → MpInbound: every type, the dedupe key, and refusals.
import { describe, expect, it } from "vitest";
import { parseMpInbound, type MpInbound } from "../../src/channels/mp/mp-inbound.ts";
import { SIGNED_VECTORS } from "../fixtures/wecom-vectors.ts";
import { ACCOUNT, CREATE_TIME, eventXml, MP_SAMPLES, OPENID, textXml } from "../fixtures/mp-samples.ts";

function parsed(xml: string): MpInbound {
  const r = parseMpInbound(xml);
  if (!r.ok) throw new Error(r.reason);
  return r.inbound;
}

const common = { toUserName: ACCOUNT, openid: OPENID, createTime: CREATE_TIME };

describe("parseMpInbound", () => {
  it.each([
    ["text", { type: "text", msgId: "6054768590064713728", content: "你好，想了解一下报价", deliveryKey: "msg:6054768590064713728" }],
    ["image", { type: "unsupported", msgType: "image", msgId: "6054768590064713729" }],
    ["voice", { type: "unsupported", msgType: "voice" }],
    ["location", { type: "unsupported", msgType: "location" }],
    ["subscribe", { type: "subscribe", scene: undefined, ticket: undefined, deliveryKey: `evt:${OPENID}:${CREATE_TIME}:subscribe` }],
    ["subscribeQr", { type: "subscribe", scene: "expo2026", ticket: "gQH47joAAAAAAAAAASxodHRwOi8v" }],
    ["scan", { type: "scan", scene: "expo2026", ticket: "gQH47joAAAAAAAAAASxodHRwOi8v", deliveryKey: `evt:${OPENID}:${CREATE_TIME}:SCAN:expo2026` }],
    ["unsubscribe", { type: "unsubscribe" }],
    ["click", { type: "click", key: "menu_contact_sales" }],
    ["view", { type: "view", url: "https://example.com/products" }],
    ["location_event", { type: "other_event", event: "LOCATION" }],
  ] as const)("%s", (name, expected) => {
    expect(parsed(MP_SAMPLES[name])).toMatchObject({ ...common, ...expected });
  });

  it("every sample has its own delivery key; a retry (same XML) has the same one", () => {
    const keys = Object.values(MP_SAMPLES).map((x) => parsed(x).deliveryKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(parsed(MP_SAMPLES.subscribeQr).deliveryKey).toBe(parsed(MP_SAMPLES.subscribeQr).deliveryKey);
  });

  it("events of one follower in one second differ by event and key; the same event a second later differs too", () => {
    const a = parsed(eventXml("CLICK", "<EventKey>a</EventKey>")).deliveryKey;
    const b = parsed(eventXml("CLICK", "<EventKey>b</EventKey>")).deliveryKey;
    const later = parsed(eventXml("CLICK", "<EventKey>a</EventKey>", CREATE_TIME + 1)).deliveryKey;
    expect(new Set([a, b, later]).size).toBe(3);
  });

  it("keeps a 64-bit MsgId exact, and reads plain text as well as CDATA", () => {
    const big = parsed(textXml("hi", "18446744073709551615"));
    expect(big).toMatchObject({ type: "text", msgId: "18446744073709551615", deliveryKey: "msg:18446744073709551615" });
    const plain = `<xml><ToUserName>${ACCOUNT}</ToUserName><FromUserName>${OPENID}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>a &lt; b</Content><MsgId>1</MsgId></xml>`;
    expect(parsed(plain)).toMatchObject({ type: "text", content: "a &lt; b", createTime: 1 });
  });

  it("a qrscene_ prefix without a scene, or an EventKey without the prefix, is no scene", () => {
    expect(parsed(eventXml("subscribe", "<EventKey>qrscene_</EventKey>"))).toMatchObject({ type: "subscribe", scene: undefined });
    expect(parsed(eventXml("subscribe", "<EventKey>last_trade_no_1</EventKey>"))).toMatchObject({ type: "subscribe", scene: undefined });
  });

  it("reads the plaintext of the published OA vector", () => {
    const v = SIGNED_VECTORS.find((x) => x.name === "oa-official-spamtest");
    expect(parsed(v!.message)).toMatchObject({ type: "text", openid: "oyORnuP8q7ou2gfYjqLzSIWZf0rs", content: "abcdteT", msgId: "6054768590064713728" });
  });

  it.each([
    ["not XML", "hello"],
    ["truncated", "<xml><ToUserName>x</ToUserName>"],
    ["a DOCTYPE (XXE)", `<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]>${textXml("&e;")}`],
    ["no FromUserName", "<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>"],
    ["a CreateTime that is not a number", textXml("x").replace(`${CREATE_TIME}`, "yesterday")],
    ["text without MsgId", textXml("x").replace(/<MsgId>.*<\/MsgId>/, "")],
    ["a MsgId that is not digits", textXml("x", "12ab")],
    ["SCAN without a scene", eventXml("SCAN")],
    ["an event without Event", textXml("x").replace("<MsgType><![CDATA[text]]>", "<MsgType><![CDATA[event]]>")],
    ["an over-long text", textXml("长".repeat(8193))],
  ])("refuses %s", (_what, xml) => {
    const r = parseMpInbound(xml);
    expect(r.ok).toBe(false);
  });
});
