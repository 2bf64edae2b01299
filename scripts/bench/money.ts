// `npm run bench:money` — 回款 at scale on PostgreSQL: 100k contracts (2 per customer, 1 in 20
// void) with 3 instalments each, partly paid (payments and allocations to match), loaded with
// bulk SQL into a fresh database. Measured, each in its own transaction like the job and a chat
// message:
//   - the overdue sweep's selection as the daily check runs it (sweepSelection) against one
//     plain SQL statement doing the same selection on the driver directly;
//   - customerMoneySummary (the 360° card's money) against one plain SQL aggregate.
// Printed: p50/p99 and "ours vs baseline"; targets: sweep within 2× of the plain statement,
// summary p99 < 50 ms.
//
//   npm run bench:money -- [--contracts 100000] [--runs 20] [--queries 500]
import type { Database } from "../../src/db/database.ts";
import { customerMoneySummary } from "../../src/crm/receivables/summaries.ts";
import { sweepSelection } from "../../src/crm/receivables/sweep.ts";
import { onFreshDatabase, sweepLeftovers } from "./databases.ts";
import { benchArgs, benchPostgresUrl, chooseDatabases, intOption } from "./options.ts";
import { runMain } from "./run-main.ts";

const USAGE = `usage: npm run bench:money -- [--contracts 100000] [--runs 20] [--queries 500]
  PostgreSQL at DATABASE_URL (or postgresql://postgres@127.0.0.1:5432/postgres); a fresh database is made and dropped
  --contracts  contracts to load (3 instalments each)
  --runs       measured sweep selections (after 3 warm-up ones), ours and the baseline each
  --queries    measured money summaries (after 30 warm-up ones), ours and the baseline each`;

const TODAY = "2026-06-30";
const WINDOW = { today: TODAY, remindDaysBefore: 3, managerAfterDays: 7 };
const LIVE = "('effective','executing','completed')";

async function seed(db: Database, contracts: number): Promise<void> {
  const customers = Math.max(1, Math.floor(contracts / 2));
  await db.query(`INSERT INTO users (wecom_user_id, name, role) SELECT 'bench_rep_' || g, '销售' || g, 'rep' FROM generate_series(1, 50) g`);
  await db.query(
    `INSERT INTO customers (name, name_key, initials, owner_id)
     SELECT '客户' || g, 'bench-customer-' || g, 'kh', u.id
     FROM generate_series(1, $1::int) g JOIN users u ON u.wecom_user_id = 'bench_rep_' || (g % 50 + 1)`,
    [customers],
  );
  await db.query(
    `INSERT INTO contracts (number, customer_id, owner_id, title, amount_fen, status, sign_date, start_date)
     SELECT 'HT-B-' || lpad(c.code::text, 7, '0') || '-' || k, c.id, c.owner_id, '合同',
            (10000 + (c.code * 7919 + k * 104729) % 990000) * 100 + (c.code % 3),
            CASE WHEN (c.code + k) % 20 = 0 THEN 'void' WHEN (c.code + k) % 3 = 0 THEN 'executing' ELSE 'effective' END,
            date '2025-01-01' + ((c.code * 13 + k * 7) % 540), date '2025-01-01' + ((c.code * 13 + k * 7) % 540)
     FROM customers c CROSS JOIN generate_series(1, 2) k`,
  );
  // 3 instalments 90 days apart, the remainder on the last; paid: full, half or nothing. As in
  // steady state, the notices of earlier days went out (markers set) — except for 1 in 25
  // instalments, whose notices are still owed (days the check did not run, imported data).
  await db.query(
    `INSERT INTO payment_plans (contract_id, position, due_date, amount_fen, paid_fen, reminded_at, overdue_notice_at, escalated_at)
     SELECT c.id, k, d.due, a.amount,
            CASE (c.code * 31 + k) % 4 WHEN 0 THEN a.amount WHEN 1 THEN a.amount / 2 ELSE 0 END,
            CASE WHEN d.missed OR d.due > date '${TODAY}' + 3 THEN NULL ELSE now() END,
            CASE WHEN d.missed OR d.due >= date '${TODAY}' THEN NULL ELSE now() END,
            CASE WHEN d.missed OR d.due > date '${TODAY}' - 7 THEN NULL ELSE now() END
     FROM contracts c CROSS JOIN generate_series(1, 3) k
     CROSS JOIN LATERAL (SELECT c.start_date + 90 * (k - 1) AS due, (c.code * 7 + k) % 25 = 0 AS missed) d
     CROSS JOIN LATERAL (SELECT CASE WHEN k < 3 THEN c.amount_fen / 3 ELSE c.amount_fen - 2 * (c.amount_fen / 3) END AS amount) a`,
  );
  await db.query(
    `INSERT INTO payments (contract_id, amount_fen, received_on, status, confirmed_at)
     SELECT contract_id, sum(paid_fen), max(due_date), 'confirmed', now() FROM payment_plans WHERE paid_fen > 0 GROUP BY contract_id`,
  );
  await db.query(
    `INSERT INTO payment_allocations (payment_id, plan_id, amount_fen)
     SELECT p.id, pp.id, pp.paid_fen FROM payment_plans pp JOIN payments p ON p.contract_id = pp.contract_id WHERE pp.paid_fen > 0`,
  );
  await db.query("ANALYZE");
}

/** The same selection as sweepSelection, written plainly, on the driver. */
const BASELINE_SWEEP = `
  SELECT pp.id, pp.position, pp.due_date, pp.amount_fen, pp.paid_fen, c.number, cu.name, c.owner_id, u.name, u.wecom_user_id, u.manager_id,
         pp.reminded_at, pp.overdue_notice_at, pp.escalated_at
  FROM payment_plans pp, contracts c, customers cu, users u
  WHERE c.id = pp.contract_id AND cu.id = c.customer_id AND u.id = c.owner_id
    AND pp.paid_fen < pp.amount_fen AND c.status IN ${LIVE}
    AND ((pp.reminded_at IS NULL AND pp.due_date BETWEEN date '${TODAY}' AND date '${TODAY}' + 3)
      OR (pp.overdue_notice_at IS NULL AND pp.due_date < date '${TODAY}')
      OR (pp.escalated_at IS NULL AND pp.due_date <= date '${TODAY}' - 7))
  ORDER BY pp.due_date, c.number, pp.position`;

const BASELINE_SUMMARY = `
  SELECT count(DISTINCT c.id) AS contracts,
         coalesce(sum(pp.paid_fen), 0) AS paid,
         coalesce(sum(greatest(pp.amount_fen - pp.paid_fen, 0)), 0) AS owed,
         coalesce(sum(greatest(pp.amount_fen - pp.paid_fen, 0)) FILTER (WHERE pp.due_date < date '${TODAY}'), 0) AS overdue,
         min(pp.due_date) FILTER (WHERE pp.paid_fen < pp.amount_fen AND pp.due_date >= date '${TODAY}') AS next_due
  FROM contracts c LEFT JOIN payment_plans pp ON pp.contract_id = c.id
  WHERE c.customer_id = $1 AND c.status IN ${LIVE}`;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function series(n: number, warmup: number, f: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n + warmup; i++) {
    const ms = await timed(() => f(i));
    if (i >= warmup) out.push(ms);
  }
  return out;
}

async function main(): Promise<number> {
  const values = benchArgs({ contracts: { type: "string" }, runs: { type: "string" }, queries: { type: "string" } }, USAGE);
  const contracts = intOption("contracts", values.contracts, 100_000, 100, 2_000_000);
  const runs = intOption("runs", values.runs, 20, 1, 1000);
  const queries = intOption("queries", values.queries, 500, 10, 100_000);
  const pgBaseUrl = benchPostgresUrl();
  const dbs = await chooseDatabases("postgres", pgBaseUrl);
  await sweepLeftovers({ dbs, pgBaseUrl });
  process.stdout.write(`money benchmark: ${contracts} contracts × 3 instalments on PostgreSQL\n`);
  return onFreshDatabase("postgres", pgBaseUrl, async (db, fresh) => {
    process.stdout.write(`  loading into ${fresh.where} (${fresh.label}) … `);
    const t = performance.now();
    await seed(db, Math.floor(contracts / 2) * 2);
    const [counts] = await db.query<{ contracts: string; plans: string; payments: string }>(
      "SELECT (SELECT count(*) FROM contracts) AS contracts, (SELECT count(*) FROM payment_plans) AS plans, (SELECT count(*) FROM payments) AS payments",
    );
    process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s (${counts!.contracts} contracts, ${counts!.plans} instalments, ${counts!.payments} payments)\n`);

    let selected = 0;
    const ours = await series(runs, 3, async () => {
      selected = (await db.prisma.$transaction((tx) => sweepSelection(tx, WINDOW), { timeout: 120_000 })).length;
    });
    let baselineRows = 0;
    const base = await series(runs, 3, async () => {
      baselineRows = (await db.query(BASELINE_SWEEP)).length;
    });
    if (selected !== baselineRows) throw new Error(`sweep selections differ: ours ${selected} rows, baseline ${baselineRows}`);

    const ids = (await db.query<{ id: string }>(`SELECT id::text AS id FROM customers ORDER BY md5(id::text) LIMIT ${queries + 30}`)).map((r) => r.id);
    const check = await db.prisma.$transaction((tx) => customerMoneySummary(tx, ids[0]!, TODAY));
    const [plain] = await db.query<{ owed: string; overdue: string }>(BASELINE_SUMMARY, [ids[0]]);
    if (String(check.owedFen) !== String(plain!.owed) || String(check.overdueFen) !== String(plain!.overdue)) throw new Error(`summaries differ: ${JSON.stringify(check)} vs ${JSON.stringify(plain)}`);
    const summary = await series(queries, 30, (i) => db.prisma.$transaction((tx) => customerMoneySummary(tx, ids[i % ids.length]!, TODAY)));
    const summaryBase = await series(queries, 30, (i) => db.query(BASELINE_SUMMARY, [ids[i % ids.length]]));

    const row = (label: string, a: number[], b: number[]) =>
      `  ${label.padEnd(28)} ours p50 ${pct(a, 50).toFixed(1).padStart(7)} ms  p99 ${pct(a, 99).toFixed(1).padStart(7)} ms | baseline p50 ${pct(b, 50).toFixed(1).padStart(7)} ms  p99 ${pct(b, 99).toFixed(1).padStart(7)} ms | ours vs baseline ${(pct(a, 50) / pct(b, 50)).toFixed(2)}× (p50)`;
    const sweepRatio = pct(ours, 50) / pct(base, 50);
    const summaryP99 = pct(summary, 99);
    process.stdout.write(
      [
        "",
        row(`overdue sweep (${selected} rows)`, ours, base),
        row("customer money summary", summary, summaryBase),
        "",
        `  sweep within 2× of the plain statement: ${sweepRatio <= 2 ? "yes" : "NO"} (${sweepRatio.toFixed(2)}×)`,
        `  summary p99 < 50 ms: ${summaryP99 < 50 ? "yes" : "NO"} (${summaryP99.toFixed(1)} ms)`,
        "",
      ].join("\n"),
    );
    return sweepRatio <= 2 && summaryP99 < 50 ? 0 : 1;
  });
}

runMain(main, USAGE);
