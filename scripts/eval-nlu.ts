// Measures an NLU engine against a labelled corpus (test/nlu/README.md):
//
//   npm run eval:nlu -- [--corpus test/nlu/corpus.jsonl] [--engine offline|llm|<module.ts>] [--min-exact 70] [--tz Asia/Shanghai]
//
// Exit codes: 0 measured (whatever the score); 1 the corpus is invalid, or the in-scope
// exact-match rate is below --min-exact; 2 wrong usage or the engine cannot be loaded.
import { parseArgs } from "node:util";
import { buildRegistry } from "../src/crm/assembly.ts";
import type { NluEngine } from "../src/nlu/engine.ts";
import { loadCorpus, type Corpus } from "./nlu-eval/corpus.ts";
import { EngineUnavailable, loadEngine, runEngine } from "./nlu-eval/engines.ts";
import { missesText, summaryText } from "./nlu-eval/report.ts";
import { pct, scoreLine, summarise } from "./nlu-eval/score.ts";

const USAGE = `usage: npm run eval:nlu -- [--corpus <file.jsonl>] [--engine offline|llm|<module.ts>] [--min-exact <pct>] [--tz <zone>]
  --corpus     labelled messages, one JSON object a line (default test/nlu/corpus.jsonl)
  --engine     offline (default), llm, or a module exporting \`engine\`
  --min-exact  exit 1 when the in-scope exact-match rate is below this percentage
  --tz         the CRM time zone times are read in (default CRM_TIMEZONE or Asia/Shanghai)`;

function options() {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string", default: "test/nlu/corpus.jsonl" },
      engine: { type: "string", default: "offline" },
      "min-exact": { type: "string" },
      tz: { type: "string", default: process.env["CRM_TIMEZONE"] ?? "Asia/Shanghai" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  const minExact = values["min-exact"] === undefined ? undefined : Number(values["min-exact"]);
  if (minExact !== undefined && !(minExact >= 0 && minExact <= 100)) throw new Error(`--min-exact must be a percentage, got "${values["min-exact"]}"`);
  return { corpus: values.corpus, engine: values.engine, minExact, timeZone: values.tz, help: values.help ?? false };
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof options>;
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
  let corpus: Corpus;
  try {
    corpus = await loadCorpus(opts.corpus, registry, opts.timeZone);
  } catch (e) {
    process.stderr.write(`cannot read the corpus: ${(e as Error).message}\n`);
    return 2;
  }
  if (corpus.problems.length) {
    process.stderr.write(`${opts.corpus} is invalid:\n${corpus.problems.map((p) => `  line ${p.lineNo}: ${p.problem}`).join("\n")}\n`);
    return 1;
  }
  let engine: NluEngine;
  try {
    engine = await loadEngine(opts.engine, process.env);
  } catch (e) {
    if (!(e instanceof EngineUnavailable)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const runs = await runEngine(engine, corpus.lines, opts.timeZone);
  const results = runs.map((r) => scoreLine(registry, r.n, r.got, opts.timeZone, r.error));
  const summary = summarise(results);
  process.stdout.write(`${summaryText(engine.name, opts.corpus, summary)}\n\n${missesText(results)}\n`);
  const exact = pct(summary.inScope.exact, summary.inScope.lines);
  if (opts.minExact !== undefined && exact < opts.minExact) {
    process.stderr.write(`exact match ${exact}% is below --min-exact ${opts.minExact}%\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
