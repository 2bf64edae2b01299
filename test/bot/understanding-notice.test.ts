// 「正在理解…」: free text the model is still reading after the threshold (3 s; 200 ms here)
// tells its sender so at once — while the model still thinks, before the card — through the
// signed webhook and a slow OpenAI-compatible fake on 127.0.0.1. A fast answer brings no
// notice, and an event's retries never bring a second one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { BotRouter } from "../../src/bot/router.ts";
import { ManualClock } from "../../src/clock.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { EventProcessor } from "../../src/inbox/event-processor.ts";
import { zh } from "../../src/messages/zh.ts";
import { createLogger } from "../../src/log.ts";
import type { NluEngine } from "../../src/nlu/engine.ts";
import { FakeOpenAiServer } from "../support/fake-openai-server.ts";
import { sentTexts, START, startHarness, type Harness } from "../support/harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const NOTICE = "正在理解…";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves true once `test` holds, false after `ms`. */
async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (test()) return true;
  return test();
}

describe("the 「正在理解…」 notice through the webhook", () => {
  let h: Harness;
  let llm: FakeOpenAiServer;
  beforeAll(async () => {
    llm = await new FakeOpenAiServer().start();
    h = await startHarness({
      env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model" },
      crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n",
      understandingNoticeMs: 200,
    });
    await h.sendText("rep_n", "新建客户 小米科技");
    await h.drain();
  });
  afterAll(async () => {
    await h.dispose();
    await llm.stop();
  });

  const followUp = { toolCalls: [{ name: "record_followup", args: { customer: "小米科技", what_happened: "聊了需求", channel: null, next_contact: null } }] };

  it("a slow model: the notice goes out while it still thinks, then the card; once", async () => {
    const before = sentTexts(h.fake, "rep_n").length;
    let noticeWhileThinking = false;
    // The model answers only once the notice has reached WeCom (or after 3 s without it).
    llm.answer({ ...followUp, after: async () => (noticeWhileThinking = await until(() => sentTexts(h.fake, "rep_n").includes(NOTICE), 3_000)) });
    await h.sendText("rep_n", "今天去小米聊了需求");
    await h.drain();
    expect(noticeWhileThinking).toBe(true);
    expect(sentTexts(h.fake, "rep_n").slice(before)).toEqual([NOTICE, "[card] 我理解为（1 项）："]);
    const keys = (await h.tdb.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "understanding:" } } })).map((m) => m.dedupeKey);
    expect(keys).toHaveLength(1);
    await h.sendText("rep_n", "取消");
    await h.drain();
  });

  it("a fast model: no notice", async () => {
    const before = sentTexts(h.fake, "rep_n").length;
    llm.answer(followUp);
    await h.sendText("rep_n", "今天又去小米聊了需求");
    await h.drain();
    await sleep(300); // past the threshold: nothing comes late either
    await h.drain();
    expect(sentTexts(h.fake, "rep_n").slice(before)).toEqual(["[card] 我理解为（1 项）："]);
  });

  it("a deactivated user's text never reaches the model: no notice, just 已停用", async () => {
    await h.sendText("rep_gone", "新建客户 旧公司");
    await h.drain();
    await h.tdb.db.prisma.user.update({ where: { wecomUserId: "rep_gone" }, data: { active: false } });
    const requests = llm.requests.length;
    await h.sendText("rep_gone", "今天去小米聊了需求");
    await h.drain();
    expect(llm.requests.length).toBe(requests);
    expect(sentTexts(h.fake, "rep_gone").at(-1)).toBe(zh.userInactive);
    expect(sentTexts(h.fake, "rep_gone")).not.toContain(NOTICE);
  });
});

describe("the notice and the event's retries", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb.dispose();
  });

  it("an attempt that failed after the notice: the retry, slow again, sends no second one", async () => {
    const slowEngine: NluEngine = { name: "llm (slow fake)", interpret: () => sleep(150).then(() => []) };
    const clock = new ManualClock(START);
    const metrics = new Metrics();
    const router = new BotRouter({ registry: buildRegistry(), clock, timeZone: "Asia/Shanghai", settings: loadCrmSettings(undefined), admins: [], engine: slowEngine, metrics, understandingNoticeMs: 30 });
    let attempts = 0;
    const flaky: typeof router = Object.create(router) as typeof router;
    flaky.handle = async (event, ctx) => {
      if (++attempts === 1) throw new Error("the first attempt fails after the model answered");
      return router.handle(event, ctx);
    };
    const p = tdb.db.prisma;
    const payload = { channel: "console", deliveryKey: "console:retry-1", sender: "rep_r", createTime: Math.floor(START.getTime() / 1000), type: "text", text: "今天去小米聊了需求" };
    const row = await p.inboxEvent.create({ data: { channel: "console", dedupeKey: payload.deliveryKey, type: "text", senderId: "rep_r", payload } });
    const processor = new EventProcessor(p, flaky, clock, createLogger("silent"), 3);
    const claimed = (n: number) => ({ id: String(row.id), payload, attempts: n, received_at: row.receivedAt, last_error: null });
    expect((await processor.process(claimed(1))).outcome).toBe("retry");
    expect((await processor.process(claimed(2))).outcome).toBe("done");
    const sent = await p.outboxMessage.findMany({ where: { recipient: "rep_r" }, orderBy: { id: "asc" } });
    expect(sent.map((m) => m.dedupeKey)).toEqual([`understanding:${row.id}`, `reply:${row.id}:0`]);
    expect(sent[0]!.body).toMatchObject({ kind: "text", text: NOTICE });
    // both attempts were read (and counted): nothing proposed
    expect(await metrics.registry.getSingleMetricAsString("wecrm_free_text_total")).toContain('wecrm_free_text_total{engine="llm",result="nothing"} 2');
  });
});
