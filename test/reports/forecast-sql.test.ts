// The forecast's deal figures come from one scan with FILTER aggregates and the cash forecast
// is summed per month in SQL; this checks both against the former Prisma queries (kept here as
// the reference) on generated deals and instalments: categories, null amounts, lost and won
// deals, close dates around the period, void and pending contracts, paid and part-paid plans.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { User } from "../../src/auth/users.ts";
import { defaultCrmSettings, type CrmSettings } from "../../src/config/crm/crm-settings.ts";
import { forecastFor, pipelineByOwner, wonByOwner, type PipelineFigures, type CategoryKey } from "../../src/crm/reports/forecast.ts";
import { monthPeriod, quarterPeriod, type Period } from "../../src/crm/reports/period.ts";
import { cashDueByMonth } from "../../src/crm/receivables/index.ts";
import { divRoundHalfUp } from "../../src/crm/money/index.ts";
import { isForecastCategory } from "../../src/crm/opportunities/index.ts";
import type { Tx } from "../../src/db/tx.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const TZ = "Asia/Shanghai";
const settings = defaultCrmSettings();
let t: TestDatabase;
let users: User[] = [];

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

beforeAll(async () => {
  t = await createTestDatabase();
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  for (const w of ["f_a", "f_b", "f_c", "f_d"]) await q("INSERT INTO users (wecom_user_id, name, role) VALUES ($1, $1, 'rep')", [w]);
  users = await t.db.prisma.user.findMany({ orderBy: { wecomUserId: "asc" } });
  const [c] = await q("INSERT INTO customers (name, name_key, initials) VALUES ('客户', 'c', 'kh') RETURNING id");
  const r = lcg(11);
  const stages = settings.opportunities.stages.map((s) => s.name);
  const o = { name: [] as string[], stage: [] as string[], amount: [] as (string | null)[], owner: [] as (string | null)[], cat: [] as (string | null)[], close: [] as (string | null)[], closed: [] as (string | null)[] };
  for (let n = 0; n < 300; n++) {
    const stage = pick(r, stages);
    const outcome = settings.opportunities.stages.find((s) => s.name === stage)!.outcome;
    o.name.push(`商机${n}`);
    o.stage.push(stage);
    o.amount.push(r() < 0.15 ? null : (Math.floor(r() * 10_000_000) / 100).toFixed(2));
    o.owner.push(r() < 0.1 ? null : pick(r, users).id);
    o.cat.push(pick(r, [null, "commit", "probable", "upside", "other"]));
    o.close.push(r() < 0.2 ? null : `2026-${pick(r, ["09", "10", "11", "12"])}-${String(1 + Math.floor(r() * 30)).padStart(2, "0")}`);
    o.closed.push(outcome ? new Date(Date.parse("2026-09-25T00:00:00Z") + Math.floor(r() * 100) * 86_400_000 + Math.floor(r() * 86_400_000)).toISOString() : null);
  }
  await q(
    `INSERT INTO opportunities (customer_id, name, stage, amount, owner_id, forecast_category, expected_close_date, closed_at, stage_changed_at)
     SELECT $1, x.name, x.stage, x.amount, x.owner, x.cat, x.close, x.closed, now()
     FROM unnest($2::text[], $3::text[], $4::numeric[], $5::uuid[], $6::text[], $7::date[], $8::timestamptz[]) AS x(name, stage, amount, owner, cat, close, closed)`,
    [c!["id"], o.name, o.stage, o.amount, o.owner, o.cat, o.close, o.closed],
  );
  for (let k = 0; k < 40; k++) {
    const status = pick(r, ["effective", "executing", "completed", "void", "pending_approval"]);
    const [k1] = await q(`INSERT INTO contracts (number, customer_id, owner_id, title, amount_fen, status) VALUES ($1, $2, $3, '合同', 0, $4) RETURNING id`, [
      `HT-${k}`,
      c!["id"],
      pick(r, [...users.map((u) => u.id), null]),
      status,
    ]);
    for (let p = 1; p <= 4; p++) {
      const amount = 1000 + Math.floor(r() * 1_000_000);
      const paid = pick(r, [0, amount, Math.floor(amount / 3)]);
      const due = `${pick(r, ["2026-08", "2026-10", "2026-11", "2026-12", "2027-01", "2027-03"])}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
      await q("INSERT INTO payment_plans (contract_id, position, due_date, amount_fen, paid_fen) VALUES ($1, $2, $3, $4, $5)", [k1!["id"], p, due, amount, paid]);
    }
  }
});
afterAll(() => t.dispose());

// ---- the former queries, verbatim in their logic ------------------------------------------
const fenOf = (amount: Prisma.Decimal | null) => (amount === null ? 0 : Number(amount.mul(100).toFixed(0)));

async function oldPipeline(tx: Tx, ids: string[], period: Period, s: CrmSettings): Promise<Map<string, PipelineFigures>> {
  const groups = await tx.opportunity.groupBy({
    by: ["ownerId", "stage", "forecastCategory"],
    where: { ownerId: { in: ids }, closedAt: null, expectedCloseDate: { gte: new Date(period.firstDay), lte: new Date(period.lastDay) } },
    _sum: { amount: true },
    _count: { _all: true },
  });
  const probability = new Map(s.opportunities.stages.map((x) => [x.name, x.probability]));
  const byStage = new Map<string, Map<string, number>>();
  const out = new Map<string, PipelineFigures>();
  for (const g of groups) {
    const fen = fenOf(g._sum.amount);
    const f = out.get(g.ownerId!) ?? { weightedFen: 0, byCategory: { commit: 0, probable: 0, upside: 0, uncategorized: 0 }, deals: 0 };
    const category: CategoryKey = isForecastCategory(g.forecastCategory) ? g.forecastCategory : "uncategorized";
    f.byCategory[category] += fen;
    f.deals += g._count._all;
    out.set(g.ownerId!, f);
    const st = byStage.get(g.ownerId!) ?? new Map<string, number>();
    st.set(g.stage, (st.get(g.stage) ?? 0) + fen);
    byStage.set(g.ownerId!, st);
  }
  for (const [owner, st] of byStage) {
    let w = 0;
    for (const [stage, fen] of st) w += Number(divRoundHalfUp(BigInt(fen) * BigInt(probability.get(stage) ?? 0), 100n));
    out.get(owner)!.weightedFen = w;
  }
  return out;
}

async function oldWon(tx: Tx, ids: string[], from: Date, to: Date, s: CrmSettings) {
  const won = s.opportunities.stages.filter((x) => x.outcome === "won").map((x) => x.name);
  const groups = await tx.opportunity.groupBy({ by: ["ownerId"], where: { ownerId: { in: ids }, stage: { in: won }, closedAt: { gte: from, lt: to } }, _sum: { amount: true }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.ownerId!, { fen: fenOf(g._sum.amount), deals: g._count._all }]));
}

async function oldCash(tx: Tx, ids: string[], months: string[]) {
  const out = { months: months.map((month) => ({ month, owedFen: 0 })), earlierFen: 0 };
  const [y, m] = months.at(-1)!.split("-").map(Number) as [number, number];
  const rows = await tx.paymentPlan.findMany({
    where: { dueDate: { lte: new Date(Date.UTC(y, m, 0)) }, paidFen: { lt: tx.paymentPlan.fields.amountFen }, contract: { ownerId: { in: ids }, status: { in: ["effective", "executing", "completed"] } } },
    select: { dueDate: true, amountFen: true, paidFen: true, contract: { select: { status: true } } },
  });
  for (const p of rows) {
    const month = p.dueDate.toISOString().slice(0, 7);
    const owed = p.contract.status === "void" ? 0 : Math.max(0, Number(p.amountFen) - Number(p.paidFen));
    if (month < months[0]!) out.earlierFen += owed;
    else {
      const slot = out.months.find((x) => x.month === month);
      if (slot) slot.owedFen += owed;
    }
  }
  return out;
}
// -------------------------------------------------------------------------------------------

it("pipeline, won, undated and cash are the former figures, for several owner sets and periods", async () => {
  const ids = users.map((u) => u.id);
  const tx = t.db.prisma;
  let pipelines = 0;
  for (const period of [monthPeriod(2026, 10, TZ), monthPeriod(2026, 12, TZ), quarterPeriod(2026, 4, TZ)])
    for (const owners of [ids, ids.slice(0, 2), [ids[3]!], []]) {
      const old = await oldPipeline(tx, owners, period, settings);
      expect(await pipelineByOwner(tx, owners, period, settings)).toEqual(old);
      expect(await wonByOwner(tx, owners, period.from, period.to, settings)).toEqual(await oldWon(tx, owners, period.from, period.to, settings));
      pipelines += old.size;
      const months = ["2026-10", "2026-11", "2026-12"];
      if (owners.length > 0) expect(await cashDueByMonth(tx, owners, months)).toEqual(await oldCash(tx, owners, months));
    }
  expect(pipelines).toBeGreaterThan(10);
  const scope = { users, ids, kind: "all" as const };
  const period = monthPeriod(2026, 11, TZ);
  const f = await forecastFor(tx, scope, period, settings, new Date("2026-11-20T02:00:00Z"), TZ);
  const pipeline = await oldPipeline(tx, ids, period, settings);
  const won = await oldWon(tx, ids, period.from, period.to, settings);
  expect(f.reps.map((r) => [r.user.id, r.weightedFen, r.byCategory, r.deals, r.wonFen, r.wonDeals])).toEqual(
    users.map((u) => {
      const p = pipeline.get(u.id);
      return [u.id, p?.weightedFen ?? 0, p?.byCategory ?? { commit: 0, probable: 0, upside: 0, uncategorized: 0 }, p?.deals ?? 0, won.get(u.id)?.fen ?? 0, won.get(u.id)?.deals ?? 0];
    }),
  );
  expect(f.undated).toBe(await tx.opportunity.count({ where: { ownerId: { in: ids }, closedAt: null, expectedCloseDate: null } }));
  expect(f.undated).toBeGreaterThan(0);
  expect(f.cash).toEqual(await oldCash(tx, ids, ["2026-11", "2026-12", "2027-01"]));
  expect(f.cash.earlierFen).toBeGreaterThan(0);
});
