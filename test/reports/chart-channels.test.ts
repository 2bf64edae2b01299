// A report picture on each channel: WeCom uploads it as an image and sends an image message
// (then the outbox forgets its bytes), an Official Account follower never gets one (a permanent,
// logged failure), the console saves it under DATA_DIR/exports and prints the path.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";
import { enqueue, type OutgoingMessage } from "../../src/outbox/outbox.ts";
import { chartImage } from "../../src/render/charts/index.ts";
import { fileBytes, type Reply } from "../../src/render/reply.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { killStragglers, runTs } from "../support/process.ts";

const picture = chartImage({ type: "funnel", title: "销售漏斗", stages: [{ name: "初步沟通", value: 5 }, { name: "赢单", value: 1 }] }, "销售漏斗_202612.png");
const png = fileBytes(picture as Extract<Reply, { kind: "image" }>);
let seq = 0;
const message = (channel: string, recipient: string): OutgoingMessage => ({ channel, recipient, reply: picture, dedupeKey: `chart-test:${++seq}` });

describe("a report picture through WeCom and the Official Account", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mp: true });
  });
  afterAll(() => h.dispose());

  it("WeCom: media/upload type=image, then message/send msgtype image with that media_id; the outbox keeps no bytes", async () => {
    await h.tdb.db.prisma.$transaction((tx) => enqueue(tx, [message("wecom", "mgr_a")], h.clock.now()));
    await h.drain();
    const upload = h.fake.uploads.at(-1)!;
    expect(upload).toMatchObject({ type: "image", filename: "销售漏斗_202612.png" });
    expect(upload.content.equals(png)).toBe(true);
    expect(h.fake.sentMessages().at(-1)).toMatchObject({ touser: "mgr_a", msgtype: "image", image: { media_id: upload.mediaId } });
    const row = await h.tdb.db.prisma.outboxMessage.findFirst({ where: { channel: "wecom", recipient: "mgr_a" } });
    expect(row).toMatchObject({ status: "sent", body: { kind: "text", text: "[sent; content removed]" } });
  });

  it("WeCom: a failed image upload is retried and the picture arrives once", async () => {
    h.fake.failNext("/cgi-bin/media/upload", { kind: "http", status: 502 });
    const before = h.fake.sentMessages().length;
    await h.tdb.db.prisma.$transaction((tx) => enqueue(tx, [message("wecom", "mgr_b")], h.clock.now()));
    await h.drain();
    expect(h.fake.sentMessages().length).toBe(before);
    h.clock.advance(10 * 60_000);
    await h.drain();
    expect(h.fake.sentMessages().filter((m) => m["touser"] === "mgr_b" && m["msgtype"] === "image")).toHaveLength(1);
  });

  it("Official Account: a picture to a follower fails for good, nothing is sent", async () => {
    const calls = h.fake.callsTo("/cgi-bin/message/custom/send").length;
    await h.tdb.db.prisma.$transaction((tx) => enqueue(tx, [message("mp", "o-follower-9")], h.clock.now()));
    await h.drain();
    const row = await h.tdb.db.prisma.outboxMessage.findFirst({ where: { channel: "mp", recipient: "o-follower-9" } });
    expect(row).toMatchObject({ status: "failed", lastError: "image replies cannot be sent to an Official Account follower (staff-only content)" });
    expect(h.fake.callsTo("/cgi-bin/message/custom/send").length).toBe(calls);
  });
});

describe("a report picture in the console", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "wecrm-chart-console-"));
  afterAll(killStragglers);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is saved under DATA_DIR/exports and its path printed", async () => {
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await migrate(db);
    await db.prisma.$transaction((tx) => enqueue(tx, [message("console", "console_mgr"), message("console", "console_mgr")], new Date()));
    await db.close();
    const proc = runTs("src/channels/console/chat-cli.ts", ["--user", "console_mgr", "--role", "manager"], { DATA_DIR: dir });
    proc.child.stdin.write("帮助\nexit\n");
    expect(await proc.exited()).toBe(0);
    const saved = path.join(dir, "exports", "销售漏斗_202612.png");
    expect(proc.output()).toContain(`文件已保存：${saved}`);
    expect(readFileSync(saved).equals(png)).toBe(true);
    // a second picture of the same name is kept beside the first, never over it
    expect(proc.output()).toContain(`文件已保存：${path.join(dir, "exports", "销售漏斗_202612-2.png")}`);
  });
});
