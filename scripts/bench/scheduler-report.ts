// The scheduler benchmark's report: ours against the bare SQL loop per database, as a table
// (with ratios) and as JSON under bench-data/.
import type { DbKind } from "./options.ts";
import { writeBenchJson } from "./report.ts";
import type { PhaseResult, Variant } from "./scheduler-runs.ts";

export const LATENESS_P99_TARGET_MS = 2000;

export interface VariantResult {
  describe: string;
  /** Jobs all due at once: capacity. */
  backlog: PhaseResult;
  /** The load of the issue (ours only). */
  spread: PhaseResult | undefined;
}

export interface SchedulerDbReport {
  database: DbKind;
  label: string;
  windowS: number;
  bare: VariantResult;
  ours: VariantResult;
  /** Backlog jobs/s, ours / baseline. */
  capacityRatio: number;
  /** The target applies to PostgreSQL. */
  p99Pass: boolean | null;
}

const exactlyOnce = (p: PhaseResult) => p.done === p.jobs && (!p.once || (p.once.runs === p.jobs && p.once.twice === 0 && p.once.missing === 0));

export function schedulerDbReport(database: DbKind, label: string, windowS: number, bare: VariantResult, ours: VariantResult): SchedulerDbReport {
  const s = ours.spread;
  return {
    database,
    label,
    windowS,
    bare,
    ours,
    capacityRatio: ours.backlog.jobsPerSec / bare.backlog.jobsPerSec,
    p99Pass: database === "postgres" && s ? exactlyOnce(s) && s.lateness.p99 < LATENESS_P99_TARGET_MS : null,
  };
}

const f0 = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(0) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");

function onceText(p: PhaseResult): string {
  const o = p.once;
  return `${p.done}/${p.jobs} done` + (o ? `, ${o.runs} runs, ${o.twice} twice, ${o.missing} missing${exactlyOnce(p) ? " (exactly once)" : " — NOT EXACTLY ONCE"}` : "");
}

export function schedulerTable(r: SchedulerDbReport): string {
  const b = r.bare.backlog;
  const o = r.ours.backlog;
  const s = r.ours.spread;
  const rows: string[][] = [
    ["", "baseline", "ours", "ours/baseline", "target"],
    [`capacity: ${o.jobs} due at once, jobs/s`, f0(b.jobsPerSec), f0(o.jobsPerSec), f2(r.capacityRatio), ""],
  ];
  if (s) {
    const dueRate = s.jobs / r.windowS;
    const verdict = r.p99Pass === null ? "(PostgreSQL)" : r.p99Pass ? "PASS" : "FAIL";
    rows.push(
      [`load: ${s.jobs} due over ${r.windowS} s, jobs/s (baseline: due/s)`, f0(dueRate), f0(s.jobsPerSec), f2(s.jobsPerSec / dueRate), ""],
      ["  lateness p50 (ms)", "", f0(s.lateness.p50), "", ""],
      ["  lateness p99 (ms)", "", f0(s.lateness.p99), "", `< ${LATENESS_P99_TARGET_MS}  ${verdict}`],
      ["  lateness max (ms)", "", f0(s.lateness.max), "", ""],
      ["  longest pause of a worker (ms)", "", f0(s.longestPauseMs), "", ""],
    );
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const text = (row: string[]) => `  ${row.map((c, i) => (i === 0 || i === 4 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ")}`.trimEnd();
  const phases = [b, o, ...(s ? [s] : [])];
  return [
    r.label,
    `  baseline: ${r.bare.describe}`,
    `  ours: ${r.ours.describe}`,
    ...rows.map(text),
    `  ours, from the probe rows: capacity ${onceText(o)}` + (s ? `; load ${onceText(s)}` : ""),
    ...(s ? [`  load inserted in ${f0(s.insertMs)} ms, the first job due ${f0(s.headroomMs)} ms later`] : []),
    ...(phases.some((p) => p.timedOut) ? ["  SOME RUNS DID NOT FINISH within the grace period (see the done counts)"] : []),
  ].join("\n");
}

/** Writes bench-data/scheduler-<start time>.json; returns its path. */
export function writeSchedulerJson(startedAt: Date, options: Record<string, unknown>, reports: SchedulerDbReport[]): string {
  return writeBenchJson("scheduler", startedAt, { options, targets: { latenessP99Ms: LATENESS_P99_TARGET_MS, on: "postgres" }, results: reports });
}
