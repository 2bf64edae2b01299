// The webhook benchmark's report: bare vs ours per database against the targets, printed as
// a table and written as JSON under bench-data/.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DbKind, Options } from "./options.ts";
import type { Variant } from "./runner.ts";
import type { RunResult } from "./shared.ts";

const OUT_DIR = path.resolve(import.meta.dirname, "../../bench-data");
const THROUGHPUT_TARGET = 0.5;
const E2E_TARGET = 0.5;
/** "A few seconds" for an interactive message while someone else floods. */
const FLOOD_P99_TARGET_MS = 5_000;
const ACK_P99_TARGET_MS = 50;

export interface DbReport {
  database: DbKind;
  label: string;
  order: Variant[];
  bare: RunResult;
  ours: RunResult;
  ratio: number;
  throughputPass: boolean;
  /** The bare processing baseline's run (absent with --ack-only). */
  bareE2e?: RunResult;
  /** End-to-end commands/s, ours / bare-e2e. */
  e2eRatio?: number;
  e2ePass?: boolean;
  ackP99Pass: boolean;
}

/** Both servers' runs on one database, judged against the targets. */
export function dbReport(database: DbKind, label: string, order: Variant[], bare: RunResult, ours: RunResult, bareE2e?: RunResult): DbReport {
  const ratio = bare.measured.msgsPerSec > 0 ? ours.measured.msgsPerSec / bare.measured.msgsPerSec : 0;
  const e2eRatio = bareE2e?.e2e && ours.e2e && bareE2e.e2e.commandsPerSec > 0 ? ours.e2e.commandsPerSec / bareE2e.e2e.commandsPerSec : undefined;
  const complete = (r: RunResult | undefined) => r?.e2e !== undefined && r.e2e.missing === 0 && r.e2e.sendersOutOfOrder === 0;
  return {
    ...(bareE2e ? { bareE2e, e2eRatio: e2eRatio ?? 0, e2ePass: (e2eRatio ?? 0) >= E2E_TARGET && complete(ours) && complete(bareE2e) } : {}),
    database,
    label,
    order,
    bare,
    ours,
    ratio,
    throughputPass: ratio >= THROUGHPUT_TARGET && ours.measured.ok === ours.measured.sent,
    ackP99Pass: ours.measured.ackMs.p99 < ACK_P99_TARGET_MS,
  };
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

function errorsText(r: RunResult): string {
  const e = Object.entries(r.measured.errors);
  return e.length ? e.map(([k, v]) => `${v}× ${k}`).join(", ") : "none";
}

export function table(r: DbReport, o: Options): string {
  const b = r.bare.measured;
  const u = r.ours.measured;
  const e2e = r.ours.e2e;
  const be = r.bareE2e?.e2e;
  type Row = [string, string, string, string];
  const rows: Row[] = [
    ["", "bare node:http (+ bare processing)", "ours (WecrmServer)", "target"],
    ["acknowledged msgs/s", f0(b.msgsPerSec), f0(u.msgsPerSec), ""],
    [
      "ratio ours / bare",
      "",
      r.ratio.toFixed(2),
      `≥ ${THROUGHPUT_TARGET.toFixed(2)}  ${verdict(r.throughputPass)}`,
    ],
    ["ack p50 (ms)", f1(b.ackMs.p50), f1(u.ackMs.p50), ""],
    ["ack p99 (ms)", f1(b.ackMs.p99), f1(u.ackMs.p99), `< ${ACK_P99_TARGET_MS}  ${verdict(r.ackP99Pass)}`],
    ["ack max (ms)", f1(b.ackMs.max), f1(u.ackMs.max), ""],
    ["end-to-end commands/s", be ? f0(be.commandsPerSec) : "–", e2e ? f0(e2e.commandsPerSec) : "–", ""],
    ...(r.e2eRatio === undefined ? [] : [["ratio ours / bare (end to end)", "", r.e2eRatio.toFixed(2), `≥ ${E2E_TARGET.toFixed(2)}  ${verdict(r.e2ePass ?? false)}`] as Row]),
    ["end-to-end p50 (ms)", be ? f0(be.e2eMs.p50) : "", e2e ? f0(e2e.e2eMs.p50) : "–", ""],
    ["end-to-end p99 (ms)", be ? f0(be.e2eMs.p99) : "", e2e ? f0(e2e.e2eMs.p99) : "–", ""],
    ["last reply after first send (ms)", be ? f0(be.lastReplyAfterFirstSendMs) : "", e2e ? f0(e2e.lastReplyAfterFirstSendMs) : "–", ""],
    ["replies received", be ? `${be.received}/${be.expected}` : "", e2e ? `${e2e.received}/${e2e.expected}` : "–", e2e && e2e.missing > 0 ? `${e2e.missing} MISSING` : ""],
    [
      "light sender's reply p99 during a flood (ms)",
      r.bareE2e?.flood ? f0(r.bareE2e.flood.light.p99) : "",
      r.ours.flood ? f0(r.ours.flood.light.p99) : "–",
      r.ours.flood ? `< ${FLOOD_P99_TARGET_MS}  ${verdict(r.ours.flood.light.p99 < FLOOD_P99_TARGET_MS && r.ours.flood.lightMissing === 0)}` : "",
    ],
    ["peak RSS of the process during the run (MB)", r.bareE2e?.peakRssMb ? f0(r.bareE2e.peakRssMb) : "", r.ours.peakRssMb ? f0(r.ours.peakRssMb) : "–", ""],
    ["senders answered out of order", be ? String(be.sendersOutOfOrder) : "", e2e ? String(e2e.sendersOutOfOrder) : "–", "0"],
    ["non-200 answers", errorsText(r.bare), errorsText(r.ours), ""],
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: Row) =>
    `  ${row[0].padEnd(w[0]!)}  ${row[1].padStart(w[1]!)}  ${row[2].padStart(w[2]!)}  ${row[3]}`.trimEnd();
  return [
    `${r.label}`,
    `  ${o.messages} deliveries per server after ${o.warmup} warm-up, ${o.concurrency} concurrent; run order: ${r.order.join(" then ")}`,
    ...rows.map(line),
    e2e ? `  our backlog drained ${f0(e2e.drainAfterLastAckMs)} ms after the last ack` : "",
    r.e2eRatio === undefined ? "" : `  end-to-end commands/s ours / bare: ${r.e2eRatio.toFixed(2)}`,
  ]
    .filter(Boolean)
    .join("\n");
}

/** Writes the run's figures to bench-data/webhook-<start time>.json; returns the file's path. */
export function writeJsonReport(o: Options, startedAt: Date, reports: DbReport[]): string {
  return writeBenchJson("webhook", startedAt, {
    options: { dbs: o.dbs, ackOnly: o.ackOnly, concurrency: o.concurrency, messages: o.messages, warmup: o.warmup, senders: o.senders, flood: o.flood, replyTimeoutMs: o.replyTimeoutMs },
    targets: { throughputRatio: THROUGHPUT_TARGET, e2eRatio: E2E_TARGET, floodLightP99Ms: FLOOD_P99_TARGET_MS, ackP99Ms: ACK_P99_TARGET_MS, atConcurrency: 100 },
    results: reports,
  });
}

/** Writes bench-data/<benchmark>-<start time>.json: when, the command, the machine, and
 * the benchmark's own figures; returns the file's path. */
export function writeBenchJson(benchmark: string, startedAt: Date, figures: { options: unknown; targets: unknown; results: unknown }): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${benchmark}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const json = {
    benchmark,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: [`npm run bench:${benchmark}`, ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    ...figures,
  };
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  return file;
}
