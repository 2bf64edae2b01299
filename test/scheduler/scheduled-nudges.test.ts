// Every scheduled nudge through the real pipeline (signed webhook in, fake WeCom out) with
// an injected clock: lead first-contact SLA and escalation, stalled deals with 需要支持,
// the daily agenda, the weekly report, birthdays and date fields, and dead jobs.
import { afterEach, describe, expect, it } from "vitest";
import { sentTexts, startHarness, START, type Harness } from "../support/harness.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: Harness;
afterEach(() => h.dispose());

async function setUp(yaml = "") {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" }, crmYaml: yaml, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { rep_a: "王芳", boss: "赵总", it_admin: "管理员" };
  await say("boss", "帮助");
  await say("it_admin", "团队 主管 rep_a boss");
}
async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const at = (ms: number) => h.clock.set(new Date(START.getTime() + ms));
const newTo = (who: string, since: number) => h.fake.sentMessages().slice(since).filter((m) => m["touser"] === who);
const texts = (msgs: Array<Record<string, unknown>>) =>
  msgs.map((m) => (m["text"] as { content: string } | undefined)?.content ?? (m["markdown"] as { content: string } | undefined)?.content ?? (m["template_card"] as { main_title: { title: string } }).main_title.title);
const NO_DIGESTS = "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n";

describe("lead first-contact SLA", () => {
  it("reminds the owner after 24 h without a follow-up, then tells the manager 24 h later; a follow-up stops it", async () => {
    await setUp(NO_DIGESTS);
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    await say("rep_a", "新建线索 赵敏 13822223333 小米 展会");
    at(HOUR);
    await say("rep_a", "跟进 赵敏 打过电话了");
    let mark = h.fake.sentMessages().length;
    at(DAY - 60_000);
    await h.runJobs();
    expect(newTo("rep_a", mark)).toHaveLength(0);
    at(DAY);
    await h.runJobs();
    const reminder = newTo("rep_a", mark);
    expect(reminder).toHaveLength(1);
    const card = reminder[0]!["template_card"] as { main_title: { title: string; desc: string }; horizontal_content_list: Array<{ keyname: string; value: string }> };
    expect(card.main_title).toEqual({ title: "线索待首次跟进", desc: "已超过 24 小时未跟进，请尽快联系" });
    expect(card.horizontal_content_list[0]).toMatchObject({ keyname: "姓名", value: "#1 张伟" });
    mark = h.fake.sentMessages().length;
    at(2 * DAY);
    await h.runJobs();
    expect(texts(newTo("boss", mark))).toEqual(["【升级】王芳 的线索 #1 张伟（华为） 已超过 48 小时未跟进。可用「分配 #1 <销售>」转给他人。"]);
    expect(newTo("rep_a", mark)).toHaveLength(0);
    at(5 * DAY);
    await h.runJobs();
    expect(newTo("boss", mark)).toHaveLength(1);
  });

  it("grade A gets 12 h; an escalation is urgent and ignores quiet hours, the owner's reminder waits for 08:00", async () => {
    await setUp(`${NO_DIGESTS}  leadFirstContactHours: 24\n  urgentLeadFirstContactHours: 11\n  leadEscalationHours: 14\n`);
    await say("rep_a", "新建线索 陈静 13833334444 字节跳动 转介绍"); // 80 points: grade A
    const mark = h.fake.sentMessages().length;
    at(11 * HOUR); // 21:00 Shanghai: quiet
    await h.runJobs();
    expect(newTo("rep_a", mark)).toHaveLength(0);
    at(22 * HOUR + 5 * 60_000); // 08:05
    await h.runJobs();
    expect(texts(newTo("rep_a", mark))).toEqual(["线索待首次跟进"]);
    at(36 * HOUR + 5 * 60_000); // 22:05 next day: quiet, but urgent
    await h.runJobs();
    expect(texts(newTo("boss", mark))[0]).toMatch(/^【升级】王芳 的线索 #1 陈静（字节跳动） 已超过 25 小时未跟进/);
  });
});

describe("stalled opportunities", () => {
  it("after 5 days in a stage the owner gets a card; 需要支持 tells the manager; moving on stops it", async () => {
    await setUp(NO_DIGESTS);
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    await say("rep_a", "转化 张伟");
    await say("rep_a", "新建线索 刘洋 13844445555 美团 展会");
    await say("rep_a", "转化 刘洋");
    at(2 * DAY);
    await say("rep_a", "推进 #2 需求确认");
    const mark = h.fake.sentMessages().length;
    at(5 * DAY);
    await h.runJobs();
    const cards = newTo("rep_a", mark).map((m) => m["template_card"] as { task_id: string; main_title: { title: string; desc: string }; button_list: Array<{ key: string; text: string }> });
    expect(cards).toHaveLength(1);
    expect(cards[0]!.main_title).toEqual({ title: "商机停滞", desc: "在「初步沟通」已 5 天未推进" });
    expect(cards[0]!.button_list.map((b) => b.text)).toEqual(["需要支持", "查看商机"]);
    await h.clickCard("rep_a", cards[0]!.button_list[0]!.key, cards[0]!.task_id);
    await h.drain();
    expect(sentTexts(h.fake, "rep_a").at(-1)).toBe("已通知 赵总，请等待支持。");
    expect(sentTexts(h.fake, "boss").at(-1)).toBe("王芳 的商机 #1（华为）在「初步沟通」已 5 天未推进，需要你的支持。");
    at(7 * DAY); // #2 moved on day 2: stalled on day 7
    await h.runJobs();
    expect(newTo("rep_a", mark).filter((m) => m["msgtype"] === "template_card")).toHaveLength(2);
    at(10 * DAY); // #1 again after another 5 days
    await h.runJobs();
    expect(newTo("rep_a", mark).filter((m) => m["msgtype"] === "template_card")).toHaveLength(3);
  });

  it("after a pause a stalled deal is told once per period, not once per missed round; 查看商机 shows the deal", async () => {
    await setUp(NO_DIGESTS);
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    await say("rep_a", "转化 张伟");
    await say("rep_a", "商机 #1 预算:50万 需求:私有化部署");
    const mark = h.fake.sentMessages().length;
    at(16 * DAY); // down since day 0: rounds due on days 5, 10, 15 were all missed
    h.restart();
    await h.runJobs();
    at(16 * DAY + HOUR);
    await h.runJobs();
    const cards = () => newTo("rep_a", mark).filter((m) => m["msgtype"] === "template_card").map((m) => m["template_card"] as { task_id: string; button_list: Array<{ key: string; text: string }> });
    expect(cards()).toHaveLength(1);
    // The button shows the deal (typing 商机 #1 alone does the same).
    const view = cards()[0]!.button_list.find((b) => b.text === "查看商机")!;
    await h.clickCard("rep_a", view.key, cards()[0]!.task_id);
    await h.drain();
    const shown = sentTexts(h.fake, "rep_a").at(-1)!;
    expect(shown.split("\n").slice(0, 4)).toEqual(["商机 #1 华为（华为）", "阶段：初步沟通（已 16 天）", "预算：50万", "需求分析：私有化部署"]);
    expect(await say("rep_a", "商机 #1")).toBe(shown);
    // The next notice comes one period after the last one due (day 20), not before.
    at(19 * DAY);
    await h.runJobs();
    expect(cards()).toHaveLength(1);
    at(20 * DAY);
    await h.runJobs();
    expect(cards()).toHaveLength(2);
  });
});

describe("recurring digests", () => {
  it("09:00 agenda: today's reminders, overdue ones, stalled deals; nothing to say, nothing sent", async () => {
    await setUp("reminders:\n  weeklyReport: { enabled: false }\n");
    await h.runJobs(); // today's 09:00 (an hour ago) with nothing on it
    expect(h.fake.sentMessages().filter((m) => (m["text"] as { content?: string } | undefined)?.content?.startsWith("今日待办"))).toHaveLength(0);
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    await say("rep_a", "转化 张伟");
    await say("rep_a", "提醒 明天上午8点 准备周会");
    await say("rep_a", "提醒 12月1日下午3点 拜访华为");
    at(DAY - HOUR); // Tue 09:00
    const mark = h.fake.sentMessages().length;
    await h.runJobs();
    at(DAY - HOUR + 5 * 60_000);
    await h.runJobs();
    const agenda = texts(newTo("rep_a", mark)).find((t) => t.startsWith("今日待办"))!;
    expect(agenda).toBeUndefined(); // 08:00 reminder already fired at 08:00 (its own card); nothing else today
    at(8 * DAY - HOUR + 5 * 60_000); // Tue Dec 1 09:05
    await h.runJobs();
    const dec1 = texts(newTo("rep_a", mark)).filter((t) => t.startsWith("今日待办"));
    expect(dec1).toHaveLength(1);
    expect(dec1[0]).toBe(
      ["今日待办（12月1日）", "今天的提醒：", "• [2] 15:00 拜访华为", "逾期未完成：", "• [1] 11月24日 08:00 准备周会", "停滞的商机：", "• #1 华为 · 初步沟通 · 7 天"].join("\n"),
    );
  });

  it("Monday 09:00 report to each manager: per rep numbers as markdown", async () => {
    await setUp("reminders:\n  dailyAgenda: { enabled: false }\nopportunities:\n  winFromLastStages: 0\n"); // 赢单 from 需求确认 without approval
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    await say("rep_a", "转化 张伟");
    await say("rep_a", "跟进 华为 聊了需求");
    await say("rep_a", "推进 #1 需求确认");
    await say("rep_a", "赢单 #1 48万");
    at(7 * DAY - HOUR + 5 * 60_000); // Mon Nov 30 09:05
    const mark = h.fake.sentMessages().length;
    await h.runJobs();
    const reports = newTo("boss", mark).filter((m) => m["msgtype"] === "markdown");
    expect(reports).toHaveLength(1);
    expect(texts(reports)[0]).toBe(
      ["**团队周报（11月23日–11月29日）**", "> 赵总：新线索 0 · 跟进 0 · 推进 0 · 赢单 0 · 输单 0", "> 王芳：新线索 1 · 跟进 1 · 推进 1 · 赢单 1（48万） · 输单 0", "合计：新线索 1 · 跟进 1 · 推进 1 · 赢单 1（48万）· 输单 0 · 回款 0 元"].join("\n"),
    );
    at(8 * DAY);
    await h.runJobs();
    expect(newTo("boss", mark).filter((m) => m["msgtype"] === "markdown")).toHaveLength(1);
  });

  it("after downtime the agenda comes once a day: a missed day's agenda is not sent on the next morning beside that day's", async () => {
    await setUp("reminders:\n  weeklyReport: { enabled: false }\n");
    await say("rep_a", "提醒 今天下午3点 回访华为"); // overdue from then on: every agenda has something
    at(5 * HOUR); // Mon 15:00
    await h.runJobs();
    const mark = h.fake.sentMessages().length;
    at(DAY + 22 * HOUR); // down from Mon evening to Wed 08:00: Tue 09:00 was missed by 23 hours
    h.restart();
    await h.runJobs();
    at(2 * DAY - HOUR + 10 * 60_000); // Wed 09:10
    await h.runJobs();
    await h.runJobs();
    const agendas = texts(newTo("rep_a", mark)).filter((t) => t.startsWith("今日待办"));
    expect(agendas).toHaveLength(1);
    expect(agendas[0]!.split("\n")[0]).toBe("今日待办（11月25日）");
  });

  it("missed for more than a day (downtime), a digest is skipped rather than sent late", async () => {
    await setUp("reminders:\n  dailyAgenda: { enabled: false }\n");
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    at(14 * DAY + 2 * DAY); // Mon Dec 7's report, two days after
    const mark = h.fake.sentMessages().length;
    h.restart();
    await h.runJobs();
    expect(newTo("boss", mark).filter((m) => m["msgtype"] === "markdown")).toHaveLength(0);
  });
});

describe("the daily sweep", () => {
  it("birthdays a week ahead and expected close dates (7 days, 1 day, overdue) reach the owner as one digest", async () => {
    await setUp(NO_DIGESTS);
    await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
    await say("rep_a", "转化 张伟");
    await h.tdb.db.prisma.contact.updateMany({ data: { birthday: new Date("1985-12-01T00:00:00Z") } });
    await say("rep_a", "商机 #1 预计成交:2026-12-01");
    at(DAY - 90 * 60_000 + 60_000); // Tue Nov 24 08:31
    const mark = h.fake.sentMessages().length;
    await h.runJobs();
    expect(texts(newTo("rep_a", mark))).toEqual([
      ["你有 2 条提醒：", "• 12月1日 是 华为 张伟 的生日，记得送上祝福", "• 商机 #1 华为 的预计成交日期是 12月1日（还有 7 天）"].join("\n"),
    ]);
    at(9 * DAY - 90 * 60_000 + 60_000); // Wed Dec 2 08:31
    await h.runJobs();
    expect(texts(newTo("rep_a", mark).filter((m) => m["msgtype"] === "text")).at(-1)).toBe("商机 #1 华为 的预计成交日期已过 1 天（12月1日）");
  });
});

describe("failures", () => {
  it("a job that keeps failing is retried with backoff, then dead-lettered; admins are told once; /metrics counts it", async () => {
    await setUp(NO_DIGESTS);
    await h.tdb.db.prisma.job.create({ data: { kind: "agenda-fanout", payload: { occurrence: 42 }, dueAt: h.clock.now(), runAt: h.clock.now() } });
    for (let i = 0; i < 12; i++) {
      await h.runJobs();
      h.clock.advance(2 * HOUR);
    }
    const job = await h.tdb.db.prisma.job.findFirstOrThrow({ where: { kind: "agenda-fanout", uniqueKey: null } });
    expect(job.status).toBe("dead");
    expect(job.attempts).toBe(8);
    expect(job.lastError).toContain("invalid payload for agenda-fanout");
    const told = sentTexts(h.fake, "it_admin").filter((t) => t.startsWith("后台任务失败已放弃"));
    expect(told).toHaveLength(1);
    const metrics = await h.request.get("/metrics");
    expect(metrics.text).toMatch(/wecrm_jobs\{state="dead"\} 1/);
  });
});
