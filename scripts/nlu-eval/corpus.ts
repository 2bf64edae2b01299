// A labelled NLU corpus: one JSON object per line (format in test/nlu/README.md). Every
// line is checked with zod and every label against the action registry, so a typo in a
// label is reported with its line number instead of silently counting as a miss.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ActionRegistry } from "../../src/actions/registry.ts";
import { labelProblems } from "./compare.ts";

const isoWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/, "now must be an ISO time with offset, e.g. 2026-11-23T10:00:00+08:00")
  .refine((s) => !Number.isNaN(Date.parse(s)), "now is not a real time");

export const expectedActionSchema = z.strictObject({
  action: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const corpusLineSchema = z.strictObject({
  text: z.string().trim().min(1),
  now: isoWithOffset,
  user: z.enum(["rep", "manager", "admin"]),
  expect: z.array(expectedActionSchema),
  /** Names the user dealt with recently (UnderstandingContext.recentNames). */
  recent: z.array(z.string().min(1)).optional(),
  /** Why the label is what it is, for the reader. */
  note: z.string().optional(),
});

export type CorpusLine = z.infer<typeof corpusLineSchema>;
export type ExpectedAction = z.infer<typeof expectedActionSchema>;

export interface NumberedLine {
  lineNo: number;
  line: CorpusLine;
}

export interface CorpusProblem {
  lineNo: number;
  problem: string;
}

export interface Corpus {
  lines: NumberedLine[];
  problems: CorpusProblem[];
}

/** Parses JSONL text; blank lines are skipped, line numbers are the file's. */
export function parseCorpus(source: string, registry: ActionRegistry, timeZone: string): Corpus {
  const lines: NumberedLine[] = [];
  const problems: CorpusProblem[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      problems.push({ lineNo, problem: `not JSON: ${(e as Error).message}` });
      return;
    }
    const r = corpusLineSchema.safeParse(json);
    if (!r.success) {
      problems.push(...r.error.issues.map((issue) => ({ lineNo, problem: `${issue.path.join(".") || "line"}: ${issue.message}` })));
      return;
    }
    const found = labelIssues(r.data, registry, timeZone);
    if (found.length) problems.push(...found.map((problem) => ({ lineNo, problem })));
    else lines.push({ lineNo, line: r.data });
  });
  return { lines, problems };
}

function labelIssues(line: CorpusLine, registry: ActionRegistry, timeZone: string): string[] {
  const ctx = { now: new Date(line.now), timeZone };
  return line.expect.flatMap((e) => {
    const def = registry.byName(e.action);
    return def ? labelProblems(def, e.params, ctx) : [`unknown action "${e.action}"`];
  });
}

export async function loadCorpus(path: string, registry: ActionRegistry, timeZone: string): Promise<Corpus> {
  return parseCorpus(await readFile(path, "utf8"), registry, timeZone);
}
