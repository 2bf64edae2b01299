// The 查 benchmark's report: latency per actor and per query kind, as milliseconds and as a
// ratio to the primary-key baseline measured on the same data in the same run.
import type { QueryKind } from "./crm-queries.ts";
import type { DbKind } from "./options.ts";
import { writeBenchJson } from "./report.ts";
import { summarize, type Summary } from "./shared.ts";

export const P99_TARGET_MS = 50;

export interface Timed {
  kind: QueryKind;
  ms: number;
}

export interface CrmDbReport {
  database: DbKind;
  label: string;
  rows: { customers: number; contacts: number; leads: number };
  loadSeconds: number;
  baseline: Summary;
  byActor: Record<string, Summary>;
  byKind: Partial<Record<QueryKind, Summary>>;
  all: Summary;
  /** The target applies to PostgreSQL. */
  p99Pass: boolean | null;
}

export function crmDbReport(
  database: DbKind,
  label: string,
  rows: CrmDbReport["rows"],
  loadSeconds: number,
  baseline: number[],
  timings: Record<string, Timed[]>,
): CrmDbReport {
  const every = Object.values(timings).flat();
  const byKind: Partial<Record<QueryKind, Summary>> = {};
  for (const k of new Set(every.map((t) => t.kind))) byKind[k] = summarize(every.filter((t) => t.kind === k).map((t) => t.ms));
  const all = summarize(every.map((t) => t.ms));
  return {
    database,
    label,
    rows,
    loadSeconds,
    baseline: summarize(baseline),
    byActor: Object.fromEntries(Object.entries(timings).map(([actor, ts]) => [actor, summarize(ts.map((t) => t.ms))])),
    byKind,
    all,
    p99Pass: database === "postgres" ? all.p99 < P99_TARGET_MS : null,
  };
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const ratio = (n: number, base: number) => (base > 0 ? `${(n / base).toFixed(1)}×` : "–");

export function crmTable(r: CrmDbReport): string {
  const b = r.baseline;
  const head: string[] = ["", "n", "p50 ms", "p99 ms", "max ms", "p50/base", "p99/base"];
  const line = (name: string, s: Summary, base = true): string[] => [name, String(s.n), f1(s.p50), f1(s.p99), f1(s.max), base ? ratio(s.p50, b.p50) : "", base ? ratio(s.p99, b.p99) : ""];
  const rows = [
    head,
    line("baseline: primary-key lookup", b, false),
    ...Object.entries(r.byActor).map(([actor, s]) => line(`查 as ${actor}`, s)),
    line("查, all actors", r.all),
    ...Object.entries(r.byKind).map(([kind, s]) => line(`  ${kind}`, s!)),
  ];
  const w = head.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const text = (row: string[]) => `  ${row.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ")}`.trimEnd();
  const verdict = r.p99Pass === null ? `(target p99 < ${P99_TARGET_MS} ms applies to PostgreSQL)` : `target p99 < ${P99_TARGET_MS} ms: ${r.p99Pass ? "PASS" : "FAIL"}`;
  return [
    r.label,
    `  ${r.rows.customers} customers, ${r.rows.contacts} contacts, ${r.rows.leads} leads, loaded in ${r.loadSeconds.toFixed(1)} s; each query in its own transaction, like a chat message`,
    ...rows.map(text),
    `  ${verdict}`,
  ].join("\n");
}

/** Writes bench-data/crm-<start time>.json; returns its path. */
export function writeCrmJson(startedAt: Date, options: Record<string, unknown>, reports: CrmDbReport[]): string {
  return writeBenchJson("crm", startedAt, { options, targets: { p99Ms: P99_TARGET_MS, on: "postgres" }, results: reports });
}
