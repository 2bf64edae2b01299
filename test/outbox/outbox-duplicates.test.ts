// A send WeCom delivered but answered after our client's timeout is retried; WeCom's own
// duplicate check (enable_duplicate_check) must keep the user from getting it twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ wecomTimeoutMs: 1_500 });
  h.fake.duplicateCheck = true;
});
afterAll(() => h.dispose());

describe("a WeCom answer later than the client's timeout", () => {
  it("is retried, yet each of 10 text replies reaches the user once", async () => {
    const users = Array.from({ length: 10 }, (_, i) => `slow_${i}`);
    for (const u of users) {
      h.fake.failNext("/cgi-bin/message/send", { kind: "slow", ms: 2_500 });
      await h.sendText(u, "这句话机器人看不懂但会回复");
      await h.drain();
      for (let i = 0; i < 4; i++) {
        h.clock.advance(5_000);
        await h.drain();
      }
    }
    const sendsByUser = users.map((u) => h.fake.callsTo("/cgi-bin/message/send").filter((c) => c.body?.["touser"] === u).length);
    expect(sendsByUser.every((n) => n >= 2)).toBe(true); // the timeout did cause a retry
    expect(users.map((u) => sentTexts(h.fake, u).length)).toEqual(users.map(() => 1));
    const rows = await h.tdb.db.prisma.outboxMessage.findMany({ where: { recipient: { in: users } } });
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });
});
