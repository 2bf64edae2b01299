// 渠道分析 in one SQL statement gives exactly the figures of the former per-lead computation
// (campaign-figures-old.ts) on awkward data: unowned leads, a source outside the configured list,
// customers made from leads whose status never said converted, converted leads without a
// customer, several wins per customer (one without an amount), void contracts, pending and
// rejected payments, spend of 0 and spend on a campaign without leads — in every scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCrmSettings, type CrmSettings } from "../../src/config/crm/crm-settings.ts";
import { conversionReport, type ConversionQuery } from "../../src/crm/reports/campaign-figures.ts";
import type { ReportScope } from "../../src/crm/reports/report-scope.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";
import { oldConversionReport } from "./campaign-figures-old.ts";

let t: TestDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const q = t.db.query.bind(t.db);
  await q(`INSERT INTO teams (name) VALUES ('甲组'), ('乙组')`);
  await q(`INSERT INTO users (wecom_user_id, name, role) VALUES ('f_admin', '管理员', 'admin')`);
  await q(`INSERT INTO users (wecom_user_id, name, role, team_id) SELECT 'f_mgr', '主管', 'manager', id FROM teams WHERE name = '甲组'`);
  await q(
    `INSERT INTO users (wecom_user_id, name, role, team_id, manager_id)
     SELECT w, w, 'rep', t.id, CASE WHEN t.name = '甲组' THEN m.id END
     FROM (VALUES ('f_a1', '甲组'), ('f_a2', '甲组'), ('f_b1', '乙组')) v(w, team) JOIN teams t ON t.name = v.team CROSS JOIN users m WHERE m.wecom_user_id = 'f_mgr'`,
  );
  for (const u of await q<{ id: string; wecom_user_id: string }>(`SELECT id::text, wecom_user_id FROM users`)) ids[u.wecom_user_id] = u.id;
  // 300 leads over four months; owners cycle through nobody, the two 甲组 reps, 乙组's rep, the manager.
  await q(
    `INSERT INTO leads (name, source, campaign, score, grade, status, owner_id, created_at)
     SELECT '线索' || g, (ARRAY['官网表单','广告投放','展会','转介绍','公众号','电话咨询','老渠道'])[g % 7 + 1],
            CASE WHEN g % 4 = 0 THEN NULL WHEN g % 4 = 1 THEN '活动' || (g % 5) ELSE 'c' || (g % 3) END,
            (g * 37) % 100, 'C',
            CASE WHEN g % 6 = 0 THEN 'converted' WHEN g % 11 = 0 THEN 'invalid' WHEN g % 6 = 1 THEN 'contacted' ELSE 'new' END,
            (ARRAY[NULL, $1, $2, $3, $4]::uuid[])[g % 5 + 1],
            timestamptz '2026-01-01 00:00+08' + ((g * 7) % 120) * interval '1 day' + (g % 24) * interval '1 hour'
     FROM generate_series(1, 300) g`,
    [ids["f_a1"], ids["f_a2"], ids["f_b1"], ids["f_mgr"]],
  );
  // A customer from every third lead (whatever its status), and 20 from no lead.
  await q(
    `INSERT INTO customers (name, name_key, initials, owner_id, from_lead_id)
     SELECT '客户' || l.code, 'f-customer-' || l.code, 'kh', l.owner_id, l.id FROM leads l WHERE l.code % 3 = 0
     UNION ALL SELECT '散客' || g, 'f-walkin-' || g, 'sk', NULL, NULL FROM generate_series(1, 20) g`,
  );
  // 0–3 deals per customer: wins with awkward amounts (one without), losses, open ones.
  await q(
    `INSERT INTO opportunities (customer_id, name, stage, amount, owner_id, stage_changed_at, closed_at)
     SELECT c.id, '商机' || c.code || '-' || k,
            CASE WHEN (c.code + k) % 3 = 0 THEN '赢单' WHEN (c.code + k) % 3 = 1 THEN '输单' ELSE '方案演示' END,
            CASE WHEN (c.code * k) % 17 = 0 THEN NULL ELSE round(((c.code * 7919 + k * 104729) % 9999999) / 100.0 + 0.01, 2) END,
            c.owner_id, now(), now()
     FROM customers c CROSS JOIN LATERAL generate_series(1, c.code % 4) k`,
  );
  await q(
    `INSERT INTO contracts (number, customer_id, opportunity_id, owner_id, title, amount_fen, status)
     SELECT 'HT-F-' || o.code, o.customer_id, o.id, o.owner_id, '合同', 100000 + o.code * 1001,
            (ARRAY['effective','void','completed','executing'])[o.code % 4 + 1]
     FROM opportunities o WHERE o.stage = '赢单'`,
  );
  await q(
    `INSERT INTO payments (contract_id, amount_fen, received_on, status)
     SELECT k.id, 1000 * k.code + j * 7 + 1, date '2026-03-01' + j, (ARRAY['confirmed','pending_confirmation','confirmed','rejected'])[(k.code + j) % 4 + 1]
     FROM contracts k CROSS JOIN LATERAL generate_series(0, k.code % 3) j`,
  );
  await q(`INSERT INTO campaigns (name, cost_fen) VALUES ('c1', 1234567), ('c2', 0), ('活动3', 99), ('无线索活动', 500000)`);
}, 60_000);
afterAll(() => t.dispose());

const settings = defaultCrmSettings();
const lowerMql: CrmSettings = { ...settings, reports: { ...settings.reports, campaigns: { ...settings.reports.campaigns, mqlScore: 30 } } };
const scope = (kind: ReportScope["kind"], who: string[]): ReportScope => ({ users: [], ids: who.map((w) => ids[w]!), kind });

describe("conversionReport matches the per-lead computation it replaced", () => {
  it("in every scope, range, campaign and viewer", async () => {
    const scopes = [
      scope("all", ["f_admin", "f_mgr", "f_a1", "f_a2", "f_b1"]),
      scope("team", ["f_mgr", "f_a1", "f_a2"]),
      scope("self", ["f_b1"]),
      scope("team", []),
    ];
    const ranges = [null, { from: new Date("2026-01-31T16:00:00Z"), to: new Date("2026-02-28T16:00:00Z") }, { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-03-15T00:00:00Z") }];
    let compared = 0;
    let wins = 0;
    for (const s of scopes)
      for (const range of ranges)
        for (const campaign of [undefined, "c1", "活动3", "无线索活动", "没有的活动"])
          for (const viewerSeesCost of [true, false]) {
            const q: ConversionQuery = { scope: s, viewerSeesCost, range, ...(campaign !== undefined ? { campaign } : {}) };
            for (const st of campaign === undefined && viewerSeesCost ? [settings, lowerMql] : [settings]) {
              const [now, before] = await t.db.prisma.$transaction(async (tx) => [await conversionReport(tx, st, q), await oldConversionReport(tx, st, q)]);
              expect(now, JSON.stringify({ kind: s.kind, n: s.ids.length, range, campaign, viewerSeesCost, mql: st.reports.campaigns.mqlScore })).toEqual(before);
              compared++;
              wins += now.total.won;
            }
          }
    expect(compared).toBe(4 * 3 * 5 * 2 + 4 * 3);
    expect(wins).toBeGreaterThan(0);
  });

  it("the data has every case the figures distinguish", async () => {
    const r = await t.db.prisma.$transaction((tx) => conversionReport(tx, settings, { scope: scope("all", []), viewerSeesCost: true, range: null }));
    expect(r.total.leads).toBe(300);
    expect(r.total.won).toBeGreaterThan(0);
    expect(r.total.wonFen % 100).not.toBe(0);
    expect(r.total.receiptsFen).toBeGreaterThan(0);
    expect(r.sources.map((s) => s.source)).toContain("老渠道");
    expect(r.campaigns.find((c) => c.campaign === "无线索活动")).toMatchObject({ leads: 0, costFen: 500000, roi: -1 });
    expect(r.campaigns.find((c) => c.campaign === "c2")).toMatchObject({ costFen: 0, roi: null });
  });
});
