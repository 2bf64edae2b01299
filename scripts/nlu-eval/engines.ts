// Finding the engine to measure: `offline` and `llm` by name, or any module that exports an
// NluEngine as `engine` (a path ending in .ts or .js). Running it over a corpus, line by
// line, with the line's clock, role and recent names; what it answers is checked with zod.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { NluEngine, ProposedAction } from "../../src/nlu/engine.ts";
import type { LlmEngineDeps } from "../../src/nlu/llm/llm-engine.ts";
import type { LlmRequestStats } from "../../src/nlu/llm/llm-stats.ts";
import type { NumberedLine } from "./corpus.ts";

export class EngineUnavailable extends Error {}

interface EngineSpec {
  file: string;
  exportName: string;
  /** Turns the export into an engine (a factory is called with the environment and deps). */
  make: (exported: unknown, env: NodeJS.ProcessEnv, deps: LlmEngineDeps) => unknown;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

const NAMED: Record<string, EngineSpec> = {
  offline: { file: path.join(ROOT, "src/nlu/offline/offline-engine.ts"), exportName: "offlineEngine", make: (e) => e },
  llm: {
    file: path.join(ROOT, "src/nlu/llm/llm-engine.ts"),
    exportName: "createLlmEngine",
    make: (e, env, deps) => (typeof e === "function" ? (e as (env: NodeJS.ProcessEnv, deps: LlmEngineDeps) => unknown)(env, deps) : e),
  },
};

const isEngine = (x: unknown): x is NluEngine =>
  typeof x === "object" && x !== null && typeof (x as { interpret?: unknown }).interpret === "function";

export function engineSpec(name: string): EngineSpec {
  const named = NAMED[name];
  if (named) return named;
  if (/\.(ts|js|mjs)$/.test(name)) return { file: path.resolve(name), exportName: "engine", make: (e) => e };
  throw new EngineUnavailable(`unknown engine "${name}": use offline, llm or a module path (.ts/.js) exporting \`engine\``);
}

/** `deps` go to the LLM engine's factory (a recording or replaying fetch, an observer). */
export async function loadEngine(name: string, env: NodeJS.ProcessEnv, deps: LlmEngineDeps = {}): Promise<NluEngine> {
  const spec = engineSpec(name);
  const shown = path.relative(process.cwd(), spec.file);
  if (!existsSync(spec.file)) throw new EngineUnavailable(`the ${name} engine is not there (yet): expected ${shown} exporting \`${spec.exportName}\``);
  const mod = (await import(pathToFileURL(spec.file).href)) as Record<string, unknown>;
  if (!(spec.exportName in mod)) throw new EngineUnavailable(`${shown} does not export \`${spec.exportName}\``);
  let engine: unknown;
  try {
    engine = await spec.make(mod[spec.exportName], env, deps);
  } catch (e) {
    // A factory that cannot make its engine (the LLM without OPENAI_API_KEY) is not a crash.
    throw new EngineUnavailable(`${shown}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isEngine(engine)) throw new EngineUnavailable(`${shown}: \`${spec.exportName}\` is not an NluEngine (no interpret function)`);
  return engine;
}

const proposalsSchema = z.array(z.object({ action: z.string(), params: z.record(z.string(), z.unknown()) }));

export interface Run {
  n: NumberedLine;
  got: ProposedAction[];
  error?: string;
  /** Wall time of this line's interpret call. */
  ms: number;
  /** What the model requests cost (LLM engines that report it). */
  stats?: LlmRequestStats;
}

/** Asks the engine about every line, one at a time; an engine error is a result, not a crash.
 * `lastStats` returns (and clears) what the engine reported for the line just asked. */
export async function runEngine(engine: NluEngine, lines: readonly NumberedLine[], timeZone: string, lastStats: () => LlmRequestStats | undefined = () => undefined): Promise<Run[]> {
  const runs: Run[] = [];
  for (const n of lines) {
    const ctx = { now: new Date(n.line.now), timeZone, role: n.line.user, ...(n.line.recent ? { recentNames: n.line.recent } : {}) };
    const started = performance.now();
    let run: Omit<Run, "ms">;
    try {
      const answer: unknown = await engine.interpret(n.line.text, ctx);
      const r = proposalsSchema.safeParse(answer);
      run = r.success ? { n, got: r.data } : { n, got: [], error: `not a list of proposals: ${r.error.issues[0]?.message ?? ""}` };
    } catch (e) {
      run = { n, got: [], error: e instanceof Error ? e.message : String(e) };
    }
    const stats = lastStats();
    runs.push({ ...run, ms: Math.round(performance.now() - started), ...(stats ? { stats } : {}) });
  }
  return runs;
}
