// Row validation with zod (the same field rules as the chat commands) and the small
// helpers both record kinds share: owners, duplicates within the file, batching.
import type { z } from "zod";
import { zhErrors } from "../../../actions/param-errors.ts";
import type { User } from "../../../auth/users.ts";
import { rowObject } from "./columns.ts";
import type { ImportInput, RowDuplicate, RowProblem } from "./import-types.ts";
import type { OwnerLookup } from "./owners.ts";

export interface ValidRow<T> {
  line: number;
  data: T;
}

/** Every row through the schema; each problem names its line and column. */
export function validateRows<S extends z.ZodType>(
  input: ImportInput,
  schema: S,
  fallbackLabels: Record<string, string>,
): { valid: ValidRow<z.infer<S>>[]; problems: RowProblem[] } {
  const valid: ValidRow<z.infer<S>>[] = [];
  const problems: RowProblem[] = [];
  for (const rec of input.records) {
    const labelOf = (field: string) => input.columns.labels.get(field) ?? fallbackLabels[field] ?? field;
    const parsed = schema.safeParse(rowObject(input.columns, rec.cells), { error: zhErrors(labelOf) });
    if (parsed.success) {
      valid.push({ line: rec.line, data: parsed.data });
      continue;
    }
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (seen.has(field)) continue;
      seen.add(field);
      problems.push({ line: rec.line, column: labelOf(field), message: issue.message });
    }
  }
  return { valid, problems };
}

/** Resolves each row's 负责人; rows without one get --as (or null). */
export function withOwners<T extends { owner?: string }>(
  rows: ValidRow<T>[],
  lookup: OwnerLookup,
  as: User | null,
  ownerLabel: string,
  problems: RowProblem[],
): Array<ValidRow<T> & { owner: User | null }> {
  return rows.flatMap((r) => {
    if (r.data.owner === undefined) return [{ ...r, owner: as }];
    const found = lookup(r.data.owner);
    if ("problem" in found) {
      problems.push({ line: r.line, column: ownerLabel, message: found.problem });
      return [];
    }
    return [{ ...r, owner: found.user }];
  });
}

/** Keeps the first row for each key; later rows with any of its keys are duplicates. */
export class FirstSeen<K extends string> {
  private readonly lines = new Map<string, number>();

  /** The earlier line sharing one of the keys (and which), or null after taking them all. */
  claim(keys: Array<[K, string | null | undefined]>, line: number): { line: number; by: K } | null {
    for (const [by, key] of keys) {
      const first = key ? this.lines.get(`${by}:${key}`) : undefined;
      if (first !== undefined) return { line: first, by };
    }
    for (const [by, key] of keys) if (key) this.lines.set(`${by}:${key}`, line);
    return null;
  }
}

export function inFileDuplicate(line: number, firstLine: number, matchedBy: RowDuplicate["matchedBy"]): RowDuplicate {
  return { line, of: { kind: "in_file", line: firstLine }, matchedBy };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per INSERT: well under PostgreSQL's 65535 bind parameters for our widest rows. */
export const BATCH = 1000;
