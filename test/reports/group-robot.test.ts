// Team group robots (群机器人) through the outbox channel `group_robot`: the bodies WeCom expects,
// the 20-a-minute pace, 45009 retried, unknown teams failing loudly, and the key kept out of
// logs, errors and the outbox.
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GroupRobotClient } from "../../src/channels/wecom/group-robot.ts";
import { createLogger } from "../../src/log.ts";
import { enqueue, type OutgoingMessage } from "../../src/outbox/outbox.ts";
import { renderChart } from "../../src/render/charts/index.ts";
import { file, image, markdown, text, type Reply } from "../../src/render/reply.ts";
import { FakeGroupRobot } from "../support/fake-group-robot.ts";
import { startHarness, type Harness } from "../support/harness.ts";

const KEY = "9c1f0e6a-robot-key-4d2b-b7aa-0123456789ab";
const OTHER_KEY = "5e5e5e5e-second-robot-key-77";
let h: Harness;
let robot: FakeGroupRobot;
let logged = "";
let seq = 0;

beforeAll(async () => {
  robot = await new FakeGroupRobot().start();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString("utf8");
      done();
    },
  });
  h = await startHarness({
    env: { WECOM_ROBOT_BASE: robot.baseUrl },
    crmYaml: `reports:\n  groupRobots:\n    华东一部: ${KEY}\n    华南二部: ${OTHER_KEY}\n`,
    log: createLogger("debug", sink),
  });
});
afterAll(async () => {
  await h.dispose();
  await robot.stop();
});

async function send(team: string, ...replies: Reply[]): Promise<void> {
  const messages: OutgoingMessage[] = replies.map((reply) => ({ channel: "group_robot", recipient: team, reply, dedupeKey: `robot-test:${++seq}` }));
  await h.tdb.db.prisma.$transaction((tx) => enqueue(tx, messages, h.clock.now()));
  await h.drain();
}

const rows = (team: string) => h.tdb.db.prisma.outboxMessage.findMany({ where: { channel: "group_robot", recipient: team }, orderBy: { id: "asc" } });

describe("team group robot", () => {
  it("sends markdown and an image (base64 + md5) to the team's key; the image leaves the outbox once sent", async () => {
    const png = renderChart({ type: "bar", title: "本周成交", categories: ["王芳", "李雷"], series: [{ name: "成交额", values: [5, 3] }] });
    await send("华东一部", markdown("**华东一部周报**\n> 成交 8 万元"), image("周报.png", png));
    const [md, img] = robot.accepted();
    expect(md).toEqual({ key: KEY, errcode: 0, body: { msgtype: "markdown", markdown: { content: "**华东一部周报**\n> 成交 8 万元" } } });
    const sent = img!.body["image"] as { base64: string; md5: string };
    expect(img!.body["msgtype"]).toBe("image");
    expect(Buffer.from(sent.base64, "base64").equals(png)).toBe(true);
    expect(sent.md5).toBe(createHash("md5").update(png).digest("hex"));
    const out = await rows("华东一部");
    expect(out.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(out[1]!.body).toEqual({ kind: "text", text: "[sent; content removed]" });
  });

  it("markdown over 4096 bytes goes as several messages, each within the limit", async () => {
    const before = robot.calls.length;
    const long = Array.from({ length: 300 }, (_, i) => `- 客户${i}：跟进中，预计本月成交`).join("\n");
    expect(Buffer.byteLength(long)).toBeGreaterThan(4096 * 2);
    await new GroupRobotClient(axios.create({ baseURL: robot.baseUrl })).markdown(KEY, long);
    const parts = robot.calls.slice(before).map((c) => (c.body["markdown"] as { content: string }).content);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => Buffer.byteLength(p) <= 4096)).toBe(true);
    expect(parts.join("\n").replace(/\n+/g, "\n")).toBe(long);
  });

  it("paces each robot to 20 messages a minute: the 21st waits for the minute, without using up an attempt", async () => {
    const before = robot.accepted().length;
    await send("华南二部", ...Array.from({ length: 21 }, (_, i) => text(`第${i + 1}条`)));
    expect(robot.accepted().length - before).toBe(20);
    let last = (await rows("华南二部")).at(-1)!;
    expect(last).toMatchObject({ status: "pending", attempts: 0 });
    expect(last.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(h.clock.now().getTime() + 59_000);
    h.clock.advance(61_000);
    await h.drain();
    last = (await rows("华南二部")).at(-1)!;
    expect(last.status).toBe("sent");
    expect(robot.accepted().at(-1)!.body).toEqual({ msgtype: "text", text: { content: "第21条" } });
    h.clock.advance(61_000);
  });

  it("WeCom's rate-limit answer (45009) is retried a minute later, not failed", async () => {
    robot.failNext(45009);
    await send("华东一部", text("限流后重试"));
    let m = (await rows("华东一部")).at(-1)!;
    expect(m).toMatchObject({ status: "pending", attempts: 1 });
    expect(m.lastError).toContain("45009");
    expect(m.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(60_000);
    h.clock.advance(60_000);
    await h.drain();
    m = (await rows("华东一部")).at(-1)!;
    expect(m.status).toBe("sent");
    expect(robot.accepted().at(-1)!.body).toEqual({ msgtype: "text", text: { content: "限流后重试" } });
  });

  it("a team without a key, or a reply a robot cannot show, fails for good with a clear log line", async () => {
    await send("西北三部", text("没有机器人"));
    expect((await rows("西北三部"))[0]).toMatchObject({ status: "failed" });
    expect((await rows("西北三部"))[0]!.lastError).toContain('no group robot configured for team "西北三部"');
    expect(logged).toMatch(/"team":"西北三部".*no webhook key for this team in reports\.groupRobots/);
    await send("华东一部", file("导出.csv", "编号,姓名,手机\n1,张伟,13800000000\n"));
    expect((await rows("华东一部")).at(-1)).toMatchObject({ status: "failed", lastError: "a file reply cannot be sent to a group robot" });
  });

  it("the key appears in no log line, error or outbox row — also when WeCom refuses or is unreachable", async () => {
    robot.failNext(93000); // invalid webhook url: permanent
    await send("华东一部", text("坏的key"));
    const port = new URL(robot.baseUrl).port;
    await robot.stop(); // unreachable: retried
    await send("华南二部", text("机器人不在线"));
    robot = await new FakeGroupRobot().start();
    expect(robot.baseUrl).not.toContain(`:${port}`);
    const all = await h.tdb.db.query<{ row: string }>("SELECT row_to_json(o)::text AS row FROM outbox_messages o");
    expect(all.some((r) => r.row.includes("93000"))).toBe(true);
    const offline = all.find((r) => r.row.includes("机器人不在线"))!.row;
    expect(offline).toContain('"status":"pending"');
    expect(offline).toContain("/cgi-bin/webhook/send");
    expect(logged).toContain("outbox: send failed, will retry");
    expect(logged).toContain("outbox: message failed permanently");
    for (const key of [KEY, OTHER_KEY]) {
      expect(logged).not.toContain(key);
      expect(all.some((r) => r.row.includes(key))).toBe(false);
    }
  });
});
