// The WeCom API client against nock: token caching, single flight, refresh, classification.
import axios from "axios";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WecomApiClient, WecomApiError } from "../../src/channels/wecom/api-client.ts";
import { ManualClock } from "../../src/clock.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { createLogger } from "../../src/log.ts";

const BASE = "http://127.0.0.1:9";
let clock: ManualClock;
let client: WecomApiClient;

beforeEach(() => {
  nock.disableNetConnect();
  clock = new ManualClock(new Date("2026-11-23T02:00:00Z"));
  client = new WecomApiClient(axios.create({ baseURL: BASE }), { corpId: "ww1", secret: "s" }, clock, createLogger("silent"), new Metrics());
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const tokenReply = (token: string) =>
  nock(BASE).get("/cgi-bin/gettoken").query({ corpid: "ww1", corpsecret: "s" }).reply(200, { errcode: 0, access_token: token, expires_in: 7200 });

describe("WecomApiClient", () => {
  it("fetches the token once for 50 concurrent callers and caches it", async () => {
    const scope = tokenReply("T1");
    const tokens = await Promise.all(Array.from({ length: 50 }, () => client.accessToken()));
    expect(new Set(tokens)).toEqual(new Set(["T1"]));
    expect(await client.accessToken()).toBe("T1");
    expect(scope.isDone()).toBe(true);
  });

  it("refreshes shortly before expiry", async () => {
    tokenReply("T1");
    await client.accessToken();
    clock.advance(7200_000 - 6 * 60_000);
    expect(await client.accessToken()).toBe("T1");
    tokenReply("T2");
    clock.advance(2 * 60_000);
    expect(await client.accessToken()).toBe("T2");
  });

  it.each([40014, 42001])("on token error %i refreshes and retries once", async (code) => {
    tokenReply("T1");
    nock(BASE).post("/cgi-bin/message/send").query({ access_token: "T1" }).reply(200, { errcode: code, errmsg: "x" });
    tokenReply("T2");
    nock(BASE).post("/cgi-bin/message/send").query({ access_token: "T2" }).reply(200, { errcode: 0, msgid: "m" });
    expect(await client.call("POST", "/cgi-bin/message/send", {}, { touser: "a" })).toMatchObject({ msgid: "m" });
    expect(nock.isDone()).toBe(true);
  });

  it("does not loop when the refreshed token is rejected too", async () => {
    tokenReply("T1");
    nock(BASE).post("/cgi-bin/message/send").query(true).times(2).reply(200, { errcode: 42001 });
    tokenReply("T2");
    await expect(client.call("POST", "/cgi-bin/message/send", {}, {})).rejects.toMatchObject({ kind: "retryable", code: "42001" });
  });

  it("classifies failures: invalid secret is configuration, 45009 and 5xx retryable, others permanent", async () => {
    nock(BASE).get("/cgi-bin/gettoken").query(true).reply(200, { errcode: 40001, errmsg: "invalid credential" });
    await expect(client.accessToken()).rejects.toMatchObject({ kind: "config", code: "40001" });
    // Remembered for a minute: concurrent senders do not each call gettoken with a bad secret.
    await expect(client.accessToken()).rejects.toMatchObject({ kind: "config", code: "40001" });
    expect(nock.isDone()).toBe(true);
    clock.advance(61_000);
    tokenReply("T1");
    nock(BASE).post("/cgi-bin/message/send").query(true).reply(200, { errcode: 45009 });
    await expect(client.call("POST", "/cgi-bin/message/send")).rejects.toMatchObject({ kind: "retryable" });
    nock(BASE).post("/cgi-bin/message/send").query(true).reply(503, "busy");
    await expect(client.call("POST", "/cgi-bin/message/send")).rejects.toMatchObject({ kind: "retryable", code: "http_503" });
    nock(BASE).post("/cgi-bin/message/send").query(true).replyWithError("ECONNRESET");
    await expect(client.call("POST", "/cgi-bin/message/send")).rejects.toMatchObject({ kind: "retryable", code: "network" });
    nock(BASE).post("/cgi-bin/message/send").query(true).reply(200, { errcode: 81013, errmsg: "changed text" });
    const err = await client.call("POST", "/cgi-bin/message/send").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect(err).toMatchObject({ kind: "permanent", code: "81013" });
  });
});
