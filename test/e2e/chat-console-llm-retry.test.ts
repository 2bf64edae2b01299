// The console and `npm run eval:nlu -- --engine llm` wait for a model retry: a 429 answered first, the retry's answer arrives after
// a backoff. With stdin already at its end nothing else holds the process open, so a retry
// sleep that does not keep Node alive would end the process mid-message (silently, exit 0,
// the message replayed next run).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FakeOpenAiServer } from "../support/fake-openai-server.ts";
import { killStragglers, runTs } from "../support/process.ts";

const dir = mkdtempSync(path.join(tmpdir(), "wecrm-chat-retry-"));
let llm: FakeOpenAiServer;
beforeAll(async () => {
  llm = await new FakeOpenAiServer().start();
});
afterAll(killStragglers);
afterAll(() => llm.stop());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a message whose model call is retried after a 429 is answered before the console exits", async () => {
  llm.answer({ status: 429 }, { toolCalls: [] });
  const env = { DATA_DIR: dir, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model", OPENAI_BUDGET_MS: "10000" };
  const proc = runTs("src/channels/console/chat-cli.ts", ["--user", "console_retry"], env);
  proc.child.stdin.end("今天天气真好，心情不错\n");
  expect(await proc.exited()).toBe(0);
  expect(llm.requests).toHaveLength(2);
  const out = proc.output();
  // The retried answer (nothing for the CRM) was acted on and answered.
  expect(out).toMatch(/机器人> 没太明白你的意思/);
}, 120_000);

it("eval:nlu --engine llm waits for a retried model call and measures the message", async () => {
  const corpus = path.join(dir, "one.jsonl");
  writeFileSync(corpus, `${JSON.stringify({ text: "今天天气真好", now: "2026-11-23T10:00:00+08:00", user: "rep", expect: [] })}\n`);
  const before = llm.requests.length;
  llm.answer({ status: 429 }, { toolCalls: [] });
  const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model", OPENAI_BUDGET_MS: "10000" };
  const proc = runTs("scripts/eval-nlu.ts", ["--corpus", corpus, "--engine", "llm"], env);
  expect(await proc.exited()).toBe(0);
  expect(llm.requests.length - before).toBe(2);
}, 120_000);
