// Data for `npm run bench:reports`, loaded with bulk SQL into a fresh PostgreSQL database:
// 10 teams (a manager and 10 reps each) and an admin; 50k customers; 100k opportunities over
// two years with their whole stage history (one stage_changes row per stage entered); 1M
// follow-ups; 200k leads with sources, campaigns (most with a spend) and scores, the converted
// ones linked to the customers made from them; a contract with 3 instalments,
// partly paid, per won deal; 20k tickets with survey scores. Deterministic: every value is
// derived from row numbers, so two runs load the same data.
import type { Database } from "../../src/db/database.ts";

export interface BenchSize {
  opportunities: number;
  followUps: number;
}

export const BENCH_TODAY = "2026-11-20";
const CHUNK = 100_000;
const OPEN_STAGES = ["初步沟通", "需求确认", "方案演示", "报价谈判", "合同签署"];

export async function seedReports(db: Database, size: BenchSize): Promise<void> {
  const customers = Math.max(10, Math.floor(size.opportunities / 2));
  await db.query(`INSERT INTO teams (name) SELECT '销售' || g || '组' FROM generate_series(1, 10) g`);
  await db.query(`INSERT INTO users (wecom_user_id, name, role) VALUES ('bench_admin', '管理员', 'admin')`);
  await db.query(
    `INSERT INTO users (wecom_user_id, name, role, team_id)
     SELECT 'bench_mgr_' || g, '主管' || g, 'manager', t.id FROM generate_series(1, 10) g JOIN teams t ON t.name = '销售' || g || '组'`,
  );
  await db.query(
    `INSERT INTO users (wecom_user_id, name, role, team_id, manager_id)
     SELECT 'bench_rep_' || g, '销售' || g, 'rep', m.team_id, m.id
     FROM generate_series(1, 100) g JOIN users m ON m.wecom_user_id = 'bench_mgr_' || ((g - 1) / 10 + 1)`,
  );
  await db.query(
    `INSERT INTO customers (name, name_key, initials, owner_id, created_at, last_follow_up_at)
     SELECT '客户' || g, 'bench-customer-' || g, 'kh', u.id,
            timestamptz '2025-01-01 02:00+00' + (((g::bigint * 7919) % 690)::int) * interval '1 day',
            timestamptz '${BENCH_TODAY} 02:00+00' - (((g::bigint * 104729) % 120)::int) * interval '1 day'
     FROM generate_series(1, $1::int) g JOIN users u ON u.wecom_user_id = 'bench_rep_' || (g % 100 + 1)`,
    [customers],
  );
  // Each opportunity reaches stage index r (0…4); then 1 in 4 of those past 报价谈判 is won,
  // 1 in 5 of all is lost; the rest stays open at r.
  await db.query(
    `INSERT INTO opportunities (customer_id, name, stage, amount, expected_close_date, owner_id, stage_changed_at, closed_at, created_at)
     SELECT c.id, '商机' || g, o.stage, (10000 + ((g::bigint * 7919) % 490000)::int), date '2025-01-01' + (((g::bigint * 31) % 760)::int), c.owner_id,
            o.created + (o.reached * 9 + 3) * interval '1 day',
            CASE WHEN o.stage IN ('赢单', '输单') THEN o.created + (o.reached * 9 + 3) * interval '1 day' END,
            o.created
     FROM generate_series(1, $1::int) g
     JOIN customers c ON c.code = (g % $2::int) + (SELECT min(code) FROM customers)
     CROSS JOIN LATERAL (SELECT ((g::bigint * 13) % 5)::int AS reached, timestamptz '2025-01-01 02:00+00' + (((g::bigint * 104729) % 700)::int) * interval '1 day' AS created) r
     CROSS JOIN LATERAL (SELECT r.reached, r.created,
        CASE WHEN g % 5 = 0 THEN '输单' WHEN r.reached >= 3 AND g % 4 = 0 THEN '赢单'
             ELSE (ARRAY['${OPEN_STAGES.join("','")}'])[r.reached + 1] END AS stage) o`,
    [size.opportunities, customers],
  );
  // The stage history: every open stage up to the one reached, 9 days apart, then the outcome.
  await db.query(
    `INSERT INTO stage_changes (opportunity_id, from_stage, to_stage, actor_id, at)
     SELECT o.id, CASE WHEN k = 0 THEN NULL ELSE (ARRAY['${OPEN_STAGES.join("','")}'])[k] END,
            (ARRAY['${OPEN_STAGES.join("','")}'])[k + 1], o.owner_id, o.created_at + k * 9 * interval '1 day'
     FROM opportunities o CROSS JOIN LATERAL generate_series(0, (o.code * 13) % 5) k`,
  );
  await db.query(
    `INSERT INTO stage_changes (opportunity_id, from_stage, to_stage, actor_id, at)
     SELECT o.id, (ARRAY['${OPEN_STAGES.join("','")}'])[(o.code * 13) % 5 + 1], o.stage, o.owner_id, o.closed_at
     FROM opportunities o WHERE o.closed_at IS NOT NULL`,
  );
  // In chunks: one statement stays well within the 30 s statement timeout.
  for (let start = 1; start <= size.followUps; start += CHUNK) {
    await db.query(
      `INSERT INTO follow_ups (customer_id, author_id, channel, content, at)
       SELECT c.id, c.owner_id, (ARRAY['电话','拜访','微信'])[g % 3 + 1], '跟进记录' || g,
              timestamptz '2025-01-01 02:00+00' + (((g::bigint * 7919) % 700)::int) * interval '1 day' + (g % 600) * interval '1 minute'
       FROM generate_series($2::int, $3::int) g JOIN customers c ON c.code = (g % $1::int) + (SELECT min(code) FROM customers)`,
      [customers, start, Math.min(size.followUps, start + CHUNK - 1)],
    );
  }
  await db.query(
    `INSERT INTO leads (name, source, campaign, score, grade, status, owner_id, created_at)
     SELECT '线索' || g, (ARRAY['官网表单','广告投放','展会','转介绍','公众号','电话咨询'])[g % 6 + 1],
            CASE WHEN g % 3 = 0 THEN 'campaign_' || (g % 20) END, ((g::bigint * 37) % 100)::int, 'C',
            CASE WHEN g % 7 = 0 THEN 'converted' WHEN g % 5 = 0 THEN 'contacted' ELSE 'new' END,
            u.id, timestamptz '2025-01-01 02:00+00' + (((g::bigint * 7919) % 700)::int) * interval '1 day'
     FROM generate_series(1, $1::int) g JOIN users u ON u.wecom_user_id = 'bench_rep_' || (g % 100 + 1)`,
    [size.opportunities * 2],
  );
  // 渠道分析 follows converted leads into customers: each converted lead became one customer
  // (from_lead_id), so their won deals and 回款 count for the lead's source and campaign. There
  // are fewer converted leads (2/7 of opportunities) than customers (1/2), so the pairing by
  // rank is one to one. Most campaigns have a recorded spend (ROI).
  await db.query(
    `UPDATE customers c SET from_lead_id = l.id
     FROM (SELECT id, row_number() OVER (ORDER BY code) AS rn FROM leads WHERE status = 'converted') l,
          (SELECT id, row_number() OVER (ORDER BY code) AS rn FROM customers) k
     WHERE k.id = c.id AND k.rn = l.rn`,
  );
  await db.query(`INSERT INTO campaigns (name, cost_fen) SELECT 'campaign_' || g, 5000000 + g * 137000 FROM generate_series(0, 15) g`);
  await db.query(
    `INSERT INTO contracts (number, customer_id, opportunity_id, owner_id, title, amount_fen, status, sign_date, start_date, effective_at)
     SELECT 'HT-R-' || lpad(o.code::text, 7, '0'), o.customer_id, o.id, o.owner_id, '合同', (o.amount * 100)::bigint, 'effective',
            o.closed_at::date, o.closed_at::date, o.closed_at
     FROM opportunities o WHERE o.stage = '赢单'`,
  );
  await db.query(
    `INSERT INTO payment_plans (contract_id, position, due_date, amount_fen, paid_fen)
     SELECT c.id, k, c.start_date + 60 * (k - 1), a.amount, CASE WHEN (c.code + k) % 3 = 0 THEN 0 ELSE a.amount END
     FROM contracts c CROSS JOIN generate_series(1, 3) k
     CROSS JOIN LATERAL (SELECT CASE WHEN k < 3 THEN c.amount_fen / 3 ELSE c.amount_fen - 2 * (c.amount_fen / 3) END AS amount) a`,
  );
  await db.query(
    `INSERT INTO payments (contract_id, amount_fen, received_on, status, confirmed_at)
     SELECT contract_id, sum(paid_fen), max(due_date), 'confirmed', now() FROM payment_plans WHERE paid_fen > 0 GROUP BY contract_id`,
  );
  await db.query(
    `INSERT INTO tickets (customer_id, title, type, priority, status, assignee_id, source, due_at, resolved_at, survey_score, survey_at, created_at)
     SELECT c.id, '工单' || g, '报修', 'P' || (g % 3 + 1), CASE WHEN g % 4 = 0 THEN 'new' ELSE 'closed' END, c.owner_id, 'rep',
            t.at + interval '2 day', CASE WHEN g % 4 = 0 THEN NULL ELSE t.at + interval '1 day' END,
            CASE WHEN g % 4 = 0 THEN NULL ELSE g % 5 + 1 END, CASE WHEN g % 4 = 0 THEN NULL ELSE t.at + interval '2 day' END, t.at
     FROM generate_series(1, $1::int) g JOIN customers c ON c.code = (g * 7 % $2::int) + (SELECT min(code) FROM customers)
     CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01 02:00+00' + (((g::bigint * 7919) % 700)::int) * interval '1 day' AS at) t`,
    [Math.max(10, Math.floor(size.opportunities / 5)), customers],
  );
  await db.query("ANALYZE");
}
