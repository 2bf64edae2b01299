// The daily receivables check through the real scheduler: 3 days ahead the owner is reminded,
// the day after the due date an overdue card (已回款 / 推迟7天) comes, 7 days overdue the
// manager is told — each exactly once, even when the check runs twice a day or days are
// missed; the card's buttons record the rest of the instalment or postpone it a week.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_KEY_PREFIX } from "../../src/bot/router-keys.ts";
import { startHarness, START, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, day, plansOf, say } from "./fixtures.ts";

type Card = { task_id: string; main_title: { title: string }; button_list: Array<{ key: string; text: string }> };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: Harness;
let c1 = { id: "", number: "" };
let c2 = { id: "", number: "" };
beforeAll(async () => {
  h = await startHarness({
    env: { CRM_ADMINS: "rj_admin" },
    crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\nopportunities:\n  defaultStallDays: 1000\n",
    dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 },
  });
  h.fake.users = { rj_rep: "王芳", rj_boss: "赵总", rj_admin: "管理员" };
  await say(h, "rj_boss", "帮助");
  await say(h, "rj_admin", "团队 主管 rj_rep rj_boss");
  const cust = await customerOf(h, "rj_rep", "华为技术有限公司", "13811112202");
  c1 = await contractFor(h, "rj_rep", cust, 10_000_000);
  await say(h, "rj_rep", `回款计划 ${c1.number} 2026-11-26 5万，2026-12-31 5万`);
  c2 = await contractFor(h, "rj_rep", cust, 3_000_000);
  await say(h, "rj_rep", `回款计划 ${c2.number} 2026-11-25 3万`);
});
afterAll(() => h.dispose());

/** Nov 23 + d days at hh:mm Shanghai (START is Nov 23 10:00). */
const at = (d: number, hour: number, minute = 0) => h.clock.set(new Date(START.getTime() + d * DAY + (hour - 10) * HOUR + minute * 60_000));
const since = (who: string, mark: number) => h.fake.sentMessages().slice(mark).filter((m) => m["touser"] === who);
const cardsOf = (msgs: Array<Record<string, unknown>>) => msgs.filter((m) => m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);
/** A second check the same day (another replica, a retry): a job of the same kind outside the plan. */
async function extraRun() {
  await h.tdb.db.prisma.job.create({ data: { kind: "receivables-check", payload: { occurrence: "extra" }, dueAt: h.clock.now(), runAt: h.clock.now() } });
  await h.runJobs();
}

describe("the daily receivables check", () => {
  let overdueCard: Card | undefined;
  it("reminds the owner 3 days ahead, once", async () => {
    const mark = h.fake.sentMessages().length;
    at(0, 9, 5);
    await h.runJobs();
    await extraRun();
    at(0, 10, 0);
    await h.runJobs();
    const got = since("rj_rep", mark);
    expect(got).toHaveLength(1);
    const text = (got[0]!["text"] as { content: string }).content;
    // c2 (due Nov 25) and c1's first instalment (Nov 26) are both within 3 days: one digest
    expect(text).toContain(`合同 ${c2.number}（华为技术有限公司）第1期 2026-11-25 到期，还有 3万 未回款。`);
    expect(text).toContain(`合同 ${c1.number}（华为技术有限公司）第1期 2026-11-26 到期，还有 5万 未回款。`);
    expect((await plansOf(h, c1.id))[0]!.remindedAt).not.toBeNull();
    expect((await plansOf(h, c1.id))[1]!.remindedAt).toBeNull();
  });

  it("the day after the due date: an overdue card to the owner, once", async () => {
    at(1, 9, 5); // Nov 24: nothing due yet
    let mark = h.fake.sentMessages().length;
    await h.runJobs();
    expect(since("rj_rep", mark)).toHaveLength(0);
    at(3, 9, 5); // Nov 26: c2 (due Nov 25) is overdue; c1's first is due today, not overdue
    mark = h.fake.sentMessages().length;
    await h.runJobs();
    await extraRun();
    const cards = cardsOf(since("rj_rep", mark));
    expect(cards.map((c) => c.main_title.title)).toEqual([`回款逾期：${c2.number} 第1期`]);
    expect(cards[0]!.button_list.map((b) => [b.text, b.key])).toEqual([
      ["已回款", `${COMMAND_KEY_PREFIX}回款计划 ${c2.number} 第1期 已回款`],
      ["推迟7天", `${COMMAND_KEY_PREFIX}回款计划 ${c2.number} 第1期 推迟 7天`],
    ]);
    overdueCard = cards[0];
  });

  it("推迟7天 postpones the instalment a week from today and a new due date gets its own notices", async () => {
    h.clock.advance(60_000);
    await h.clickCard("rj_rep", overdueCard!.button_list[1]!.key, overdueCard!.task_id, "rc-postpone");
    await h.drain();
    expect(h.fake.cardUpdates().at(-1)).toMatchObject({ userids: ["rj_rep"], response_code: "rc-postpone", button: { replace_name: "已推迟" } });
    const plan = (await plansOf(h, c2.id))[0]!;
    expect([day(plan.dueDate), plan.remindedAt, plan.overdueNoticeAt]).toEqual(["2026-12-03", null, null]);
  });

  it("missed days: 7 days overdue the manager is told once; the owner's card came once", async () => {
    at(4, 9, 5); // Nov 27: c1's first overdue → card; c2 (now due Dec 3) within 3 days? no (6 days)
    let mark = h.fake.sentMessages().length;
    await h.runJobs();
    const cards = cardsOf(since("rj_rep", mark));
    expect(cards.map((c) => c.main_title.title)).toEqual([`回款逾期：${c1.number} 第1期`]);
    overdueCard = cards[0];
    at(10, 9, 5); // Dec 3 (days in between missed): c1's first is 7 days overdue; c2 due today → reminded
    mark = h.fake.sentMessages().length;
    await h.runJobs();
    await extraRun();
    const boss = since("rj_boss", mark).map((m) => (m["text"] as { content: string }).content);
    expect(boss).toEqual([`王芳 的合同 ${c1.number}（华为技术有限公司）第1期 2026-11-26 已逾期 7 天，未回 5万。`]);
    const rep = since("rj_rep", mark).map((m) => (m["text"] as { content: string }).content);
    expect(rep).toHaveLength(1);
    expect(rep[0]).toContain(`合同 ${c2.number}（华为技术有限公司）第1期 2026-12-03 到期`);
    at(11, 9, 5);
    mark = h.fake.sentMessages().length;
    await h.runJobs();
    // Dec 4: c2 overdue again after the postponement → its new card, nothing else
    expect(cardsOf(since("rj_rep", mark)).map((c) => c.main_title.title)).toEqual([`回款逾期：${c2.number} 第1期`]);
    expect(since("rj_boss", mark)).toHaveLength(0);
  });

  it("已回款 records the rest of the instalment, received today, and marks the card", async () => {
    h.clock.advance(60_000);
    await h.clickCard("rj_rep", overdueCard!.button_list[0]!.key, overdueCard!.task_id, "rc-paid");
    await h.drain();
    expect(h.fake.cardUpdates().at(-1)).toMatchObject({ response_code: "rc-paid", button: { replace_name: "已记回款" } });
    const payment = await h.tdb.db.prisma.payment.findFirstOrThrow({ where: { contractId: c1.id } });
    expect([Number(payment.amountFen), day(payment.receivedOn), payment.status]).toEqual([5_000_000, "2026-12-04", "confirmed"]);
    expect((await plansOf(h, c1.id)).map((p) => Number(p.paidFen))).toEqual([5_000_000, 0]);
    // a second click on the same card records nothing more
    h.clock.advance(60_000);
    await h.clickCard("rj_rep", overdueCard!.button_list[0]!.key, overdueCard!.task_id, "rc-paid-2");
    await h.drain();
    expect(await h.tdb.db.prisma.payment.count({ where: { contractId: c1.id } })).toBe(1);
  });
});
