// The free-text engine backed by an OpenAI-compatible chat service (OpenAI, DeepSeek,
// DashScope, vLLM, Ollama): the registry's actions are offered as tools, the model's tool
// calls become proposals, checked with the actions' own zod schemas and repaired once. The
// model only proposes: the tools are only those the user's role may run, and the caller
// validates, resolves names, checks permissions and asks for 确认 before anything is written.
//
//   createLlmEngine(process.env)                  // OPENAI_* from the environment
//   llmEngine(config.llm, { registry, stages })    // from an AppConfig
import OpenAI from "openai";
import { buildRegistry } from "../../crm/assembly.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import { systemClock, type Clock } from "../../clock.ts";
import { ConfigError, loadConfig, type LlmSettings } from "../../config/env.ts";
import { defaultCrmSettings } from "../../config/crm/crm-settings.ts";
import { sleep as realSleep } from "../../util/pace.ts";
import { UnderstandingError, type NluEngine, type ProposedAction, type UnderstandingContext } from "../engine.ts";
import { DEFAULT_PROMPT_DIR, loadPromptFiles, type PromptFiles } from "./prompt-files.ts";
import { withinBudget } from "./retry.ts";
import { systemPrompt } from "./system-prompt.ts";
import { completionSchema, problemsOf, proposalsOf, readToolCalls, repairMessages, type AnswerMessage } from "./tool-calls.ts";
import { toolsetsByRole, type Toolset } from "./tools.ts";

/** Longer than any chat note: not something to send to the model. */
const MAX_TEXT = 2000;

export interface LlmEngineDeps {
  /** Default: buildRegistry(). */
  registry?: ActionRegistry;
  /** Default: the global fetch (tests intercept it with nock). */
  fetch?: typeof fetch;
  clock?: Clock;
  /** Waits between retries; tests record the delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Where nlu-system.md and nlu-examples.jsonl are. Default: the repository's prompts/. */
  promptDir?: string;
  /** Open stage names for the prompt. Default: the default CRM settings' stages. */
  stages?: readonly string[];
  observe?: import("./llm-stats.ts").LlmObserver; // told once per message what it cost and how it ended (log line, /metrics)
}

type Message = OpenAI.Chat.ChatCompletionMessageParam;

/** The engine for these settings; reads the prompt files now (a missing one throws). */
export function llmEngine(settings: LlmSettings, deps: LlmEngineDeps = {}): NluEngine {
  const registry = deps.registry ?? buildRegistry();
  const prompts: PromptFiles = loadPromptFiles(deps.promptDir ?? DEFAULT_PROMPT_DIR, (name) => registry.byName(name) !== undefined);
  const toolsets = toolsetsByRole(registry);
  const stages = deps.stages ?? defaultCrmSettings().opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? realSleep;
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  async function ask(messages: Message[], toolset: Toolset, deadline: number): Promise<AnswerMessage> {
    const body = { model: settings.model, messages, tools: toolset.list.map((t) => t.tool), tool_choice: "auto" as const };
    const raw: unknown = await withinBudget((timeout) => client.chat.completions.create(body, { timeout, maxRetries: 0 }), {
      clock,
      sleep,
      timeoutMs: settings.timeoutMs,
      deadline,
    });
    const parsed = completionSchema.safeParse(raw);
    if (!parsed.success) throw new UnderstandingError("unavailable", `the LLM service's answer is not a chat completion (${parsed.error.issues[0]?.message ?? ""})`);
    return parsed.data.choices[0]!.message;
  }

  async function interpret(text: string, ctx: UnderstandingContext): Promise<ProposedAction[]> {
    const message = text.trim();
    if (!message || message.length > MAX_TEXT) return [];
    const toolset = toolsets(ctx.role);
    if (toolset.list.length === 0) return [];
    const deadline = clock.now().getTime() + settings.budgetMs;
    const system = systemPrompt(prompts, {
      now: ctx.now,
      timeZone: ctx.timeZone,
      role: ctx.role,
      recentNames: ctx.recentNames ?? [],
      stages,
      offered: new Set(toolset.byToolName.keys()),
    });
    // The rep's text is only ever the user message: data to understand, never instructions.
    const messages: Message[] = [
      { role: "system", content: system },
      { role: "user", content: message },
    ];
    const answer = await ask(messages, toolset, deadline);
    const calls = readToolCalls(answer, toolset);
    const proposals = proposalsOf(calls);
    if (proposals) return proposals; // no call at all: not a CRM request
    const repaired = await ask([...messages, ...repairMessages(answer, calls)], toolset, deadline);
    const again = readToolCalls(repaired, toolset);
    if (again.length === 0) throw new UnderstandingError("invalid", `the model gave up after the repair round (first answer: ${problemsOf(calls)})`);
    const fixed = proposalsOf(again);
    if (fixed) return fixed;
    throw new UnderstandingError("invalid", `the model's answer stayed invalid after one repair: ${problemsOf(again)}`);
  }

  return { name: `llm (${settings.model}, prompts ${prompts.version})`, interpret };
}

/** The engine configured by OPENAI_* in `env`; a clear ConfigError when it is not configured. */
export function createLlmEngine(env: NodeJS.ProcessEnv, deps: LlmEngineDeps = {}): NluEngine {
  const { llm } = loadConfig(env);
  if (!llm) throw new ConfigError("OPENAI_API_KEY is not set: the LLM engine needs OPENAI_API_KEY and OPENAI_MODEL (and OPENAI_BASE_URL for a service other than OpenAI)");
  return llmEngine(llm, deps);
}
