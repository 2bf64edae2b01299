// receivables.checkHour inside the quiet hours (07:00, quiet until 08:00): the daily check
// waits for the quiet hours to end, then sends its notices once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHarness, START, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, say } from "./fixtures.ts";

const HOUR = 3_600_000;
let h: Harness;
let number = "";
beforeAll(async () => {
  h = await startHarness({
    crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\nopportunities:\n  defaultStallDays: 1000\nreceivables:\n  checkHour: 7\n",
    dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 },
  });
  h.fake.users = { rq_rep: "王芳" };
  const cust = await customerOf(h, "rq_rep", "华为技术有限公司", "13811112206");
  const c = await contractFor(h, "rq_rep", cust, 1_000_000);
  number = c.number;
  await say(h, "rq_rep", `回款计划 ${number} 2026-11-26 1万`);
});
afterAll(() => h.dispose());

it("waits out the quiet hours, then reminds once", async () => {
  const texts = () => h.fake.sentMessages().filter((m) => m["touser"] === "rq_rep").map((m) => (m["text"] as { content?: string } | undefined)?.content ?? "");
  const reminded = () => texts().filter((t) => t.includes(`合同 ${number}`) && t.includes("到期"));
  h.clock.set(new Date(START.getTime() + 21 * HOUR + 5 * 60_000)); // Nov 24 07:05 Shanghai
  await h.runJobs();
  expect(reminded()).toHaveLength(0);
  h.clock.set(new Date(START.getTime() + 22 * HOUR + 60_000)); // 08:01
  await h.runJobs();
  h.clock.advance(HOUR);
  await h.runJobs();
  expect(reminded()).toEqual([`合同 ${number}（华为技术有限公司）第1期 2026-11-26 到期，还有 1万 未回款。`]);
});
