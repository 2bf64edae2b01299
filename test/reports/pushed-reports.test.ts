// The pushed reports with pictures, through the scheduler (manual clock) and the fake WeCom:
// the Monday weekly report (markdown with target progress, then the funnel, target progress
// and 成交 ranking pictures and their numbers as text), 周报 on demand, the monthly report to
// admins on the 1st, and a team's weekly report to its group robot.
import { afterEach, describe, expect, it } from "vitest";
import { FakeGroupRobot } from "../support/fake-group-robot.ts";
import { sentTexts, startHarness, START, type Harness } from "../support/harness.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROBOT_KEY = "robot-key-0123456789-abcdef";
let h: Harness;
let robot: FakeGroupRobot | undefined;
afterEach(async () => {
  await h.dispose();
  await robot?.stop();
  robot = undefined;
});

async function setUp(o: { weekly?: boolean; yaml?: string; env?: Record<string, string> } = {}) {
  h = await startHarness({
    env: { CRM_ADMINS: "it_admin", ...o.env },
    crmYaml: `reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: ${o.weekly !== false} }\nopportunities:\n  winFromLastStages: 0\n${o.yaml ?? ""}`,
    dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 },
  });
  h.fake.users = { rep_a: "王芳", rep_b: "李雷", boss: "赵总", it_admin: "管理员" };
  for (const line of ["团队 新建 华东一组", "团队 加入 华东一组 rep_a", "团队 加入 华东一组 rep_b", "团队 加入 华东一组 boss", "团队 角色 boss 主管", "团队 主管 rep_a boss", "团队 主管 rep_b boss"]) await say("it_admin", line);
  // 王芳 wins 48万 and keeps one open deal; 李雷 wins 12万.
  await say("rep_a", "新建线索 张伟 13811112222 华为 展会");
  await say("rep_a", "转化 张伟");
  await say("rep_a", "推进 #1 需求确认");
  await say("rep_a", "赢单 #1 48万");
  await say("rep_a", "新建线索 周八 13811113333 小米 展会");
  await say("rep_a", "转化 周八");
  await say("rep_a", "商机 #2 金额:30万");
  await say("rep_b", "新建线索 陈静 13822224444 京东 展会");
  await say("rep_b", "转化 陈静");
  await say("rep_b", "赢单 #3 12万");
  expect(await say("boss", "目标 王芳 2026-11 成交50万 回款40万")).toContain("王芳");
  expect(await say("boss", "目标 李雷 2026-11 成交20万")).toContain("李雷");
}
async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const at = (ms: number) => h.clock.set(new Date(START.getTime() + ms));
const newTo = (who: string, since: number) => h.fake.sentMessages().slice(since).filter((m) => m["touser"] === who);
const content = (m: Record<string, unknown>) => (m["text"] as { content: string } | undefined)?.content ?? (m["markdown"] as { content: string } | undefined)?.content ?? "";
const images = (msgs: Array<Record<string, unknown>>) => msgs.filter((m) => m["msgtype"] === "image");
const uploadsSince = (n: number) => h.fake.uploads.slice(n).map((u) => `${u.type}:${u.filename.replace(/-[0-9a-z]{8,9}-/, "-X-")}`);

describe("pushed reports with pictures", () => {
  it("Monday 09:00: the manager gets the week's markdown with target progress, three pictures and their numbers", async () => {
    await setUp();
    at(7 * DAY - HOUR + 5 * 60_000); // Mon Nov 30 09:05
    const mark = h.fake.sentMessages().length;
    const up = h.fake.uploads.length;
    await h.runJobs();
    const got = newTo("boss", mark);
    const md = content(got.find((m) => m["msgtype"] === "markdown")!);
    expect(md.split("\n")[0]).toBe("**团队周报（11月23日–11月29日）**");
    expect(md).toContain("> 王芳：新线索 2 · 跟进 0 · 推进 1 · 赢单 1（48万） · 输单 0");
    expect(md.split("\n").at(-1)).toBe("2026年11月目标进度：成交 60万/70万（86%） · 回款 0 元/40万（0%）");
    expect(images(got)).toHaveLength(3);
    expect(uploadsSince(up)).toEqual(["image:funnel-X-2026-11-30.png", "image:targets-X-2026-11.png", "image:leaderboard-X-2026-11.png"]);
    for (const u of h.fake.uploads.slice(up)) expect(u.content.subarray(1, 4).toString()).toBe("PNG");
    const numbers = got.map(content).find((t) => t.startsWith("图中数字"))!;
    expect(numbers.split("\n")).toEqual([
      "图中数字：",
      "销售漏斗（11月30日）：初步沟通 1个 30万",
      "2026年11月目标：王芳 成交 48万/50万（96%） 回款 0 元/40万（0%）；李雷 成交 12万/20万（60%） 回款 0 元",
      "2026年11月成交排行：1. 王芳 48万 2. 李雷 12万",
    ]);
    // a rep gets no weekly report
    expect(newTo("rep_a", mark).filter((m) => m["msgtype"] === "markdown")).toHaveLength(0);
  });

  it("周报 on demand: a manager the team's last week, a rep their own; a bad word gets the usage", async () => {
    await setUp({ weekly: false });
    at(7 * DAY + HOUR); // Mon Nov 30 11:00
    let mark = h.fake.sentMessages().length;
    await say("boss", "周报");
    let got = newTo("boss", mark);
    expect(content(got[0]!).split("\n")[0]).toBe("**团队周报（11月23日–11月29日）**");
    expect(images(got)).toHaveLength(3);
    mark = h.fake.sentMessages().length;
    await say("rep_a", "周报 上周");
    got = newTo("rep_a", mark);
    expect(content(got[0]!).split("\n").slice(0, 2)).toEqual(["**我的周报（11月23日–11月29日）**", "> 王芳：新线索 2 · 跟进 0 · 推进 1 · 赢单 1（48万） · 输单 0"]);
    expect(got.map(content).join("\n")).not.toContain("李雷");
    // 今日待办 ends with the rep's own progress this month
    expect((await say("rep_a", "今日待办")).split("\n").at(-1)).toBe("2026年11月目标进度：成交 48万/50万（96%） · 回款 0 元/40万（0%）");
    expect(await say("rep_b", "今日待办")).toContain("2026年11月目标进度：成交 12万/20万（60%） · 回款 0 元");
    expect(await say("rep_a", "周报 去年")).toBe("看不懂「去年」。可以写：周报、周报 上周、周报 本周\n用法：周报 [上周|本周]（默认上周）");
  });

  it("the 1st at 09:00: admins get last month per team and for the company, with the pictures", async () => {
    await setUp({ weekly: false });
    at(8 * DAY - HOUR + 5 * 60_000); // Tue Dec 1 09:05
    const mark = h.fake.sentMessages().length;
    await h.runJobs();
    const got = newTo("it_admin", mark);
    const md = content(got.find((m) => m["msgtype"] === "markdown")!).split("\n");
    expect(md[0]).toBe("**月度报告（2026年11月）**");
    expect(md).toContain("> 华东一组（3 人）：新线索 3 · 跟进 0 · 赢单 2（60万）· 输单 0 · 回款 0 元");
    expect(md).toContain("全公司：新线索 3 · 跟进 0 · 赢单 2（60万）· 输单 0 · 回款 0 元");
    expect(images(got).length).toBeGreaterThanOrEqual(2);
    expect(newTo("boss", mark).filter((m) => m["msgtype"] === "markdown")).toHaveLength(0);
    at(9 * DAY);
    await h.runJobs();
    expect(newTo("it_admin", mark).filter((m) => m["msgtype"] === "markdown")).toHaveLength(1); // once a month
  });

  it("a team with a group robot gets its weekly report in the group; the key never reaches the outbox", async () => {
    robot = await new FakeGroupRobot().start();
    await setUp({ yaml: `reports:\n  groupRobots:\n    华东一组: ${ROBOT_KEY}\n`, env: { WECOM_ROBOT_BASE: robot.baseUrl } });
    at(7 * DAY - HOUR + 5 * 60_000);
    await h.runJobs();
    await h.drain();
    const calls = robot.calls.filter((c) => c.key === ROBOT_KEY);
    const md = calls.find((c) => c.body["msgtype"] === "markdown")!.body["markdown"] as { content: string };
    expect(md.content.split("\n")[0]).toBe("**华东一组周报（11月23日–11月29日）**");
    expect(calls.filter((c) => c.body["msgtype"] === "image")).toHaveLength(3);
    const rows = await h.tdb.db.prisma.outboxMessage.findMany({ where: { channel: "group_robot" } });
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(ROBOT_KEY);
  });
});
