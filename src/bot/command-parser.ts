// The command grammar: "<command> <arg> <arg> …". Errors name what is wrong and show
// the usage and one correct example, in Chinese.
import type { ActionDef } from "../actions/action.ts";
import { paramProblems, parseParams } from "../actions/param-errors.ts";
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
  if (action) return parseArgs(action, tokens.slice(1));
  const glued = registry.lookupGlued(word);
  if (glued) return parseArgs(glued.action, [glued.rest, ...tokens.slice(1)]);
  return parseGluedWord(registry, tokens) ?? { kind: "unknown", word };
}

/** A record reference (#12, 客户#1) or a name-like word: short, no punctuation or other #, none of the
 * particles and pronouns that make a sentence (的 了 吗 一下 这 那 我 说 把 给 …). */
const SENTENCE_MARKS = /[的了吗呢吧么啊呀哦嘛哪谁怎什这那我你他她它把被给要想过着很都还也就再是在说跟让帮请去来？?！!，,。；;、…~～]|一下|一个|一点|多少|没有/u;
const looksLikeArgument = (rest: string) =>
  /^(?:客户|线索|商机|工单)?#?\d{1,9}$/u.test(rest) || (rest.length <= 20 && !SENTENCE_MARKS.test(rest) && !/[#＃:：]/.test(rest));

/** A command word glued to its first argument (转化周八, 评分孙七, 跟进记录华为): read as the
 * command only when the argument looks like one and the whole parses cleanly — longest
 * command word first (跟进记录 before 跟进). Anything else is free text, never an error:
 * 跟进一下华为 or 客户说下周签 are sentences. */
function parseGluedWord(registry: ActionRegistry, tokens: string[]): ParseResult | null {
  for (const { action, rest } of registry.gluedWords(tokens[0]!)) {
    if (!looksLikeArgument(rest)) continue;
    const r = parseArgs(action, [rest, ...tokens.slice(1)]);
    if (r.kind === "call") return r;
  }
  return null;
}

function parseArgs(action: ActionDef, argTokens: string[]): ParseResult {
  const { named, rest: args } = takeNamed(action, argTokens);
  const mapped = action.fromTokens ? action.fromTokens(args) : positional(action, args);
  if (!mapped.ok) return { kind: "invalid", action, message: zh.badParams([mapped.problem], action.usage, action.example) };
  const parsed = parseParams(action, { ...mapped.raw, ...named });
  if (!parsed.success) return { kind: "invalid", action, message: zh.badParams(paramProblems(parsed.error), action.usage, action.example) };
  return { kind: "call", action, params: parsed.data };
}

const NAMED = /^([^:：]+)[:：](.*)$/;

/** Pulls `key:value` words for the action's named fields out of the argument list. */
function takeNamed(action: ActionDef, args: string[]): { named: Record<string, unknown>; rest: string[] } {
  const named: Record<string, unknown> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = NAMED.exec(args[i]!);
    const param = m && action.named?.[m[1]!.toLowerCase()];
    if (!m || !param) {
      rest.push(args[i]!);
      continue;
    }
    if (action.restOfLine?.includes(m[1]!.toLowerCase())) {
      // Free text with spaces: runs until the next named field, or the end.
      let end = i + 1;
      while (end < args.length && !isNamedField(action, args[end]!)) end++;
      named[param] = [m[2]!, ...args.slice(i + 1, end)].join(" ").trim();
      i = end - 1;
      continue;
    }
    named[param] = m[2]!;
  }
  return { named, rest };
}

function isNamedField(action: ActionDef, word: string): boolean {
  const m = NAMED.exec(word);
  return Boolean(m && action.named?.[m[1]!.toLowerCase()]);
}

/** A typed command's words mapped onto its action's parameters, before validation (named
 * `key:value` words included): how the grammar reads `推进 远洋物流 报价谈判`, for the free-text
 * engine to propose the same. Words beyond the positional ones are returned as `extra`
 * rather than refused. Null when the first word is no command, or the words do not map. */
export function commandArguments(registry: ActionRegistry, text: string): { action: ActionDef; raw: Record<string, unknown>; extra: string[] } | null {
  const [word, ...args] = tokenize(text);
  if (word === undefined) return null;
  const action = registry.lookup(word);
  if (action) return argumentsOf(action, args);
  // 推进远洋物流 报价谈判: the command word glued to a name-like first argument.
  for (const glued of registry.gluedWords(word)) {
    if (looksLikeArgument(glued.rest)) return argumentsOf(glued.action, [glued.rest, ...args]);
  }
  return null;
}

function argumentsOf(action: ActionDef, args: string[]): { action: ActionDef; raw: Record<string, unknown>; extra: string[] } | null {
  const { named, rest } = takeNamed(action, args);
  const count = action.fromTokens ? rest.length : (action.positional ?? []).length;
  const mapped = action.fromTokens ? action.fromTokens(rest) : positional(action, rest.slice(0, count));
  return mapped.ok ? { action, raw: { ...mapped.raw, ...named }, extra: rest.slice(count) } : null;
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
