// The plaintext callback samples in webhooks/ and the replay script that sends them.
// Every sample must parse and map to the InboundEvent we expect; the replay script must
// produce deliveries a real receiver accepts and the bot acts on.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCallbackXml, type XmlFields } from "../../src/channels/wecom/callback-xml.ts";
import { mapWecomXml } from "../../src/channels/wecom/inbound-mapper.ts";
import { systemClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config/env.ts";
import type { InboundEvent } from "../../src/inbox/inbound-event.ts";
import { createLogger } from "../../src/log.ts";
import { WecrmServer } from "../../src/server.ts";
import { WEBHOOKS_DIR, freshen, main, randomMsgId, replayFile, type Output } from "../../scripts/replay.ts";
import { FakeWecomServer } from "../support/fake-wecom-server.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

type Expected = Partial<InboundEvent> & { type: InboundEvent["type"] };

const EXTERNAL_USER = "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAA";

/** file → the event it must map to (a subset of fields). */
const EXPECTED: Record<string, Expected> = {
  "text.xml": { type: "text", sender: "zhangsan", text: "帮助" },
  "text-new-lead.xml": { type: "text", sender: "zhangsan", text: "新建线索 张三 13800138000 华为 展会" },
  "image.xml": { type: "unsupported_message", messageType: "image" },
  "voice.xml": { type: "unsupported_message", messageType: "voice" },
  "video.xml": { type: "unsupported_message", messageType: "video" },
  "location.xml": { type: "unsupported_message", messageType: "location" },
  "link.xml": { type: "unsupported_message", messageType: "link" },
  "event-enter_agent.xml": { type: "enter_agent", sender: "zhangsan" },
  "event-click.xml": { type: "menu_click", key: "cmd:我的线索" },
  "event-subscribe.xml": { type: "subscribe", subscribed: true },
  "event-unsubscribe.xml": { type: "subscribe", subscribed: false },
  "event-template_card_event.xml": {
    type: "card_action",
    sender: "zhangsan",
    taskId: "lead-1-3f9a2c1b7d4e",
    key: "cmd:我的线索",
    cardType: "button_interaction",
    responseCode: "Kx8fQ2mZpL5vN1rT7wY3bC9dG4hJ6kS0aE2uI8oP1qW5zX3cV7nM9bR4tY6gH2jD",
  },
  "event-change_external_contact-add.xml": {
    type: "external_contact_change",
    changeType: "add_external_contact",
    userId: "zhangsan",
    externalUserId: EXTERNAL_USER,
    state: "expo2025",
    welcomeCode: "CALLBACK_WELCOME_CODE_7Fq2mZ9xLp4rT1vB8nW3",
  },
  "event-change_external_contact-add_half.xml": {
    type: "external_contact_change",
    changeType: "add_half_external_contact",
    userId: "lisi",
    externalUserId: EXTERNAL_USER,
    state: "website",
  },
  "event-change_external_contact-del_external_contact.xml": {
    type: "external_contact_change",
    changeType: "del_external_contact",
    userId: "zhangsan",
    externalUserId: EXTERNAL_USER,
  },
  "event-change_external_contact-edit.xml": {
    type: "external_contact_change",
    changeType: "edit_external_contact",
    userId: "zhangsan",
    externalUserId: EXTERNAL_USER,
  },
  "event-change_external_contact-del_follow_user.xml": {
    type: "external_contact_change",
    changeType: "del_follow_user",
    userId: "zhangsan",
    externalUserId: EXTERNAL_USER,
  },
  "event-change_external_contact-transfer_fail.xml": {
    type: "external_contact_change",
    changeType: "transfer_fail",
    userId: "lisi",
    externalUserId: EXTERNAL_USER,
    failReason: "customer_refused",
  },
  "event-change_contact-delete_user.xml": { type: "contact_change", changeType: "delete_user", userId: "wangwu" },
  "event-change_contact-update_user.xml": { type: "contact_change", changeType: "update_user", userId: "zhangsan" },
  "unknown-type.xml": { type: "unknown", rawType: "event:batch_job_result" },
};

const sampleFiles = readdirSync(WEBHOOKS_DIR)
  .filter((n) => n.endsWith(".xml"))
  .sort();

function load(name: string): { xml: string; fields: XmlFields } {
  const xml = readFileSync(path.join(WEBHOOKS_DIR, name), "utf8");
  const fields = parseCallbackXml(xml);
  if (!fields) throw new Error(`${name} does not parse`);
  return { xml, fields };
}

function mapped(fields: XmlFields): InboundEvent {
  const r = mapWecomXml(fields);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

describe("webhooks/ samples", () => {
  it("has exactly the samples listed in this test", () => {
    expect(sampleFiles).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(sampleFiles)("%s parses and maps to the expected event", (name) => {
    const { fields } = load(name);
    const event = mapped(fields);
    expect(event).toMatchObject({ channel: "wecom", ...EXPECTED[name] });
  });

  it.each(sampleFiles)("%s has the common WeCom fields", (name) => {
    const { fields } = load(name);
    expect(fields["ToUserName"]).toBe("ww_example_corp");
    expect(fields["CreateTime"]).toMatch(/^\d{10}$/);
    const isMessage = fields["MsgType"] !== "event";
    if (isMessage) {
      expect(fields["MsgId"]).toMatch(/^\d{19}$/);
      expect(fields["AgentID"]).toBe("1000002");
    } else {
      expect(fields["MsgId"]).toBeUndefined();
    }
  });

  it("every delivery key is distinct, so replaying them all stores them all", () => {
    const keys = sampleFiles.map((n) => mapped(load(n).fields).deliveryKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("replay freshen", () => {
  const now = new Date("2026-11-23T02:00:00Z");

  it("gives a message a new 19-digit MsgId and CreateTime=now, and leaves the rest alone", () => {
    const { xml, fields } = load("text-new-lead.xml");
    const fresh = freshen(xml, now);
    const f = parseCallbackXml(fresh);
    expect(f).not.toBeNull();
    expect(f?.["MsgId"]).toMatch(/^\d{19}$/);
    expect(f?.["MsgId"]).not.toBe(fields["MsgId"]);
    expect(f?.["CreateTime"]).toBe(String(now.getTime() / 1000));
    expect({ ...f, MsgId: undefined, CreateTime: undefined }).toEqual({ ...fields, MsgId: undefined, CreateTime: undefined });
  });

  it("gives an event CreateTime=now and no MsgId", () => {
    const { xml } = load("event-change_external_contact-add.xml");
    const f = parseCallbackXml(freshen(xml, now));
    expect(f?.["MsgId"]).toBeUndefined();
    expect(f?.["CreateTime"]).toBe(String(now.getTime() / 1000));
  });

  it("random MsgIds are 19 digits and fit a signed 64-bit integer", () => {
    for (let i = 0; i < 200; i++) {
      const id = randomMsgId();
      expect(id).toMatch(/^[1-9]\d{18}$/);
      expect(BigInt(id) <= 9223372036854775807n).toBe(true);
    }
  });
});

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe("replay CLI without a server", () => {
  it("exits 2 naming the variables when the WeCom settings are missing", async () => {
    const io = capture();
    const code = await main(["webhooks/text.xml"], {}, io);
    expect(code).toBe(2);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toMatch(/WECOM_CORP_ID.*WECOM_TOKEN.*WECOM_ENCODING_AES_KEY/);
    expect(io.lines).toEqual([]);
  });

  it("exits 2 on a partial WeCom configuration", async () => {
    const io = capture();
    const code = await main(["webhooks/text.xml"], { WECOM_CORP_ID: "ww_example_corp" }, io);
    expect(code).toBe(2);
    expect(io.errors[0]).toMatch(/WECOM_AGENT_ID is missing/);
  });

  it("exits 2 without a file or with both a file and --all", async () => {
    expect(await main([], {}, capture())).toBe(2);
    expect(await main(["--all", "webhooks/text.xml"], {}, capture())).toBe(2);
    expect(await main(["--bogus"], {}, capture())).toBe(2);
  });
});

describe("replay against the real receiver", () => {
  const corpId = "ww_example_corp";
  const secret = "replay-secret";
  const wecomEnv = {
    WECOM_CORP_ID: corpId,
    WECOM_AGENT_ID: "1000002",
    WECOM_SECRET: secret,
    WECOM_TOKEN: "replayTestToken",
    WECOM_ENCODING_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  };
  let tdb: TestDatabase;
  let fake: FakeWecomServer;
  let server: WecrmServer;
  let url: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    fake = await new FakeWecomServer({ corpId, secret }).start();
    // as WeCom does: on a loaded machine a send can time out after it arrived and be retried;
    // the sender asks for WeCom's duplicate check, so the user still sees one answer
    fake.duplicateCheck = true;
    // The real clock runs the real scheduler: a daily digest due earlier today would be
    // caught up while the test runs and reach zhangsan too; this test is about the reply.
    const crmConfig = path.join(mkdtempSync(path.join(tmpdir(), "wecrm-replay-")), "crm.yaml");
    writeFileSync(crmConfig, "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n");
    const config = loadConfig({ ...wecomEnv, WECOM_API_BASE: fake.baseUrl, LOG_LEVEL: "silent", CRM_CONFIG: crmConfig });
    // The real clock: the receiver checks the signed timestamp against it (±5 min).
    server = new WecrmServer({ config, db: tdb.db, clock: systemClock, log: createLogger("silent") });
    const http = await server.listen(0, "127.0.0.1");
    const address = http.address();
    if (address === null || typeof address === "string") throw new Error("server has no TCP address");
    url = `http://127.0.0.1:${address.port}/webhooks/wecom`;
  });

  afterAll(async () => {
    await server?.close();
    await fake?.stop();
    await tdb?.dispose();
  });

  const leadCount = () => tdb.db.prisma.lead.count();
  const sentTo = (user: string) => fake.sentMessages().filter((m) => m["touser"] === user);

  it("a fresh replay of text-new-lead.xml creates the lead and answers zhangsan", async () => {
    const res = await replayFile(path.join(WEBHOOKS_DIR, "text-new-lead.xml"), {
      url,
      keys: { token: wecomEnv.WECOM_TOKEN, encodingAesKey: wecomEnv.WECOM_ENCODING_AES_KEY, corpId },
      fresh: true,
    });
    expect(res).toEqual({ status: 200, body: "" });

    await server.core.drain();
    // listen() also started the background loops, which may hold the event while drain()
    // looks; wait for them to finish rather than race them.
    await vi.waitFor(
      async () => {
        expect(await leadCount()).toBe(1);
        expect(sentTo("zhangsan")).toHaveLength(1);
      },
      { timeout: 10_000, interval: 50 },
    );
    const lead = await tdb.db.prisma.lead.findFirstOrThrow();
    expect(lead).toMatchObject({ name: "张三", phone: "13800138000", company: "华为", source: "展会" });
    expect(sentTo("zhangsan")[0]).toMatchObject({ touser: "zhangsan", agentid: 1000002, msgtype: "template_card" });
  });

  it("replaying the same file without --fresh is deduplicated (same MsgId)", async () => {
    const keys = { token: wecomEnv.WECOM_TOKEN, encodingAesKey: wecomEnv.WECOM_ENCODING_AES_KEY, corpId };
    const file = path.join(WEBHOOKS_DIR, "text.xml");
    expect((await replayFile(file, { url, keys })).status).toBe(200);
    expect((await replayFile(file, { url, keys })).status).toBe(200);
    const stored = await tdb.db.prisma.inboxEvent.count({ where: { channel: "wecom", dedupeKey: "msg:7575319836127340001" } });
    expect(stored).toBe(1);
  });

  it("the CLI with --all --fresh gets 200 for every sample, one line per file", async () => {
    const io = capture();
    const code = await main(["--all", "--fresh", "--url", url], wecomEnv, io);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    expect(io.lines).toHaveLength(sampleFiles.length);
    io.lines.forEach((line, i) => expect(line).toBe(`webhooks/${sampleFiles[i]}: HTTP 200 (empty body)`));
  });

  it("a wrong token is refused with 401 and the CLI exits 1", async () => {
    const io = capture();
    const code = await main(["webhooks/text.xml", "--fresh", "--url", url], { ...wecomEnv, WECOM_TOKEN: "wrong" }, io);
    expect(code).toBe(1);
    expect(io.lines).toEqual(['webhooks/text.xml: HTTP 401 "unauthorized"']);
  });
});
