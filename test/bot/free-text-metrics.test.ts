// What free text costs and how it ends, on /metrics and in the log: wecrm_free_text_total
// through the signed webhook (a model fake on 127.0.0.1, and the offline engine), and the
// model observer's log line and counters, called as the engine calls it.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { llmObserver } from "../../src/bot/llm-observer.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { createLogger } from "../../src/log.ts";
import type { LlmRequestStats } from "../../src/nlu/llm/llm-stats.ts";
import { FakeOpenAiServer } from "../support/fake-openai-server.ts";
import { startHarness, type Harness } from "../support/harness.ts";

const CRM_YAML = "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n";

async function say(h: Harness, who: string, text: string): Promise<void> {
  await h.sendText(who, text);
  await h.drain();
}

const metricLine = (metrics: string, name: string, labels: string): number | undefined => {
  const line = metrics.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};

describe("wecrm_free_text_total through the webhook", () => {
  let h: Harness;
  let llm: FakeOpenAiServer;
  beforeAll(async () => {
    llm = await new FakeOpenAiServer().start();
    h = await startHarness({
      env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model", OPENAI_BUDGET_MS: "3000" },
      crmYaml: CRM_YAML,
    });
    await say(h, "rep_x", "新建客户 小米科技");
  });
  afterAll(async () => {
    await h.dispose();
    await llm.stop();
  });

  it("counts each message once by result: proposals, nothing, the offline engine after a failure, failed", async () => {
    llm.answer({ toolCalls: [{ name: "record_followup", args: { customer: "小米科技", what_happened: "聊了需求", channel: null, next_contact: null } }] });
    await say(h, "rep_x", "今天去小米聊了需求");
    await say(h, "rep_x", "取消");
    llm.answer({ toolCalls: [] });
    await say(h, "rep_x", "今天天气真好");
    // a refused key fails at once (no retry); the offline engine reads the message instead
    llm.answer({ status: 401 });
    await say(h, "rep_x", "明天下午3点提醒我给小米科技打电话");
    await say(h, "rep_x", "取消");
    llm.answer({ status: 401 });
    await say(h, "rep_x", "今天天气真好啊");
    const text = (await h.request.get("/metrics")).text;
    const count = (result: string) => metricLine(text, "wecrm_free_text_total", `engine="llm",result="${result}"`);
    expect([count("proposals"), count("nothing"), count("fallback_offline"), count("failed")]).toEqual([1, 1, 1, 1]);
    // commands and conversation answers (取消) are no free text
    expect(text).not.toContain('engine="offline"');
    expect(text).toContain("# TYPE wecrm_llm_latency_seconds histogram");
  });
});

describe("wecrm_free_text_total with the offline engine", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ crmYaml: CRM_YAML });
    await say(h, "rep_y", "新建客户 小米科技");
  });
  afterAll(() => h.dispose());

  it("labels the engine offline", async () => {
    await say(h, "rep_y", "今天天气真好");
    await say(h, "rep_y", "明天下午3点提醒我给小米科技打电话");
    const text = (await h.request.get("/metrics")).text;
    expect(metricLine(text, "wecrm_free_text_total", 'engine="offline",result="nothing"')).toBe(1);
    expect(metricLine(text, "wecrm_free_text_total", 'engine="offline",result="proposals"')).toBe(1);
  });
});

describe("the model observer", () => {
  const stats = (o: Partial<LlmRequestStats> = {}): LlmRequestStats => ({
    model: "test-model",
    tokensIn: 1200,
    tokensOut: 80,
    latencyMs: 2500,
    requests: 2,
    retries: 1,
    rounds: 1,
    outcome: "ok",
    proposals: 2,
    ...o,
  });
  function capture() {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
        done();
      },
    });
    return { lines, log: createLogger("info", sink) };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  it("writes one line per request, without the message, and counts requests, tokens, retries and latency", async () => {
    const metrics = new Metrics();
    const { lines, log } = capture();
    const observe = llmObserver(log, metrics);
    observe(stats());
    observe(stats({ tokensIn: 300, tokensOut: 0, latencyMs: 10_200, requests: 3, retries: 3, rounds: 0, outcome: "unavailable", proposals: 0 }));
    await flush();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, msg: "llm request", model: "test-model", tokensIn: 1200, tokensOut: 80, latencyMs: 2500, requests: 2, retries: 1, rounds: 1, outcome: "ok", proposals: 2 });
    expect(lines[1]).toMatchObject({ level: 40, msg: "llm request failed", outcome: "unavailable", retries: 3 });
    expect(Object.keys(lines[0]!).sort()).toEqual(["app", "latencyMs", "level", "model", "msg", "outcome", "proposals", "requests", "retries", "rounds", "time", "tokensIn", "tokensOut"]);
    const text = await metrics.registry.metrics();
    expect(metricLine(text, "wecrm_llm_requests_total", 'outcome="ok"')).toBe(1);
    expect(metricLine(text, "wecrm_llm_requests_total", 'outcome="unavailable"')).toBe(1);
    expect(metricLine(text, "wecrm_llm_tokens_total", 'direction="in"')).toBe(1500);
    expect(metricLine(text, "wecrm_llm_tokens_total", 'direction="out"')).toBe(80);
    expect(text).toContain("wecrm_llm_retries_total 4");
    expect(metricLine(text, "wecrm_llm_latency_seconds_bucket", 'le="3"')).toBe(1);
    expect(metricLine(text, "wecrm_llm_latency_seconds_bucket", 'le="15"')).toBe(2);
    expect(text).toContain("wecrm_llm_latency_seconds_sum 12.7");
    expect(text).toContain("wecrm_llm_latency_seconds_count 2");
  });

  it("never breaks understanding: odd figures count as 0, a failing sink is logged", async () => {
    const metrics = new Metrics();
    const { lines, log } = capture();
    llmObserver(log, metrics)(stats({ tokensIn: Number.NaN, tokensOut: -1 }));
    expect(() => llmObserver(log, { record: () => { throw new Error("registry gone"); } })(stats())).not.toThrow();
    await flush();
    expect(metricLine(await metrics.registry.metrics(), "wecrm_llm_tokens_total", 'direction="in"')).toBe(0);
    expect(lines.at(-1)).toMatchObject({ level: 40, msg: "llm observer failed", err: "registry gone" });
  });
});
