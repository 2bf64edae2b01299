// Reminders through the signed webhook and the scheduler, with an injected clock: they fire
// at the right local time, once; quiet hours defer; several at once are one digest; the
// card's buttons act for the owner only; a restart after downtime sends late ones, marked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  // The agenda and the weekly report have their own tests; here they would join the digests.
  h = await startHarness({ crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n" });
  h.fake.users = { rep_a: "王芳", rep_b: "李强" };
  await say("rep_b", "帮助");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const at = (iso: string) => h.clock.set(new Date(iso));
type Card = { task_id: string; main_title: { title: string; desc?: string }; quote_area?: { quote_text?: string }; button_list: Array<{ key: string; text: string }> };
const cardsTo = (who: string) =>
  h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);
const codeIn = (reply: string) => Number(/编号 (\d+)/.exec(reply)![1]);

describe("reminders", () => {
  it("提醒 <时间> <内容> fires once at that local time, as a card with buttons", async () => {
    at("2026-11-23T02:00:00Z"); // Mon 10:00 Shanghai
    const reply = await say("rep_a", "提醒 明天下午3点 给张总打电话");
    expect(reply).toMatch(/^好的，11月24日 15:00 提醒你：给张总打电话（编号 \d+，「取消提醒 \d+」可取消）$/);
    const code = codeIn(reply);
    at("2026-11-24T06:59:00Z");
    const before = cardsTo("rep_a").length;
    await h.runJobs();
    expect(cardsTo("rep_a")).toHaveLength(before);
    at("2026-11-24T07:00:00Z");
    await h.runJobs();
    const card = cardsTo("rep_a").at(-1)!;
    expect(cardsTo("rep_a")).toHaveLength(before + 1);
    expect(card.main_title).toEqual({ title: "提醒", desc: "11月24日 15:00" });
    expect(card.quote_area?.quote_text).toBe("给张总打电话");
    expect(card.button_list.map((b) => [b.text, b.key])).toEqual([
      ["完成", `cmd:完成提醒 ${code}`],
      ["1小时后", `cmd:推迟提醒 ${code} 1小时`],
      ["明天再提醒", `cmd:推迟提醒 ${code} 明天`],
    ]);
    at("2026-11-24T08:00:00Z");
    await h.runJobs();
    expect(cardsTo("rep_a")).toHaveLength(before + 1);
  });

  it("understands the glued form 提醒我明天上午10点… and ISO times; a bad time gets usage", async () => {
    at("2026-11-24T02:00:00Z");
    expect(await say("rep_a", "提醒我明天上午10点给李总发报价")).toMatch(/^好的，11月25日 10:00 提醒你：给李总发报价/);
    expect(await say("rep_a", "提醒 2026-12-01 09:00 续约")).toMatch(/^好的，12月1日 09:00 提醒你：续约/);
    expect(await say("rep_a", "提醒 改天 续约")).toContain("用法：提醒 <时间> <内容>");
    expect(await say("rep_a", "提醒 明天下午3点")).toContain("缺少提醒内容");
  });

  it("我的提醒 lists them; 取消提醒 stops one from firing; nobody else can touch it", async () => {
    const list = await say("rep_a", "我的提醒");
    expect(list.split("\n")[0]).toBe("你的提醒（3 条）：");
    expect(list).toContain("11月25日 10:00 给李总发报价");
    const code = Number(/\[(\d+)\] 12月1日 09:00 续约/.exec(list)![1]);
    expect(await say("rep_b", `取消提醒 ${code}`)).toBe(`找不到你的提醒「${code}」。发送「我的提醒」查看编号。`);
    expect(await say("rep_a", `取消提醒 ${code}`)).toBe(`已取消提醒 ${code}。`);
    expect(await say("rep_a", `取消提醒 ${code}`)).toBe(`提醒 ${code} 已经取消了。`);
    at("2026-12-01T01:00:00Z");
    const before = h.fake.sentMessages().length;
    await h.runJobs();
    expect(JSON.stringify(h.fake.sentMessages().slice(before))).not.toContain("续约");
  });

  it("buttons: 1小时后 snoozes, 完成 closes — only for the owner", async () => {
    at("2026-12-02T02:00:00Z");
    const code = codeIn(await say("rep_a", "提醒 今天下午2点 回访小米"));
    at("2026-12-02T06:00:00Z");
    await h.runJobs();
    const card = cardsTo("rep_a").at(-1)!;
    expect(card.quote_area?.quote_text).toBe("回访小米");
    await h.clickCard("rep_b", card.button_list[0]!.key, card.task_id);
    await h.drain();
    expect(sentTexts(h.fake, "rep_b").at(-1)).toBe(`找不到你的提醒「${code}」。发送「我的提醒」查看编号。`);
    await h.clickCard("rep_a", card.button_list[1]!.key, card.task_id, "rc-snooze");
    await h.drain();
    // The pressed card is closed with the click's response code (its buttons become a grey label).
    expect(h.fake.cardUpdates().at(-1)).toMatchObject({ userids: ["rep_a"], response_code: "rc-snooze", button: { replace_name: "已推迟" } });
    expect((await h.tdb.db.prisma.reminder.findFirstOrThrow({ where: { code } })).dueAt.toISOString()).toBe("2026-12-02T07:00:00.000Z");
    at("2026-12-02T07:00:00Z");
    await h.runJobs();
    const again = cardsTo("rep_a").at(-1)!;
    expect(again.quote_area?.quote_text).toBe("回访小米");
    expect(again.task_id).not.toBe(card.task_id);
    await h.clickCard("rep_a", again.button_list[0]!.key, again.task_id, "rc-done");
    await h.drain();
    expect(h.fake.cardUpdates().at(-1)).toMatchObject({ userids: ["rep_a"], response_code: "rc-done", button: { replace_name: "已完成" } });
    expect((await h.tdb.db.prisma.reminder.findFirstOrThrow({ where: { code } })).status).toBe("done");
  });

  it("quiet hours: a reminder due at 22:00 waits for the morning — said up front, and no false 'system paused' on release", async () => {
    at("2026-12-03T02:00:00Z");
    expect(await say("rep_a", "提醒 今天晚上10点 看合同")).toMatch(/^好的，12月3日 22:00 在免打扰时段，将于 12月4日 08:0\d 提醒你：看合同（编号 \d+，「取消提醒 \d+」可取消）$/);
    at("2026-12-03T14:00:00Z"); // 22:00
    await h.runJobs();
    expect(cardsTo("rep_a").at(-1)!.quote_area?.quote_text).not.toBe("看合同");
    const job = await h.tdb.db.prisma.job.findFirstOrThrow({ where: { kind: "reminder", status: "pending" } });
    const runAt = job.runAt.getTime();
    expect(runAt).toBeGreaterThanOrEqual(Date.parse("2026-12-04T00:00:00Z")); // 08:00
    expect(runAt).toBeLessThan(Date.parse("2026-12-04T00:05:00Z"));
    at("2026-12-04T00:05:00Z");
    await h.runJobs();
    const card = cardsTo("rep_a").at(-1)!;
    expect(card.quote_area?.quote_text).toBe("看合同");
    expect(card.main_title.desc).toMatch(/^12月3日 22:00（免打扰时段，顺延到 08:0\d）$/);
  });

  it("several due together reach the person as one digest", async () => {
    at("2026-12-04T02:00:00Z");
    await say("rep_a", "提醒 今天下午4点 事项一");
    await say("rep_a", "提醒 今天下午4点 事项二");
    await say("rep_a", "提醒 今天下午4点 事项三");
    at("2026-12-04T08:00:00Z");
    const before = h.fake.sentMessages().filter((m) => m["touser"] === "rep_a").length;
    await h.runJobs();
    const mine = h.fake.sentMessages().filter((m) => m["touser"] === "rep_a");
    expect(mine).toHaveLength(before + 1);
    const digest = sentTexts(h.fake, "rep_a").at(-1)!;
    expect(digest.split("\n")[0]).toBe("你有 3 条提醒：");
    for (const x of ["事项一", "事项二", "事项三"]) {
      // Merged, each keeps what its card's buttons did, as commands to type.
      const code = Number(new RegExp(`\\[(\\d+)\\] [^\\n]* ${x}\\n`).exec(digest)![1]);
      expect(digest).toContain(`${x}\n　完成：完成提醒 ${code}｜1小时后：推迟提醒 ${code} 1小时｜明天再提醒：推迟提醒 ${code} 明天`);
    }
  });

  it("after downtime a restarted server sends missed reminders once, marked late", async () => {
    at("2026-12-05T02:00:00Z");
    await say("rep_a", "提醒 今天下午3点 停机期间的提醒");
    at("2026-12-05T09:00:00Z"); // 17:00, two hours late
    h.restart();
    await h.runJobs();
    const card = cardsTo("rep_a").at(-1)!;
    expect(card.quote_area?.quote_text).toBe("停机期间的提醒");
    expect(card.main_title.desc).toBe("12月5日 15:00（迟到 2 小时：系统曾暂停）");
    await h.runJobs();
    expect(cardsTo("rep_a").filter((c) => c.quote_area?.quote_text === "停机期间的提醒")).toHaveLength(1);
  });

  it("跟进 … 下次 <时间> becomes a reminder that fires", async () => {
    at("2026-12-07T02:00:00Z");
    await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会");
    await say("rep_a", "跟进 张伟 电话沟通 下次 明天上午10点");
    at("2026-12-08T02:00:00Z");
    await h.runJobs();
    expect(cardsTo("rep_a").at(-1)).toMatchObject({ main_title: { title: "跟进提醒" }, quote_area: { quote_text: "跟进 张伟：电话沟通" } });
  });

  it("reads times as reps write them: a bare 3点 is this afternoon, 1小时后 an hour from now", async () => {
    at("2026-12-14T02:00:00Z"); // Mon 10:00
    const call = await say("rep_a", "提醒我3点给张总打电话");
    expect(call).toMatch(/^好的，12月14日 15:00 提醒你：给张总打电话（编号 \d+/);
    const back = await say("rep_a", "提醒 1小时后 回电话");
    expect(back).toMatch(/^好的，12月14日 11:00 提醒你：回电话（编号 \d+/);
    const due = async (reply: string) => (await h.tdb.db.prisma.reminder.findFirstOrThrow({ where: { code: codeIn(reply) } })).dueAt.toISOString();
    expect(await due(call)).toBe("2026-12-14T07:00:00.000Z");
    expect(await due(back)).toBe("2026-12-14T03:00:00.000Z");
    at("2026-12-14T03:00:00Z");
    await h.runJobs();
    expect(cardsTo("rep_a").at(-1)!.quote_area?.quote_text).toBe("回电话");
    expect(await say("rep_a", `推迟提醒 ${codeIn(back)} 半小时`)).toBe(`好的，提醒 ${codeIn(back)} 改到 12月14日 11:30。`);
  });

  it("a follow-up's next time in quiet hours says when the reminder will really come", async () => {
    at("2026-12-15T02:00:00Z"); // Tue 10:00
    expect(await say("rep_a", "跟进 张伟 发了资料 下次 今天晚上11点")).toMatch(/^已记录对 .+ 的跟进。下次跟进：12月15日 23:00，在免打扰时段，将于 12月16日 08:0\d 提醒你。$/);
    expect(await say("rep_a", "跟进 张伟 再确认一次 下次 明天下午2点")).toMatch(/下次跟进：12月16日 14:00，到时提醒你。$/);
  });
});
