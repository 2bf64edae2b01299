// The whole model path offline, as CI checks it: `eval:nlu --engine llm --replay` plays a
// recorded run back through the routes, the validation, the repair round and the scoring;
// `--record` against a scripted service on 127.0.0.1 writes a run that replays the same.
// (The committed run is a hand-written stand-in: no model is reachable where it was made.)
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killStragglers, runTs } from "../support/process.ts";
import { ScriptedOpenAiServer } from "../support/scripted-openai-server.ts";

const CORPUS = "test/fixtures/llm/replay-corpus.jsonl";
const RUN = "test/fixtures/llm/standin-run.jsonl";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "llm-replay-"));
});
afterAll(async () => {
  killStragglers();
  await rm(dir, { recursive: true, force: true });
});

const cli = async (env: Record<string, string>, ...args: string[]) => {
  const p = runTs("scripts/eval-nlu.ts", ["--engine", "llm", "--corpus", CORPUS, ...args], env);
  const code = await p.exited();
  return { code, output: p.output() };
};

describe("eval:nlu --engine llm, recorded and replayed", () => {
  it("replays the committed run with no service and no key: accuracy, wrongful writes, tokens and latency per line and in total", async () => {
    const r = await cli({}, "--replay", RUN);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("engine llm (scripted-standin, prompts ");
    expect(r.output).toContain("exact match, in-scope messages:   92.3% (12/13)");
    expect(r.output).toContain("right actions, in-scope messages: 92.3% (12/13)");
    expect(r.output).toContain("out-of-scope messages left alone: 100% (4/4)  (0 proposals, 0 wrongful writes)");
    expect(r.output).toContain("model: 17 messages, 18 requests, 0 retries, 1 repair rounds");
    expect(r.output).toMatch(/tokens: in 54000 \(3176\/message\), out 800 \(47\/message\)/);
    expect(r.output).toMatch(/#8 +ok +\d+ ms {2}in 6000 out 80 req 2 retry 0 repaired/);
    expect(r.output).toMatch(/#15 +WRITE/);
    expect(r.output).not.toContain("were not in");
  }, 60_000);

  it("records a run against a service (a 429 retried, a bad answer repaired) that then replays to the same figures", async () => {
    const server = await new ScriptedOpenAiServer(JSON.parse(readFileSync("test/fixtures/llm/standin-answers.json", "utf8"))).start();
    const file = path.join(dir, "run.jsonl");
    try {
      const live = await cli({ OPENAI_API_KEY: "sk-scripted", OPENAI_MODEL: "scripted-standin", OPENAI_BASE_URL: server.baseUrl }, "--record", file);
      expect(live.code, live.output).toBe(0);
      expect(live.output).toContain("model: 17 messages, 19 requests, 1 retries, 1 repair rounds");
      expect(live.output).toContain("exact match, in-scope messages:   92.3% (12/13)");
    } finally {
      await server.stop();
    }
    const replayed = await cli({}, "--replay", file);
    expect(replayed.output).toContain("exact match, in-scope messages:   92.3% (12/13)");
    expect(replayed.output).not.toContain("were not in");
  }, 60_000);

  it("a message the recording does not hold is a miss, and says so", async () => {
    const r = await cli({}, "--replay", RUN, "--corpus", "test/nlu/heldout.jsonl");
    expect(r.output).toMatch(/replay: \d+ request\(s\) were not in/);
  }, 60_000);
});
