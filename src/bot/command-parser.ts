// The command grammar: "<command> <arg> <arg> …". Errors name what is wrong and show
// the usage and one correct example, in Chinese.
import type { z } from "zod";
import type { ActionDef } from "../actions/action.ts";
import type { ActionRegistry } from "../actions/registry.ts";
import { zh } from "../messages/zh.ts";

export type ParseResult =
  | { kind: "call"; action: ActionDef; params: unknown }
  | { kind: "invalid"; action: ActionDef; message: string }
  | { kind: "unknown"; word: string }
  | { kind: "empty" };

export function tokenize(text: string): string[] {
  return text
    .replace(/[\u3000\u00a0]/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

export function parseCommand(registry: ActionRegistry, text: string): ParseResult {
  const tokens = tokenize(text);
  const word = tokens[0];
  if (!word) return { kind: "empty" };
  const action = registry.lookup(word);
  if (!action) return { kind: "unknown", word };
  const args = tokens.slice(1);
  const mapped = action.fromTokens ? action.fromTokens(args) : positional(action, args);
  if (!mapped.ok) return { kind: "invalid", action, message: zh.badParams([mapped.problem], action.usage, action.example) };
  const parsed = action.params.safeParse(mapped.raw);
  if (!parsed.success) {
    return { kind: "invalid", action, message: zh.badParams(describeIssues(action, parsed.error), action.usage, action.example) };
  }
  return { kind: "call", action, params: parsed.data };
}

function positional(action: ActionDef, args: string[]): { ok: true; raw: Record<string, unknown> } | { ok: false; problem: string } {
  const names = action.positional ?? [];
  if (args.length > names.length) return { ok: false, problem: zh.tooManyParams(args.slice(names.length).join(" ")) };
  const raw: Record<string, unknown> = {};
  names.forEach((n, i) => {
    if (args[i] !== undefined) raw[n] = args[i];
  });
  return { ok: true, raw };
}

function describeIssues(action: ActionDef, error: z.ZodError): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    if (seen.has(key)) continue;
    seen.add(key);
    const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
    out.push(missing ? zh.missingParam(action.labels[key] ?? key) : issue.message);
  }
  return out;
}
