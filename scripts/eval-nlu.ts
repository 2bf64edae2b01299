// Measures an NLU engine against labelled corpora (test/nlu/README.md):
//
//   npm run eval:nlu                                       # offline engine, every corpus in test/nlu/
//   npm run eval:nlu -- --corpus test/nlu/corpus.jsonl     # one corpus, with its misses
//   npm run eval:nlu -- --engine llm [--record run.jsonl]  # a model (OPENAI_*), recorded
//   npm run eval:nlu -- --engine llm --replay run.jsonl    # a recorded model run, offline
//
// Exit codes: 0 measured (whatever the score); 1 a corpus is invalid, or an in-scope
// exact-match rate is below --min-exact; 2 wrong usage or the engine cannot be loaded.
import { readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildRegistry } from "../src/crm/assembly.ts";
import type { NluEngine } from "../src/nlu/engine.ts";
import type { LlmEngineDeps } from "../src/nlu/llm/llm-engine.ts";
import type { LlmRequestStats } from "../src/nlu/llm/llm-stats.ts";
import { loadCorpus, type Corpus } from "./nlu-eval/corpus.ts";
import { EngineUnavailable, loadEngine, runEngine } from "./nlu-eval/engines.ts";
import { costText, perLineText } from "./nlu-eval/cost-report.ts";
import { recordingFetch, replayFetch, type Replay } from "./nlu-eval/replay.ts";
import { missesText, summaryText } from "./nlu-eval/report.ts";
import { pct, scoreLine, summarise } from "./nlu-eval/score.ts";

const CORPUS_DIR = "test/nlu";

const USAGE = `usage: npm run eval:nlu -- [--corpus <file.jsonl>]... [--engine offline|llm|<module.ts>] [--min-exact <pct>] [--tz <zone>]
                          [--record <file.jsonl> | --replay <file.jsonl>] [--misses]
  --corpus     labelled messages, one JSON object a line; repeat for several (default: every *.jsonl in ${CORPUS_DIR})
  --engine     offline (default), llm (OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL), or a module exporting \`engine\`
  --min-exact  exit 1 when a corpus's in-scope exact-match rate is below this percentage
  --tz         the CRM time zone times are read in (default CRM_TIMEZONE or Asia/Shanghai)
  --record     llm: also write every answer of the service to this file (a replayable run)
  --replay     llm: answer from a recorded file instead of a service (no OPENAI_* needed)
  --misses     print every miss (default: only when one --corpus is given)`;

function options() {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string", multiple: true },
      engine: { type: "string", default: "offline" },
      "min-exact": { type: "string" },
      tz: { type: "string", default: process.env["CRM_TIMEZONE"] ?? "Asia/Shanghai" },
      record: { type: "string" },
      replay: { type: "string" },
      misses: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  const minExact = values["min-exact"] === undefined ? undefined : Number(values["min-exact"]);
  if (minExact !== undefined && !(minExact >= 0 && minExact <= 100)) throw new Error(`--min-exact must be a percentage, got "${values["min-exact"]}"`);
  if (values.record && values.replay) throw new Error("--record and --replay exclude each other");
  if ((values.record || values.replay) && values.engine !== "llm") throw new Error("--record and --replay are for --engine llm");
  const corpora = values.corpus?.length
    ? values.corpus
    : readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith(".jsonl"))
        .sort()
        .map((f) => path.join(CORPUS_DIR, f));
  return {
    corpora,
    engine: values.engine,
    minExact,
    timeZone: values.tz,
    record: values.record,
    replay: values.replay,
    misses: values.misses ?? values.corpus?.length === 1,
    help: values.help ?? false,
  };
}

type Options = ReturnType<typeof options>;

/** The engine, with a recording or replaying fetch and an observer when it is the model. */
async function engineFor(opts: Options, observe: (s: LlmRequestStats) => void): Promise<{ engine: NluEngine; replay?: Replay }> {
  const deps: LlmEngineDeps = { observe };
  let env = process.env;
  let replay: Replay | undefined;
  if (opts.replay) {
    replay = replayFetch(opts.replay);
    deps.fetch = replay.fetch;
    env = { ...env, OPENAI_API_KEY: "replay", OPENAI_MODEL: replay.header.model, OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };
  }
  if (opts.record) {
    const model = env["OPENAI_MODEL"] ?? "unknown";
    deps.fetch = recordingFetch(opts.record, { recorded: new Date().toISOString(), model, engine: `llm (${model})` });
  }
  const engine = await loadEngine(opts.engine, env, deps);
  return replay ? { engine, replay } : { engine };
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = options();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const registry = buildRegistry();
  const corpora: { file: string; corpus: Corpus }[] = [];
  for (const file of opts.corpora) {
    try {
      corpora.push({ file, corpus: await loadCorpus(file, registry, opts.timeZone) });
    } catch (e) {
      process.stderr.write(`cannot read the corpus ${file}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const invalid = corpora.filter((c) => c.corpus.problems.length);
  for (const { file, corpus } of invalid) process.stderr.write(`${file} is invalid:\n${corpus.problems.map((p) => `  line ${p.lineNo}: ${p.problem}`).join("\n")}\n`);
  if (invalid.length) return 1;
  let last: LlmRequestStats | undefined;
  let made: Awaited<ReturnType<typeof engineFor>>;
  try {
    made = await engineFor(opts, (s) => (last = s));
  } catch (e) {
    if (!(e instanceof EngineUnavailable)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const { engine, replay } = made;
  let failed = false;
  for (const { file, corpus } of corpora) {
    const runs = await runEngine(engine, corpus.lines, opts.timeZone, () => {
      const s = last;
      last = undefined;
      return s;
    });
    const results = runs.map((r) => scoreLine(registry, r.n, r.got, opts.timeZone, r.error));
    const summary = summarise(results);
    const parts = [summaryText(engine.name, file, summary), costText(runs)];
    if (runs.some((r) => r.stats)) parts.push(perLineText(runs, results));
    if (opts.misses) parts.push(missesText(results));
    process.stdout.write(`${parts.join("\n\n")}\n\n`);
    const exact = pct(summary.inScope.exact, summary.inScope.lines);
    if (opts.minExact !== undefined && exact < opts.minExact) {
      process.stderr.write(`${file}: exact match ${exact}% is below --min-exact ${opts.minExact}%\n`);
      failed = true;
    }
  }
  if (replay && replay.misses() > 0) process.stdout.write(`replay: ${replay.misses()} request(s) were not in ${opts.replay} (answered 404)\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
