// Sending through the WeCom API: token cache and refresh, outages, rate limits,
// configuration errors and per-recipient throttling.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.dispose());

const outbox = () => h.tdb.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });

describe("outbox dispatcher", () => {
  it("token expiry mid-send: refreshed once and each message sent once", async () => {
    await h.sendText("a", "帮助");
    await h.drain();
    h.fake.expireTokens();
    await h.sendText("a", "我的线索");
    await h.drain();
    expect(h.fake.callsTo("/cgi-bin/gettoken")).toHaveLength(2);
    expect(sentTexts(h.fake, "a")).toHaveLength(2);
    expect((await outbox()).every((m) => m.status === "sent")).toBe(true);
  });

  it("50 parallel callbacks → one gettoken", async () => {
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) => h.sendText(`user${i}`, "帮助")));
    expect(res.every((r) => r.status === 200)).toBe(true);
    await h.drain();
    expect(h.fake.callsTo("/cgi-bin/gettoken")).toHaveLength(1);
    expect(h.fake.sentMessages()).toHaveLength(50);
  });

  it("WeCom down for a while: delivered later, once", async () => {
    h.fake.up = false;
    await h.sendText("b", "帮助");
    await h.drain();
    let [m] = await outbox();
    expect(m).toMatchObject({ status: "pending", attempts: 1 });
    expect(m!.nextAttemptAt.getTime()).toBeGreaterThan(h.clock.now().getTime());
    for (let i = 0; i < 4; i++) {
      h.clock.advance(60_000);
      await h.drain();
    }
    [m] = await outbox();
    expect(m!.status).toBe("pending");
    expect(m!.attempts).toBeGreaterThanOrEqual(3);
    h.fake.up = true;
    h.clock.advance(15 * 60_000);
    await h.drain();
    [m] = await outbox();
    expect(m!.status).toBe("sent");
    expect(sentTexts(h.fake, "b")).toHaveLength(1);
    h.clock.advance(60 * 60_000);
    await h.drain();
    expect(sentTexts(h.fake, "b")).toHaveLength(1);
  });

  it("HTTP 5xx and rate-limit errcodes are retried with backoff", async () => {
    h.fake.failNext("/cgi-bin/message/send", { kind: "http", status: 502 });
    h.fake.failNext("/cgi-bin/message/send", { kind: "errcode", errcode: 45009 });
    await h.sendText("c", "帮助");
    await h.drain();
    h.clock.advance(2_000);
    await h.drain();
    h.clock.advance(4_000);
    await h.drain();
    const [m] = await outbox();
    expect(m).toMatchObject({ status: "sent", attempts: 3 });
    expect(sentTexts(h.fake, "c")).toHaveLength(1);
  });

  it("after maxAttempts the message is marked failed and shows in /metrics", async () => {
    h.fake.up = false;
    await h.sendText("d", "帮助");
    for (let i = 0; i < 14; i++) {
      await h.drain();
      h.clock.advance(16 * 60_000);
    }
    const [m] = await outbox();
    expect(m).toMatchObject({ status: "failed", attempts: 12 });
    const metrics = (await h.request.get("/metrics")).text;
    expect(metrics).toMatch(/wecrm_outbox_failed_total\{channel="wecom"\} 1/);
    expect(metrics).toMatch(/wecrm_outbox_backlog\{status="failed"\} 1/);
    expect(metrics).toMatch(/wecrm_wecom_api_errors_total\{api="\/cgi-bin\/gettoken",code="network"\} \d+/);
  });

  it("an invalid secret (40001) is reported once, not retried in a loop, and nothing is dropped", async () => {
    h.fake.secretValid = false;
    await h.sendText("e", "帮助");
    await h.sendText("f", "帮助");
    for (let i = 0; i < 5; i++) {
      await h.drain();
      h.clock.advance(1_000);
    }
    expect(h.fake.callsTo("/cgi-bin/gettoken")).toHaveLength(1);
    expect((await outbox()).map((m) => m.status)).toEqual(["pending", "pending"]);
    expect(h.server.core.dispatcher.configErrors()).toEqual(["wecom"]);
    expect((await h.request.get("/healthz")).body.configErrors).toEqual(["wecom"]);
    // The admin fixes the secret; after the pause (or a restart) everything goes out.
    h.fake.secretValid = true;
    h.clock.advance(15 * 60_000);
    await h.drain();
    expect(sentTexts(h.fake)).toHaveLength(2);
  });

  it("after the secret is fixed, a restart sends held replies at once; /healthz is degraded meanwhile", async () => {
    h.fake.secretValid = false;
    await h.sendText("held", "帮助");
    await h.drain();
    expect((await outbox()).map((m) => m.status)).toEqual(["pending"]);
    const degraded = await h.request.get("/healthz");
    expect(degraded.status).toBe(200); // acks still work: load balancers keep routing
    expect(degraded.body.status).toBe("degraded");
    expect(degraded.body.reasons[0]).toMatch(/^wecom: /);
    h.fake.secretValid = true;
    h.restart();
    await h.drain(); // no clock advance: nothing waits out the 15-minute pause
    expect(sentTexts(h.fake, "held")).toHaveLength(1);
    expect((await h.request.get("/healthz")).body.status).toBe("ok");
  });

  it("a healthy send on the channel releases the other held replies and clears the error", async () => {
    h.fake.secretValid = false;
    await h.sendText("p", "帮助");
    await h.drain();
    h.fake.secretValid = true;
    h.clock.advance(15 * 60_000 + 1); // the quiet re-probe after the pause
    await h.sendText("q", "帮助");
    await h.drain();
    expect(sentTexts(h.fake, "p")).toHaveLength(1);
    expect(sentTexts(h.fake, "q")).toHaveLength(1);
    expect(h.server.core.dispatcher.configErrors()).toEqual([]);
    expect((await h.request.get("/healthz")).body.status).toBe("ok");
  });

  it("a permanent error (all recipients invalid, 81013) fails at once", async () => {
    h.fake.failNext("/cgi-bin/message/send", { kind: "errcode", errcode: 81013 });
    await h.sendText("g", "帮助");
    await h.drain();
    expect((await outbox())[0]).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("throttles per recipient: a burst waits instead of being silently dropped by WeCom", async () => {
    for (let i = 0; i < 30; i++) await h.sendText("h", "帮助");
    await h.drain();
    expect(sentTexts(h.fake, "h")).toHaveLength(25);
    const waiting = (await outbox()).filter((m) => m.status === "pending");
    expect(waiting).toHaveLength(5);
    h.clock.advance(60_001);
    await h.drain();
    expect(sentTexts(h.fake, "h")).toHaveLength(30);
  });
});
