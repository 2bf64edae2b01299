// Nothing is lost and nothing is done twice across crashes and restarts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.dispose());

describe("crash and restart", () => {
  it("events stored but not processed before a crash are processed after restart", async () => {
    expect((await h.sendText("rep1", "新建线索 周一 13600136000")).status).toBe(200);
    expect((await h.sendText("rep1", "新建线索 周二 13600136001")).status).toBe(200);
    // The process dies here: nothing processed. A new process starts on the same database.
    h.restart();
    await h.drain();
    expect(await h.tdb.db.prisma.lead.count({ where: { ownerId: { not: null }, name: { in: ["周一", "周二"] } } })).toBe(2);
    expect(h.fake.sentMessages().filter((m) => m["touser"] === "rep1")).toHaveLength(2);
  });

  it("an event claimed by a worker that died is retried once its lease expires — and done once", async () => {
    expect((await h.sendText("rep2", "新建线索 吴三 13600136002")).status).toBe(200);
    // A worker claims it and dies before committing: status processing, lease running.
    await h.tdb.db.query(
      `UPDATE inbox_events SET status = 'processing', attempts = 1, lease_until = $1 WHERE sender_id = 'rep2'`,
      [new Date(h.clock.now().getTime() + 60_000)],
    );
    h.restart();
    await h.drain();
    expect(await h.tdb.db.prisma.lead.count({ where: { name: "吴三" } })).toBe(0); // lease still held
    h.clock.advance(61_000);
    await h.drain();
    await h.drain();
    expect(await h.tdb.db.prisma.lead.count({ where: { name: "吴三" } })).toBe(1);
    expect(h.fake.sentMessages().filter((m) => m["touser"] === "rep2")).toHaveLength(1);
  });

  it("an outbox message claimed by a dispatcher that died is sent after the lease expires", async () => {
    await h.sendText("rep3", "帮助");
    await h.server.core.worker.runOnce(); // processed; the reply waits in the outbox
    await h.tdb.db.query(`UPDATE outbox_messages SET status = 'sending', attempts = 1, lease_until = $1 WHERE recipient = 'rep3'`, [
      new Date(h.clock.now().getTime() + 60_000),
    ]);
    h.restart();
    await h.drain();
    expect(sentTexts(h.fake, "rep3")).toHaveLength(0);
    h.clock.advance(61_000);
    await h.drain();
    expect(sentTexts(h.fake, "rep3")).toHaveLength(1);
  });

  it("a handler that keeps failing is retried, then the user is told and the event marked failed", async () => {
    await h.sendText("rep4", "我的线索");
    // Break the query the action needs, as a bug or a broken database object would.
    await h.tdb.db.query(`ALTER TABLE leads RENAME TO leads_broken`);
    try {
      for (let i = 0; i < 3; i++) {
        await h.drain();
        h.clock.advance(10_000);
      }
    } finally {
      await h.tdb.db.query(`ALTER TABLE leads_broken RENAME TO leads`);
    }
    await h.drain();
    const ev = await h.tdb.db.prisma.inboxEvent.findFirst({ where: { senderId: "rep4" } });
    expect(ev).toMatchObject({ status: "failed", attempts: 3 });
    expect(sentTexts(h.fake, "rep4")).toEqual(["这条消息处理失败，已通知管理员。"]);
  });
});
