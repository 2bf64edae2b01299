// Reading the model's answer: each tool call becomes a proposal when its name is an offered
// tool and its JSON arguments pass the action's zod schema. A call that lacks only required
// fields is still a proposal (the chat asks for the rest); anything else — bad JSON, an
// unknown tool, a wrong type — is a problem the model is shown once to repair.
import type OpenAI from "openai";
import { z } from "zod";
import type { ProposedAction } from "../engine.ts";
import type { OfferedTool, Toolset } from "./tools.ts";

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
});

export type AnswerMessage = z.infer<typeof completionSchema>["choices"][number]["message"];

export type Verdict = { ok: true; proposal: ProposedAction } | { ok: false; problem: string };

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

/** Leniency every model needs: null for "not said", 500000 for "500000"; unknown keys dropped. */
function normalise(args: Args, tool: OfferedTool): Args {
  const out: Args = {};
  for (const [key, value] of Object.entries(args)) {
    const prop = tool.properties[key];
    if (!prop || value === null) continue;
    const wantsString = prop["type"] === "string";
    out[key] = wantsString && (typeof value === "number" || typeof value === "boolean") ? String(value) : value;
  }
  return out;
}

function judge(tool: OfferedTool, args: Args): Verdict {
  const params = normalise(args, tool);
  const proposal = { action: tool.def.name, params };
  const r = tool.def.params.safeParse(params);
  if (r.success) return { ok: true, proposal };
  // A required field left out is how a half-finished request looks: the chat asks for it.
  const wrong = r.error.issues.filter((i) => !(i.code === "invalid_type" && i.path.length === 1 && params[String(i.path[0])] === undefined));
  if (wrong.length === 0) return { ok: true, proposal };
  const listed = wrong.map((i) => `${i.path.join(".") || "参数"}: ${i.message}`).join("；");
  return { ok: false, problem: `参数不符合工具定义：${listed}。请按定义修正后重新调用。` };
}

function verdictOf(name: string, raw: string | Args | null | undefined, toolset: Toolset): Verdict {
  const tool = toolset.byToolName.get(name);
  if (!tool) return { ok: false, problem: `没有名为 "${name}" 的工具，只能调用提供的工具；没有合适的就不调用。` };
  const parsed = parseArguments(raw);
  return "problem" in parsed ? { ok: false, problem: parsed.problem } : judge(tool, parsed.args);
}

/** Every tool call of the answer with its verdict, in the model's order. */
export function readToolCalls(message: AnswerMessage, toolset: Toolset): ReadCall[] {
  return (message.tool_calls ?? []).map((call, i) => {
    const name = call.function?.name ?? call.type ?? "unknown";
    const raw = call.function?.arguments;
    return {
      id: call.id ?? `call_${i}`,
      name,
      arguments: typeof raw === "string" ? raw : JSON.stringify(raw ?? {}),
      verdict: verdictOf(name, raw, toolset),
    };
  });
}

/** The proposals when every call is valid; null when any needs repair. */
export function proposalsOf(calls: readonly ReadCall[]): ProposedAction[] | null {
  const out: ProposedAction[] = [];
  for (const c of calls) {
    if (!c.verdict.ok) return null;
    out.push(c.verdict.proposal);
  }
  return out;
}

export const problemsOf = (calls: readonly ReadCall[]): string =>
  calls.flatMap((c) => (c.verdict.ok ? [] : [`${c.name}: ${c.verdict.problem}`])).join(" | ");

type Message = OpenAI.Chat.ChatCompletionMessageParam;

/** The model's answer sent back with each call's verdict, asking it to answer again in full. */
export function repairMessages(message: AnswerMessage, calls: readonly ReadCall[]): Message[] {
  const assistant: Message = {
    role: "assistant",
    content: message.content ?? null,
    tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })),
  };
  const results: Message[] = calls.map((c) => ({
    role: "tool",
    tool_call_id: c.id,
    content: c.verdict.ok
      ? "这个调用有效，但还没有执行。重新回答时请把它和修正后的调用一起再给出一次。"
      : `这个调用无效，没有执行：${c.verdict.problem} 重新回答时请给出这条消息的全部调用。`,
  }));
  return [assistant, ...results];
}
