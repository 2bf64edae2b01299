// A backlog past the threshold shows in /healthz and /metrics, and the admins are told once
// per episode — also when two server instances (replicas) watch the same database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import supertest from "supertest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_boss", INBOX_BACKLOG_ALERT: "5", INBOX_BACKLOG_ALERT_SECONDS: "600" } });
});
afterAll(() => h.dispose());

const adminNotices = () => sentTexts(h.fake, "it_boss").filter((t) => t.includes("积压"));

describe("the inbox backlog watch", () => {
  it("is quiet under the threshold", async () => {
    for (let i = 0; i < 3; i++) await h.sendText(`rep${i}`, "帮助");
    expect(await h.server.core.backlog.check()).toMatchObject({ waiting: 3, backlogged: false });
    expect((await h.request.get("/healthz")).body.status).toBe("ok");
  });

  it("past it, /healthz says degraded (still 200), the gauges say so, and the admins are told once", async () => {
    for (let i = 3; i < 8; i++) await h.sendText(`rep${i}`, "帮助");
    expect(await h.server.core.backlog.check()).toMatchObject({ waiting: 8, backlogged: true });
    const health = await h.request.get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("degraded");
    expect(health.body.reasons.join(" ")).toContain("inbox backlog: 8 deliveries waiting");
    const metrics = (await h.request.get("/metrics")).text;
    expect(metrics).toMatch(/wecrm_inbox_backlogged 1/);

    // A second replica on the same database sees the same episode: nobody is told twice.
    const replica = h.restart();
    await replica.core.backlog.check();
    await h.server.core.backlog.check();
    await h.server.core.dispatcher.runOnce();
    expect(adminNotices()).toHaveLength(1);
    expect(adminNotices()[0]).toContain("8 条待处理");
  });

  it("once caught up, the admins hear that once too", async () => {
    await h.drain();
    expect(await h.server.core.backlog.check()).toMatchObject({ waiting: 0, backlogged: false });
    await h.server.core.backlog.check();
    await h.drain();
    expect(adminNotices()).toHaveLength(2);
    expect(adminNotices()[1]).toContain("积压已消化");
    expect((await supertest(h.server.app).get("/healthz")).body.status).toBe("ok");
  });
});
