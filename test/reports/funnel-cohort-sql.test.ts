// The cohort funnel is computed in one SQL statement; this checks it against the former
// implementation (every stage change pulled into JS), kept here as the reference, on
// generated histories: skipped and repeated stages, won and lost, a stage no longer
// configured, deals without history, equal timestamps, fractional-day stays, scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCrmSettings, type CrmSettings } from "../../src/config/crm/crm-settings.ts";
import { funnelCohort, type Cohort, type CohortRow } from "../../src/crm/reports/funnel.ts";
import type { ReportScope } from "../../src/crm/reports/report-scope.ts";
import type { Tx } from "../../src/db/tx.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const DAY_MS = 86_400_000;
const BASE = Date.parse("2026-10-01T00:00:00Z");
let t: TestDatabase;
const owners: string[] = [];

/** A small deterministic generator (no Math.random: a failure must reproduce). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

const STAGES = ["初步沟通", "需求确认", "方案演示", "报价谈判", "合同签署", "赢单", "输单", "旧阶段"];
const STAYS_MS = [0, 0.1, 0.15, 0.25, 0.4, 1, 2.5, 3.05].map((d) => Math.round(d * DAY_MS));

beforeAll(async () => {
  t = await createTestDatabase();
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  for (const w of ["c_a", "c_b", "c_c"]) {
    const [u] = await q("INSERT INTO users (wecom_user_id, name, role) VALUES ($1, $1, 'rep') RETURNING id", [w]);
    owners.push(String(u!["id"]));
  }
  const [c] = await q("INSERT INTO customers (name, name_key, initials) VALUES ('客户', 'c', 'kh') RETURNING id");
  const rnd = lcg(7);
  const deals: Array<{ name: string; stage: string; owner: string | null; created: Date }> = [];
  const changes: Array<{ deal: string; to: string; at: Date }> = [];
  for (let n = 0; n < 240; n++) {
    const created = BASE + Math.floor(rnd() * 60) * DAY_MS + Math.floor(rnd() * DAY_MS);
    const history: string[] = [];
    let at = created;
    for (let k = Math.floor(rnd() * 7); k > 0; k--) {
      history.push(STAGES[Math.floor(rnd() * STAGES.length)]!);
      changes.push({ deal: `商机${n}`, to: history.at(-1)!, at: new Date(at) });
      at += rnd() < 0.2 ? 0 : rnd() < 0.6 ? STAYS_MS[Math.floor(rnd() * STAYS_MS.length)]! : Math.floor(rnd() * 9 * DAY_MS);
    }
    const stage = history.length > 0 && rnd() < 0.9 ? history.at(-1)! : STAGES[Math.floor(rnd() * STAGES.length)]!;
    deals.push({ name: `商机${n}`, stage, owner: rnd() < 0.1 ? null : owners[n % 3]!, created: new Date(created) });
  }
  await q(
    `INSERT INTO opportunities (customer_id, name, stage, owner_id, stage_changed_at, created_at)
     SELECT $1, d.name, d.stage, d.owner, d.created, d.created
     FROM unnest($2::text[], $3::text[], $4::uuid[], $5::timestamptz[]) AS d(name, stage, owner, created)`,
    [c!["id"], deals.map((d) => d.name), deals.map((d) => d.stage), deals.map((d) => d.owner), deals.map((d) => d.created.toISOString())],
  );
  await q(
    `INSERT INTO stage_changes (opportunity_id, to_stage, at)
     SELECT o.id, x.to_stage, x.at FROM unnest($1::text[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS x(deal, to_stage, at, n)
     JOIN opportunities o ON o.name = x.deal ORDER BY x.n`,
    [changes.map((x) => x.deal), changes.map((x) => x.to), changes.map((x) => x.at.toISOString())],
  );
});
afterAll(() => t.dispose());

// ---- the former implementation, verbatim in its logic ---------------------------------
function oldMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

function ownerFilter(scope: ReportScope): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  if (scope.ids.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`o.owner_id IN (${Prisma.join(scope.ids.map((id) => Prisma.sql`${id}::uuid`))})`;
}

async function oldCohort(tx: Tx, scope: ReportScope, settings: CrmSettings, from: Date, to: Date): Promise<Cohort> {
  const rows = await tx.$queryRaw<Array<{ id: string; current: string; to_stage: string | null; at: Date | null; left_at: Date | null }>>`
    SELECT o.id::text AS id, o.stage AS current, sc.to_stage, sc.at,
      LEAD(sc.at) OVER (PARTITION BY o.id ORDER BY sc.at, sc.id) AS left_at
    FROM opportunities o LEFT JOIN stage_changes sc ON sc.opportunity_id = o.id
    WHERE o.created_at >= ${from} AND o.created_at < ${to} AND ${ownerFilter(scope)}`;
  const deals = new Map<string, { entered: Set<string>; stays: Map<string, number> }>();
  for (const r of rows) {
    let d = deals.get(r.id);
    if (!d) deals.set(r.id, (d = { entered: new Set([r.current]), stays: new Map() }));
    if (r.to_stage === null) continue;
    d.entered.add(r.to_stage);
    if (r.at && r.left_at) d.stays.set(r.to_stage, (d.stays.get(r.to_stage) ?? 0) + (r.left_at.getTime() - r.at.getTime()) / DAY_MS);
  }
  const open = settings.opportunities.stages.filter((s) => !s.outcome);
  const won = settings.opportunities.stages.find((s) => s.outcome === "won")!;
  const size = deals.size;
  const share = (n: number) => (size === 0 ? 0 : Math.round((n / size) * 10_000) / 10_000);
  const all = [...deals.values()];
  const furthest = all.map((d) => (d.entered.has(won.name) ? open.length : Math.max(-1, ...open.map((s, i) => (d.entered.has(s.name) ? i : -1)))));
  const rows2: CohortRow[] = open.map((s, i) => {
    const reached = furthest.filter((f) => f >= i).length;
    const days = oldMedian(all.flatMap((d) => (d.stays.has(s.name) ? [d.stays.get(s.name)!] : [])));
    return { stage: s.name, reached, share: share(reached), medianDays: days === null ? null : Math.round(days * 10) / 10 };
  });
  const wonCount = furthest.filter((f) => f === open.length).length;
  return { size, rows: [...rows2, { stage: won.name, reached: wonCount, share: share(wonCount), medianDays: null }] };
}
// -----------------------------------------------------------------------------------------

const settingsWith = (drop: string[]): CrmSettings => {
  const s = defaultCrmSettings();
  return { ...s, opportunities: { ...s.opportunities, stages: s.opportunities.stages.filter((x) => !drop.includes(x.name)) } };
};

describe("funnel cohort in SQL = the former JS computation", () => {
  const scopes = (): Array<[string, ReportScope]> => [
    ["admin", { users: [], ids: [], kind: "all" }],
    ["team of two", { users: [], ids: [owners[0]!, owners[1]!], kind: "team" }],
    ["one rep", { users: [], ids: [owners[2]!], kind: "self" }],
    ["nobody", { users: [], ids: [], kind: "team" }],
  ];
  const ranges: Array<[string, string]> = [
    ["2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"],
    ["2026-10-10T08:00:00Z", "2026-10-31T16:00:00Z"],
    ["2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z"],
    ["2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"],
  ];

  it("every scope and range, default stages and with stages dropped from the settings", async () => {
    let compared = 0;
    for (const settings of [defaultCrmSettings(), settingsWith(["方案演示"]), settingsWith(["初步沟通", "合同签署"])])
      for (const [label, scope] of scopes())
        for (const [from, to] of ranges) {
          const args = [scope, settings, new Date(from), new Date(to)] as const;
          const [ours, former] = await t.db.prisma.$transaction(async (tx) => [await funnelCohort(tx, ...args), await oldCohort(tx, ...args)]);
          expect(ours, `${label} ${from}–${to}`).toEqual(former);
          if (former.size > 0) compared++;
        }
    expect(compared).toBeGreaterThan(20);
  });

  it("the generated data exercises what it should", async () => {
    const all = await oldCohort(t.db.prisma, { users: [], ids: [], kind: "all" }, defaultCrmSettings(), new Date(BASE), new Date(BASE + 90 * DAY_MS));
    expect(all.size).toBe(240);
    expect(all.rows.filter((r) => r.medianDays !== null && !Number.isInteger(r.medianDays)).length).toBeGreaterThan(0);
  });
});
