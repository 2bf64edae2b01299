// Reading the model's answer: each tool call names a routed tool; its JSON arguments (null =
// not said) become registry proposals through the route, and each proposal must pass its
// action's zod schema. A proposal lacking only required fields is still one (the chat asks
// for the rest); anything else — bad JSON, an unknown tool, a wrong type — is a problem the
// model is shown once to repair, while the valid calls are kept.
import type OpenAI from "openai";
import { z } from "zod";
import type { ActionRegistry } from "../../actions/registry.ts";
import type { ProposedAction } from "../engine.ts";
import type { RouteContext, Toolset } from "./routes/index.ts";

/** The part of a chat completion we use, checked: the service's answer is data too. */
export const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().optional(),
                type: z.string().optional(),
                function: z
                  .object({
                    name: z.string(),
                    // Some compatible servers send the arguments as an object, not a JSON string.
                    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
                  })
                  .optional(),
              }),
            )
            .nullish(),
        }),
      }),
    )
    .min(1),
  /** Token counts, when the service reports them. */
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullish(),
});

export type AnswerMessage = z.infer<typeof completionSchema>["choices"][number]["message"];

export type Verdict = { ok: true; proposals: ProposedAction[] } | { ok: false; problem: string };

export interface ReadCall {
  id: string;
  name: string;
  /** As the model wrote them (a JSON string), for sending its answer back. */
  arguments: string;
  verdict: Verdict;
}

type Args = Record<string, unknown>;

function parseArguments(raw: string | Args | null | undefined): { args: Args } | { problem: string } {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return { args: {} };
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch (e) {
      return { problem: `参数不是合法的 JSON（${(e as Error).message}）。请重新调用，参数写成一个 JSON 对象。` };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "参数必须是一个 JSON 对象。" };
  return { args: value as Args };
}

/** null means "not said"; keys the tool does not define are dropped. */
function said(args: Args, known: ReadonlySet<string>): Args {
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => v !== null && known.has(k)));
}

/** A proposal is valid when its action's schema accepts it, or refuses only required fields left out. */
function problemOf(registry: ActionRegistry, p: ProposedAction): string | null {
  const def = registry.byName(p.action);
  if (!def) return `没有动作 ${p.action}`;
  const r = def.params.safeParse(p.params);
  if (r.success) return null;
  const wrong = r.error.issues.filter((i) => !(i.code === "invalid_type" && i.path.length === 1 && p.params[String(i.path[0])] === undefined));
  return wrong.length ? wrong.map((i) => `${i.path.join(".") || "参数"}: ${i.message}`).join("；") : null;
}

function verdictOf(registry: ActionRegistry, name: string, raw: string | Args | null | undefined, toolset: Toolset, c: RouteContext): Verdict {
  const offered = toolset.byToolName.get(name);
  if (!offered) return { ok: false, problem: `没有名为 "${name}" 的工具，只能调用提供的工具；没有合适的就不调用。` };
  const parsed = parseArguments(raw);
  if ("problem" in parsed) return { ok: false, problem: parsed.problem };
  const route = offered.route;
  const proposals = route.propose(said(parsed.args, new Set(Object.keys(route.properties))), c);
  if (!Array.isArray(proposals)) return { ok: false, problem: proposals.problem };
  const problems = proposals.map((p) => problemOf(registry, p)).filter((x): x is string => x !== null);
  if (problems.length) return { ok: false, problem: `参数不符合工具定义：${problems.join("；")}。请按定义修正后重新调用。` };
  return { ok: true, proposals };
}

/** Every tool call of the answer with its verdict, in the model's order. */
export function readToolCalls(registry: ActionRegistry, message: AnswerMessage, toolset: Toolset, c: RouteContext): ReadCall[] {
  return (message.tool_calls ?? []).map((call, i) => {
    const name = call.function?.name ?? call.type ?? "unknown";
    const raw = call.function?.arguments;
    return {
      id: call.id ?? `call_${i}`,
      name,
      arguments: typeof raw === "string" ? raw : JSON.stringify(raw ?? {}),
      verdict: verdictOf(registry, name, raw, toolset, c),
    };
  });
}

/** The valid calls' proposals, identical ones merged (a model may repeat a call). */
export function validProposals(calls: readonly ReadCall[]): ProposedAction[] {
  const seen = new Set<string>();
  const out: ProposedAction[] = [];
  for (const c of calls) {
    if (!c.verdict.ok) continue;
    for (const p of c.verdict.proposals) {
      const key = JSON.stringify([p.action, Object.entries(p.params).sort(([a], [b]) => a.localeCompare(b))]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

export const invalidCalls = (calls: readonly ReadCall[]): ReadCall[] => calls.filter((c) => !c.verdict.ok);

export const problemsOf = (calls: readonly ReadCall[]): string =>
  calls.flatMap((c) => (c.verdict.ok ? [] : [`${c.name}: ${c.verdict.problem}`])).join(" | ");

type Message = OpenAI.Chat.ChatCompletionMessageParam;

/** The model's answer sent back with each call's verdict: the valid calls are kept by us, so
 * only the invalid ones are to be given again, corrected. */
export function repairMessages(message: AnswerMessage, calls: readonly ReadCall[]): Message[] {
  const assistant: Message = {
    role: "assistant",
    content: message.content ?? null,
    tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })),
  };
  const results: Message[] = calls.map((c) => ({
    role: "tool",
    tool_call_id: c.id,
    content: c.verdict.ok ? "有效，已记下，不要再给出这个调用。" : `无效：${c.verdict.problem} 请只重新给出修正后的这个调用；无法修正就不调用。`,
  }));
  return [assistant, ...results];
}
