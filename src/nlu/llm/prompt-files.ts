// The prompt files in prompts/ (versioned with the code), read once when the engine is made:
// the system prompt (static text, so providers can cache it, with one {{examples}}
// placeholder) and the few-shot examples (one JSON object a line: the message and the routed
// tool calls it should get). A missing file, an unknown or missing placeholder, or a bad
// example stops start-up with a message naming the file.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const DEFAULT_PROMPT_DIR = path.resolve(import.meta.dirname, "../../../prompts");
export const SYSTEM_FILE = "nlu-system.md";
export const EXAMPLES_FILE = "nlu-examples.jsonl";

/** Every placeholder the system prompt must hold, filled per message. */
export const PLACEHOLDERS = ["examples"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

const exampleSchema = z.strictObject({
  text: z.string().trim().min(1),
  /** Routed tool calls; only the arguments that were said (the rest are null). */
  calls: z.array(z.strictObject({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()) })),
  note: z.string().optional(),
});

export type FewShot = z.infer<typeof exampleSchema>;

export interface PromptFiles {
  system: string;
  examples: readonly FewShot[];
  /** A short hash of both files: which prompt produced an answer. */
  version: string;
}

export class PromptFileError extends Error {}

function read(dir: string, file: string): string {
  const full = path.join(dir, file);
  try {
    return readFileSync(full, "utf8");
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "is missing" : `cannot be read (${(e as Error).message})`;
    throw new PromptFileError(`prompt file ${full} ${why}: the LLM engine needs ${SYSTEM_FILE} and ${EXAMPLES_FILE} in ${dir}`);
  }
}

function checkPlaceholders(template: string, file: string): void {
  const used = new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  const known = new Set<string>(PLACEHOLDERS);
  const unknown = [...used].filter((p) => !known.has(p));
  if (unknown.length) throw new PromptFileError(`${file}: unknown placeholder {{${unknown[0]}}} (known: ${PLACEHOLDERS.join(", ")})`);
  const missing = PLACEHOLDERS.filter((p) => !used.has(p));
  if (missing.length) throw new PromptFileError(`${file}: placeholder {{${missing[0]}}} is missing`);
}

function parseExamples(source: string, file: string, isTool: (name: string) => boolean): FewShot[] {
  const examples: FewShot[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const where = `${file} line ${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new PromptFileError(`${where}: not JSON (${(e as Error).message})`);
    }
    const r = exampleSchema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new PromptFileError(`${where}: ${issue?.path.join(".") || "line"} ${issue?.message ?? "is invalid"}`);
    }
    const unknown = r.data.calls.find((c) => !isTool(c.tool));
    if (unknown) throw new PromptFileError(`${where}: unknown tool "${unknown.tool}"`);
    examples.push(r.data);
  });
  return examples;
}

/** Reads and checks the prompt files (synchronously: once, at start-up). */
export function loadPromptFiles(dir: string, isTool: (name: string) => boolean): PromptFiles {
  const system = read(dir, SYSTEM_FILE);
  const examplesText = read(dir, EXAMPLES_FILE);
  checkPlaceholders(system, path.join(dir, SYSTEM_FILE));
  const examples = parseExamples(examplesText, path.join(dir, EXAMPLES_FILE), isTool);
  const version = createHash("sha256").update(system).update("\0").update(examplesText).digest("hex").slice(0, 8);
  return { system, examples, version };
}

/** Fills every {{placeholder}}; the values are inserted as they are (never re-scanned). */
export function fillTemplate(template: string, values: Readonly<Record<Placeholder, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}
