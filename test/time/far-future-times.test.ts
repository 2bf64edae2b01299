// A time so far ahead that it cannot be stored (99999年后 is the year 102025) is not a time:
// it is refused like any unreadable time. Found while widening the property tests' values
// (a probe of extreme times; test/properties/offline-engine.property.test.ts "every time read
// can be stored" finds it without the fix: seed 20261202, path "38:0:0", 9999年后): the reminder reached the database, whose
// client refused the date, so the message failed on every retry and its sender heard nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n" });
  h.fake.users = { rep_a: "王芳" };
});
afterAll(() => h.dispose());

async function say(text: string): Promise<{ reply: string | undefined; status: string | undefined }> {
  const before = sentTexts(h.fake, "rep_a").length;
  await h.sendText("rep_a", text);
  await h.drain();
  const [last] = await h.tdb.db.query<{ status: string }>("SELECT status FROM inbox_events ORDER BY id DESC LIMIT 1");
  return { reply: sentTexts(h.fake, "rep_a").slice(before).at(-1), status: last?.status };
}

describe("times beyond the year 9999", () => {
  for (const text of ["提醒我99999年后给张总打电话", "提醒 99999年后 给张总打电话", "提醒 100000000小时后 回电话"]) {
    it(`${text}: answered as an unreadable time, nothing stored, the message done`, async () => {
      const { reply, status } = await say(text);
      expect(status).toBe("done");
      expect(reply).toBeDefined();
      expect(reply).not.toMatch(/提醒你/);
      expect(await h.tdb.db.prisma.reminder.count()).toBe(0);
    });
  }

  it("the last day that can be stored still works", async () => {
    const { reply, status } = await say("提醒 9999年12月31日 续约");
    expect(status).toBe("done");
    expect(reply).toMatch(/^好的，12月31日 09:00 提醒你：续约/);
  });
});
