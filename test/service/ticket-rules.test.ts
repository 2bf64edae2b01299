// Pure ticket rules: which customer words open a ticket (type, priority), how a survey
// reply reads as a score, and the service settings' checks.
import { describe, expect, it } from "vitest";
import { crmSettingsSchema, defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { TICKET_MOVES } from "../../src/crm/service/ticket-context.ts";
import { ticketKeywordOf } from "../../src/crm/service/ticket-keywords.ts";
import { parseSurveyAnswer } from "../../src/crm/service/ticket-survey.ts";

const settings = defaultCrmSettings();

describe("ticketKeywordOf", () => {
  it.each([
    ["你们的打印机坏了", { type: "故障", priority: "P2" }],
    ["系统故障，急！", { type: "故障", priority: "P1" }],
    ["我要投诉你们的客服", { type: "投诉", priority: "P2" }],
    ["申请退款", { type: "退款", priority: "P2" }],
    ["想咨询一下售后政策", { type: "售后", priority: "P3" }],
    // Several: the most urgent wins, then the earliest.
    ["投诉！设备故障三天了", { type: "故障", priority: "P1" }],
    ["投诉：机器坏了", { type: "投诉", priority: "P2" }],
  ])("%s → %j", (text, expected) => {
    expect(ticketKeywordOf(text, settings)).toEqual(expected);
  });

  it("no keyword → null", () => {
    expect(ticketKeywordOf("你好，请问周末营业吗", settings)).toBeNull();
  });

  it("keywords come from the config", () => {
    const s = crmSettingsSchema.parse({ service: { keywords: { 漏水: { type: "报修", priority: "P1" } } } });
    expect(ticketKeywordOf("厨房漏水了", s)).toEqual({ type: "报修", priority: "P1" });
    expect(ticketKeywordOf("机器坏了", s)).toBeNull();
  });
});

describe("parseSurveyAnswer", () => {
  it.each([
    ["5", { score: 5, comment: null }],
    ["5 很满意", { score: 5, comment: "很满意" }],
    ["五分", { score: 5, comment: null }],
    ["4分 还行", { score: 4, comment: "还行" }],
    ["4分，师傅很专业", { score: 4, comment: "师傅很专业" }],
    ["３", { score: 3, comment: null }],
    ["五星好评", { score: 5, comment: "好评" }],
    ["评分：2 太慢了", { score: 2, comment: "太慢了" }],
  ])("%s → %j", (text, expected) => {
    expect(parseSurveyAnswer(text)).toEqual(expected);
  });

  it.each(["你好", "6", "10分", "0", "50", "3天后再来看看", "5个人都不会用", "一直不能用", "两个问题还没解决", "五分钟后打给我", "2.5"])("%s is not an answer", (text) => {
    expect(parseSurveyAnswer(text)).toBeNull();
  });
});

describe("ticket moves", () => {
  it("closing needs a resolution first; closed is final", () => {
    expect(TICKET_MOVES.new).not.toContain("closed");
    expect(TICKET_MOVES.in_progress).not.toContain("closed");
    expect(TICKET_MOVES.resolved).toContain("closed");
    expect(TICKET_MOVES.closed).toEqual([]);
  });
});

describe("service settings", () => {
  it("defaults: SLA 4/24/72 hours, groups to fill in", () => {
    expect(settings.service.slaHours).toEqual({ P1: 4, P2: 24, P3: 72 });
    expect(Object.values(settings.service.groups).every((g) => g.members.length === 0)).toBe(true);
    expect(settings.service.ackText).toContain("{code}");
  });

  it.each([
    [{ keywords: { 漏水: { type: "水电", priority: "P1" } } }, /keywords/],
    [{ groups: { 维修: { types: ["水电"] } } }, /groups/],
    [{ defaultType: "其他" }, /defaultType/],
    [{ slaHours: { P1: 0 } }, /slaHours/],
  ])("rejects %j", (service, path) => {
    const r = crmSettingsSchema.safeParse({ service });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining([expect.stringMatching(path)]));
  });
});
