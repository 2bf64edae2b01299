// `npm run bench:reports` — the managers' reports at scale on PostgreSQL (reports-data.ts:
// 100k opportunities with their stage history, 1M follow-ups, leads, contracts, tickets).
// Each report runs as a chat message would (in a transaction, as a manager and as the admin)
// and is compared with the plain SQL aggregate it stands on, issued on the driver directly,
// in the same run. Printed per report: p50/p99 ours and baseline, and the p99 ratio; targets:
// within 2× of the baseline and p99 under 200 ms. Then the time to draw each kind of picture.
//
//   npm run bench:reports -- [--opportunities 100000] [--follow-ups 1000000] [--runs 50]
//                            [--keep NAME] [--only TEXT]
import pg from "pg";
import type { Database } from "../../src/db/database.ts";
import { renderChart, type ChartSpec } from "../../src/render/charts/index.ts";
import { migrated, onFreshDatabase, PG_POOL_SIZE, sweepLeftovers } from "./databases.ts";
import { benchArgs, benchPostgresUrl, chooseDatabases, intOption } from "./options.ts";
import { reportCases, type ReportCase } from "./reports-cases.ts";
import { seedReports } from "./reports-data.ts";
import { runMain } from "./run-main.ts";

const USAGE = `usage: npm run bench:reports -- [--opportunities 100000] [--follow-ups 1000000] [--runs 50]
  PostgreSQL at DATABASE_URL (or postgresql://postgres@127.0.0.1:5432/postgres); a fresh database is made and dropped
  --opportunities  deals to load (with their stage history; half as many customers, twice as many leads)
  --follow-ups     follow-ups to load
  --runs           measured runs per report (after 5 warm-up ones), ours and the baseline each
  --keep NAME      for working on one report: load into database NAME once and keep it; later runs
                   with the same NAME reuse the data (drop it yourself: DROP DATABASE NAME)
  --only TEXT      measure only the reports whose label contains TEXT`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function series(n: number, warmup: number, f: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n + warmup; i++) {
    const t = performance.now();
    await f();
    if (i >= warmup) out.push(performance.now() - t);
  }
  return out;
}

async function measure(db: Database, c: ReportCase, runs: number): Promise<{ line: string; ok: boolean }> {
  const actor = await db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: c.as } });
  const ours = await series(runs, 5, () => db.prisma.$transaction((tx) => c.ours(tx, actor), { timeout: 120_000 }));
  const base = await series(runs, 5, () => db.query(c.baseline.sql, c.baseline.params?.(actor) ?? []));
  const ratio = pct(ours, 99) / pct(base, 99);
  const ok = ratio <= 2 && pct(ours, 99) < 200;
  const f = (x: number) => x.toFixed(1).padStart(7);
  return {
    ok,
    line: `  ${c.label.padEnd(34)} ours p50 ${f(pct(ours, 50))} ms  p99 ${f(pct(ours, 99))} ms | baseline p50 ${f(pct(base, 50))} ms  p99 ${f(pct(base, 99))} ms | p99 ours/baseline ${ratio.toFixed(2)}×${ok ? "" : "  ← over target"}`,
  };
}

const SAMPLE_CHARTS: Array<[string, ChartSpec]> = [
  ["funnel", { type: "funnel", title: "销售漏斗 2026年11月", unit: "个", stages: ["初步沟通", "需求确认", "方案演示", "报价谈判", "合同签署"].map((name, i) => ({ name, value: 500 - i * 90 })) }],
  ["leaderboard (10 bars)", { type: "bar", title: "成交排行 2026年11月", unit: "万", horizontal: true, categories: Array.from({ length: 10 }, (_, i) => `销售${i + 1}`), series: [{ name: "成交额", values: Array.from({ length: 10 }, (_, i) => 100 - i * 7) }] }],
  ["targets (10 rows)", { type: "progress", title: "目标完成 2026年11月", unit: "万", rows: Array.from({ length: 10 }, (_, i) => ({ name: `销售${i + 1}`, actual: 20 + i * 3, target: 50 })) }],
  ["cash forecast (line)", { type: "line", title: "回款预测", unit: "万", categories: ["12月", "1月", "2月"], series: [{ name: "应回款", values: [120, 80, 95] }] }],
];

async function main(): Promise<number> {
  const values = benchArgs(
    { opportunities: { type: "string" }, "follow-ups": { type: "string" }, runs: { type: "string" }, keep: { type: "string" }, only: { type: "string" } },
    USAGE,
  );
  const opportunities = intOption("opportunities", values.opportunities, 100_000, 100, 2_000_000);
  const followUps = intOption("follow-ups", values["follow-ups"], 1_000_000, 100, 20_000_000);
  const runs = intOption("runs", values.runs, 50, 5, 10_000);
  const pgBaseUrl = benchPostgresUrl();
  const dbs = await chooseDatabases("postgres", pgBaseUrl);
  await sweepLeftovers({ dbs, pgBaseUrl });
  process.stdout.write(`reports benchmark: ${opportunities} opportunities, ${followUps} follow-ups on PostgreSQL\n`);
  const onDatabase = values.keep ? (fn: (db: Database, where: string) => Promise<boolean>) => onKeptDatabase(pgBaseUrl, values.keep!, fn) : (fn: (db: Database, where: string) => Promise<boolean>) => onFreshDatabase("postgres", pgBaseUrl, (db, fresh) => fn(db, `${fresh.where} (${fresh.label})`));
  const ok = await onDatabase(async (db, where) => {
    const t = performance.now();
    const [had] = await db.query<{ o: string }>("SELECT count(*) o FROM opportunities");
    if (Number(had!.o) === 0) {
      process.stdout.write(`  loading into ${where} … `);
      await seedReports(db, { opportunities, followUps });
    } else process.stdout.write(`  reusing the data in ${where} … `);
    const [n] = await db.query<{ o: string; s: string; f: string }>("SELECT (SELECT count(*) FROM opportunities) o, (SELECT count(*) FROM stage_changes) s, (SELECT count(*) FROM follow_ups) f");
    process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s (${n!.o} opportunities, ${n!.s} stage changes, ${n!.f} follow-ups)\n\n`);
    let all = true;
    for (const c of reportCases().filter((c) => !values.only || c.label.includes(values.only))) {
      if (c.check) await c.check(db);
      const r = await measure(db, c, runs);
      all &&= r.ok;
      process.stdout.write(`${r.line}\n`);
    }
    return all;
  });
  process.stdout.write("\n  pictures (ECharts SSR + resvg, 900 px wide):\n");
  renderChart(SAMPLE_CHARTS[0]![1]); // the font file is read on the first picture
  for (const [label, spec] of SAMPLE_CHARTS) {
    const times = await series(20, 2, () => renderChart(spec));
    process.stdout.write(`  ${label.padEnd(34)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms  p99 ${pct(times, 99).toFixed(1).padStart(7)} ms\n`);
  }
  process.stdout.write(`\n  every report within 2× of its baseline and p99 < 200 ms: ${ok ? "yes" : "NO"}\n`);
  return ok ? 0 : 1;
}

/** A named database that outlives the run (--keep): made and migrated when missing. */
async function onKeptDatabase(pgBaseUrl: string, name: string, fn: (db: Database, where: string) => Promise<boolean>): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`--keep: ${name} is not a plain database name`);
  const admin = new pg.Client({ connectionString: pgBaseUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(pgBaseUrl);
  url.pathname = `/${name}`;
  const db = await migrated({ kind: "postgres", url: url.toString(), poolSize: PG_POOL_SIZE });
  try {
    return await fn(db, `${name} (kept)`);
  } finally {
    await db.close();
  }
}

runMain(main, USAGE);
