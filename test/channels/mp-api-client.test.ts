// The Official Account API client against nock on 127.0.0.1: stable_token caching, one fetch
// in flight, refresh before expiry and on token errcodes, custom/send and its refusals.
import axios from "axios";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MpApiClient } from "../../src/channels/mp/mp-api-client.ts";
import { MpApiError, MpSendRefusedError } from "../../src/channels/mp/mp-api-errors.ts";
import { ManualClock } from "../../src/clock.ts";
import { createLogger } from "../../src/log.ts";

const BASE = "http://127.0.0.1:9";
const OPENID = "oyORnuP8q7ou2gfYjqLzSIWZf0rs";
let clock: ManualClock;
let client: MpApiClient;

beforeEach(() => {
  nock.disableNetConnect();
  clock = new ManualClock(new Date("2026-11-23T02:00:00Z"));
  client = new MpApiClient(axios.create({ baseURL: BASE }), { appId: "wx1", appSecret: "s" }, clock, createLogger("silent"));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const TOKEN_BODY = { grant_type: "client_credential", appid: "wx1", secret: "s", force_refresh: false };
const tokenReply = (token: string, expiresIn = 7200) =>
  nock(BASE).post("/cgi-bin/stable_token", TOKEN_BODY).reply(200, { access_token: token, expires_in: expiresIn });
const send = (token: string) => nock(BASE).post("/cgi-bin/message/custom/send").query({ access_token: token });

describe("MpApiClient access token", () => {
  it("posts once for concurrent callers, keeps the token until 5 minutes before expiry, then fetches the next", async () => {
    const first = tokenReply("T1");
    expect(await Promise.all([client.accessToken(), client.accessToken(), client.accessToken()])).toEqual(["T1", "T1", "T1"]);
    expect(first.isDone()).toBe(true);
    clock.advance(7200_000 - 5 * 60_000 - 1);
    expect(await client.accessToken()).toBe("T1");
    const second = tokenReply("T2");
    clock.advance(1);
    expect(await client.accessToken()).toBe("T2");
    expect(second.isDone()).toBe(true);
  });

  it("keeps a short-lived token for half its life", async () => {
    tokenReply("T1", 300);
    await client.accessToken();
    clock.advance(149_000);
    expect(await client.accessToken()).toBe("T1");
    tokenReply("T2");
    clock.advance(2_000);
    expect(await client.accessToken()).toBe("T2");
  });

  it("a wrong AppSecret (40001 on stable_token) is a configuration error, remembered for a minute", async () => {
    nock(BASE).post("/cgi-bin/stable_token").reply(200, { errcode: 40001, errmsg: "invalid credential" });
    await expect(client.accessToken()).rejects.toMatchObject({ kind: "config", code: "40001" });
    await expect(client.accessToken()).rejects.toMatchObject({ kind: "config", code: "40001" });
    expect(nock.isDone()).toBe(true);
    clock.advance(61_000);
    tokenReply("T1");
    expect(await client.accessToken()).toBe("T1");
  });

  it.each([
    [40164, "config"],
    [40125, "config"],
    [-1, "retryable"],
  ])("stable_token errcode %i is %s", async (errcode, kind) => {
    nock(BASE).post("/cgi-bin/stable_token").reply(200, { errcode, errmsg: "x" });
    await expect(client.accessToken()).rejects.toMatchObject({ kind, code: String(errcode) });
  });

  it("an answer without a token is retryable", async () => {
    nock(BASE).post("/cgi-bin/stable_token").reply(200, { expires_in: 7200 });
    await expect(client.accessToken()).rejects.toMatchObject({ kind: "retryable", code: "no_token" });
  });
});

describe("MpApiClient.sendCustomText", () => {
  it("posts a text message to the follower", async () => {
    tokenReply("T1");
    const scope = send("T1").reply(200, { errcode: 0, errmsg: "ok" });
    await client.sendCustomText(OPENID, "您好，报价单已发送到您的邮箱");
    expect(scope.isDone()).toBe(true);
  });

  it("sends exactly {touser, msgtype: text, text: {content}}", async () => {
    tokenReply("T1");
    let body: unknown;
    send("T1").reply(200, (_uri, b) => {
      body = b;
      return { errcode: 0 };
    });
    await client.sendCustomText(OPENID, "a\"b\n中文");
    expect(body).toEqual({ touser: OPENID, msgtype: "text", text: { content: "a\"b\n中文" } });
  });

  it.each([40001, 40014, 42001])("on token errcode %i fetches the token again and retries once", async (errcode) => {
    tokenReply("T1");
    send("T1").reply(200, { errcode, errmsg: "access_token is invalid or not latest" });
    tokenReply("T2");
    send("T2").reply(200, { errcode: 0, errmsg: "ok" });
    await client.sendCustomText(OPENID, "hi");
    expect(nock.isDone()).toBe(true);
    expect(await client.accessToken()).toBe("T2");
  });

  it("does not loop when the token is rejected again", async () => {
    tokenReply("T1");
    nock(BASE).post("/cgi-bin/message/custom/send").query(true).times(2).reply(200, { errcode: 40001 });
    tokenReply("T2");
    await expect(client.sendCustomText(OPENID, "hi")).rejects.toMatchObject({ kind: "retryable", code: "40001" });
    expect(nock.isDone()).toBe(true);
  });

  it.each([
    [45015, "outside_48h_window"],
    [45047, "reply_quota_used"],
    [43004, "not_following"],
  ])("errcode %i is a MpSendRefusedError (%s) the caller can explain", async (errcode, reason) => {
    tokenReply("T1");
    send("T1").reply(200, { errcode, errmsg: "response out of time limit or subscription is canceled" });
    const err = await client.sendCustomText(OPENID, "hi").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MpSendRefusedError);
    expect(err).toMatchObject({ reason, code: String(errcode), kind: "permanent" });
  });

  it("other errcodes, HTTP failures and network errors are MpApiErrors with their code", async () => {
    tokenReply("T1");
    send("T1").reply(200, { errcode: 40003, errmsg: "invalid openid" });
    const err = await client.sendCustomText("bad", "hi").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MpApiError);
    expect(err).not.toBeInstanceOf(MpSendRefusedError);
    expect(err).toMatchObject({ kind: "permanent", code: "40003" });
    send("T1").reply(200, { errcode: 48001, errmsg: "api unauthorized" });
    await expect(client.sendCustomText(OPENID, "hi")).rejects.toMatchObject({ kind: "config", code: "48001" });
    send("T1").reply(200, { errcode: 45009, errmsg: "reach max api daily quota limit" });
    await expect(client.sendCustomText(OPENID, "hi")).rejects.toMatchObject({ kind: "retryable", code: "45009" });
    send("T1").reply(502, "bad gateway");
    await expect(client.sendCustomText(OPENID, "hi")).rejects.toMatchObject({ kind: "retryable", code: "http_502" });
    send("T1").replyWithError("ECONNRESET");
    await expect(client.sendCustomText(OPENID, "hi")).rejects.toMatchObject({ kind: "retryable", code: "network" });
  });

  it("refuses an empty message without calling WeChat", async () => {
    await expect(client.sendCustomText(OPENID, "  ")).rejects.toMatchObject({ kind: "permanent", code: "empty" });
    await expect(client.sendCustomText("", "hi")).rejects.toMatchObject({ code: "empty" });
  });
});
