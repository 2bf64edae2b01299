// The free-text engine backed by an OpenAI-compatible chat service (OpenAI, DeepSeek,
// DashScope, vLLM, Ollama). The model is offered about twenty routed tools (routes/) in
// strict-mode schemas; it copies times and amounts as written and code reads them. Its calls
// become registry proposals checked with the actions' own zod schemas; invalid calls get one
// repair round while valid ones are kept. The model only proposes: the caller validates,
// resolves names, checks permissions and asks for 确认 before anything is written.
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
import type { LlmObserver, LlmOutcome } from "./llm-stats.ts";
import { DEFAULT_PROMPT_DIR, loadPromptFiles, type PromptFiles } from "./prompt-files.ts";
import { withinBudget } from "./retry.ts";
import { allRoutes, routedToolsets, type Toolset } from "./routes/index.ts";
import { describeStep } from "./step-text.ts";
import { systemPrompt, userTurn } from "./system-prompt.ts";
import { completionSchema, invalidCalls, problemsOf, readToolCalls, repairMessages, validProposals, type AnswerMessage } from "./tool-calls.ts";

/** Longer than any chat note: not something to send to the model. */
const MAX_TEXT = 2000;
const DEFAULT_MAX_TOKENS = 800;

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
  /** Open stage names (the move_stage enum). Default: the default CRM settings' stages. */
  stages?: readonly string[];
  /** Told once per message what it cost and how it ended (log line, /metrics). */
  observe?: LlmObserver;
}

type Message = OpenAI.Chat.ChatCompletionMessageParam;

interface Tally {
  requests: number;
  retries: number;
  rounds: number;
  tokensIn: number;
  tokensOut: number;
}

/** The engine for these settings; reads the prompt files now (a missing one throws). */
export function llmEngine(settings: LlmSettings, deps: LlmEngineDeps = {}): NluEngine {
  const registry = deps.registry ?? buildRegistry();
  const stages = deps.stages ?? defaultCrmSettings().opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
  const toolNames = new Set(allRoutes(registry, stages).map((r) => r.name));
  const prompts: PromptFiles = loadPromptFiles(deps.promptDir ?? DEFAULT_PROMPT_DIR, (name) => toolNames.has(name));
  const toolsets = routedToolsets(registry, { stages, strict: settings.strict ?? false });
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? realSleep;
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  async function ask(messages: Message[], toolset: Toolset, deadline: number, tally: Tally): Promise<AnswerMessage> {
    const body = {
      model: settings.model,
      messages,
      tools: toolset.list.map((t) => t.tool),
      tool_choice: "auto" as const,
      temperature: 0,
      max_tokens: settings.maxTokens ?? DEFAULT_MAX_TOKENS,
    };
    tally.rounds += 1;
    const raw: unknown = await withinBudget((timeout) => client.chat.completions.create(body, { timeout, maxRetries: 0 }), {
      clock,
      sleep,
      timeoutMs: settings.timeoutMs,
      deadline,
      tally,
    });
    const parsed = completionSchema.safeParse(raw);
    if (!parsed.success) throw new UnderstandingError("unavailable", `the LLM service's answer is not a chat completion (${parsed.error.issues[0]?.message ?? ""})`);
    tally.tokensIn += parsed.data.usage?.prompt_tokens ?? 0;
    tally.tokensOut += parsed.data.usage?.completion_tokens ?? 0;
    return parsed.data.choices[0]!.message;
  }

  async function understand(message: string, ctx: UnderstandingContext, toolset: Toolset, tally: Tally): Promise<{ proposals: ProposedAction[]; outcome: LlmOutcome }> {
    const deadline = clock.now().getTime() + settings.budgetMs;
    const routeContext = { now: ctx.now, timeZone: ctx.timeZone };
    const turn = userTurn(message, {
      recentNames: ctx.recentNames ?? [],
      ...(ctx.plan ? { plan: ctx.plan } : {}),
      describeStep: (s) => describeStep(registry, toolset, s),
    });
    // Static text first (the system prompt and tools), the message's own text last.
    const messages: Message[] = [
      { role: "system", content: systemPrompt(prompts, new Set(toolset.byToolName.keys())) },
      { role: "user", content: turn },
    ];
    const answer = await ask(messages, toolset, deadline, tally);
    const calls = readToolCalls(registry, answer, toolset, routeContext);
    const kept = validProposals(calls);
    if (invalidCalls(calls).length === 0) return { proposals: kept, outcome: "ok" };
    const repaired = await ask([...messages, ...repairMessages(answer, calls)], toolset, deadline, tally);
    const again = readToolCalls(registry, repaired, toolset, routeContext);
    // The calls that were valid the first time are never dropped for the ones repaired.
    const proposals = validProposals([...calls, ...again]);
    if (proposals.length === 0) {
      const why = again.length ? problemsOf(again) : `gave up (first answer: ${problemsOf(calls)})`;
      throw new UnderstandingError("invalid", `the model's answer stayed invalid after one repair: ${why}`);
    }
    return { proposals, outcome: "repaired" };
  }

  async function interpret(text: string, ctx: UnderstandingContext): Promise<ProposedAction[]> {
    const message = text.trim();
    if (!message || message.length > MAX_TEXT) return [];
    const toolset = toolsets(ctx.role);
    if (toolset.list.length === 0) return [];
    const started = clock.now().getTime();
    const tally: Tally = { requests: 0, retries: 0, rounds: 0, tokensIn: 0, tokensOut: 0 };
    const report = (outcome: LlmOutcome, proposals: number) =>
      deps.observe?.({ model: settings.model, ...tally, latencyMs: clock.now().getTime() - started, outcome, proposals });
    try {
      const r = await understand(message, ctx, toolset, tally);
      report(r.outcome, r.proposals.length);
      return r.proposals;
    } catch (e) {
      report(e instanceof UnderstandingError && e.reason === "invalid" ? "invalid" : "unavailable", 0);
      throw e;
    }
  }

  return { name: `llm (${settings.model}, prompts ${prompts.version})`, revisesPlans: true, interpret };
}

/** The engine configured by OPENAI_* in `env`; a clear ConfigError when it is not configured. */
export function createLlmEngine(env: NodeJS.ProcessEnv, deps: LlmEngineDeps = {}): NluEngine {
  const { llm } = loadConfig(env);
  if (!llm) throw new ConfigError("OPENAI_API_KEY is not set: the LLM engine needs OPENAI_API_KEY and OPENAI_MODEL (and OPENAI_BASE_URL for a service other than OpenAI)");
  return llmEngine(llm, deps);
}
