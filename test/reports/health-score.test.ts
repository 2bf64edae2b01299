// The health formula on its own: the defaults, each cap, the floor at 0, the band edges, and
// weights from config (reports.health) — including a config that contradicts itself.
import { describe, expect, it } from "vitest";
import { crmSettingsSchema } from "../../src/config/crm/crm-settings.ts";
import { bandOf, scoreHealth, type HealthFacts } from "../../src/crm/reports/health-score.ts";

const defaults = crmSettingsSchema.parse({}).reports.health;
const calm: HealthFacts = { idleDays: 3, neverFollowedUp: false, overdue: { count: 0, owedFen: 0 }, urgentTickets: [], lastSurvey: null, deletedBy: [], orders: { recentFen: 0, previousFen: 0 } };
const points = (f: Partial<HealthFacts>, s = defaults) => scoreHealth({ ...calm, ...f }, s).reasons.map((r) => [r.factor, r.points]);

describe("customer health", () => {
  it("the defaults: 14 days grace then 1 a day (cap 30), 15 per overdue instalment (cap 30), 10 per open P1/P2 (cap 20), (5 − survey) × 5, 20 for a deletion, 15 for orders down > 30 %", () => {
    expect(defaults).toMatchObject({
      bands: { healthy: 80, watch: 60 },
      followUp: { graceDays: 14, perDay: 1, cap: 30 },
      overdue: { perInstalment: 15, cap: 30 },
      tickets: { priorities: ["P1", "P2"], perTicket: 10, cap: 20 },
      survey: { perPoint: 5 },
      deletedRep: { points: 20 },
      orders: { months: 12, dropPercent: 30, points: 15 },
      churnList: { enabled: true, weekday: 1, at: "09:30" },
    });
    expect(scoreHealth(calm, defaults)).toEqual({ score: 100, band: "healthy", reasons: [] });
    expect(points({ idleDays: 14 })).toEqual([]);
    expect(points({ idleDays: 15 })).toEqual([["followUp", 1]]);
    expect(points({ idleDays: 400 })).toEqual([["followUp", 30]]);
    expect(points({ overdue: { count: 3, owedFen: 300_000 } })).toEqual([["overdue", 30]]);
    expect(points({ urgentTickets: [1, 2, 3].map((code) => ({ code, priority: "P1" })) })).toEqual([["tickets", 20]]);
    expect(points({ lastSurvey: { score: 5, code: 1 } })).toEqual([]);
    expect(points({ lastSurvey: { score: 1, code: 1 } })).toEqual([["survey", 20]]);
    expect(points({ deletedBy: ["李四", "王五"] })).toEqual([["deletedRep", 20]]);
  });

  it("orders: down by exactly 30 % costs nothing, by more costs 15; nothing before, nothing to fall from", () => {
    expect(points({ orders: { recentFen: 70, previousFen: 100 } })).toEqual([]);
    expect(points({ orders: { recentFen: 69, previousFen: 100 } })).toEqual([["orders", 15]]);
    expect(points({ orders: { recentFen: 0, previousFen: 0 } })).toEqual([]);
    expect(scoreHealth({ ...calm, orders: { recentFen: 0, previousFen: 10_000_000 } }, defaults).reasons[0]!.detail).toBe("近12个月成交 0 元，之前12个月 10万，下降 100%");
  });

  it("everything at once floors at 0; the bands: 80 健康, 79 关注, 60 关注, 59 风险", () => {
    const worst = scoreHealth(
      { idleDays: 90, neverFollowedUp: true, overdue: { count: 2, owedFen: 1 }, urgentTickets: [{ code: 1, priority: "P1" }, { code: 2, priority: "P2" }], lastSurvey: { score: 1, code: 2 }, deletedBy: ["李四"], orders: { recentFen: 0, previousFen: 1 } },
      defaults,
    );
    expect(worst.score).toBe(0);
    expect(worst.reasons[0]!.detail).toBe("建档 90 天未跟进");
    expect([80, 79, 60, 59].map((s) => bandOf(s, defaults))).toEqual(["healthy", "watch", "watch", "risk"]);
  });

  it("weights come from config; bands that contradict each other are refused", () => {
    const s = crmSettingsSchema.parse({ reports: { health: { followUp: { graceDays: 7, perDay: 2, cap: 10 }, bands: { healthy: 90, watch: 70 } } } }).reports.health;
    expect(points({ idleDays: 9 }, s)).toEqual([["followUp", 4]]);
    expect(scoreHealth({ ...calm, idleDays: 30 }, s)).toMatchObject({ score: 90, band: "healthy" });
    expect(crmSettingsSchema.safeParse({ reports: { health: { bands: { healthy: 50, watch: 70 } } } }).success).toBe(false);
    expect(crmSettingsSchema.safeParse({ reports: { health: { churnList: { at: "9:30" } } } }).success).toBe(false);
  });
});
