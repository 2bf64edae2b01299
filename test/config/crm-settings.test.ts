import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { loadCrmSettings, SettingsError } from "../../src/config/crm/load-settings.ts";

const dir = mkdtempSync(path.join(tmpdir(), "crm-settings-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("CRM settings", () => {
  it("defaults come from the seed articles", () => {
    const s = defaultCrmSettings();
    expect(s.leads.sourceScores).toEqual({ 转介绍: 80, 官网表单: 60, 展会: 50, 广告投放: 40, 公众号: 30, 电话咨询: 30, 其他: 30 });
    expect(s.leads.behaviourPoints).toEqual({ email_open: 5, email_click: 10, download: 20, webinar: 30 });
    expect(s.leads.grades).toEqual({ A: 80, B: 50 });
    expect(s.assignment.openLeadCap).toBe(50);
    expect(s.opportunities.stages.map((x) => x.name)).toEqual(["初步沟通", "需求确认", "方案演示", "报价谈判", "合同签署", "赢单", "输单"]);
    expect(s.opportunities.stages.find((x) => x.name === "报价谈判")?.requires).toEqual(["budget"]);
    expect(s.pool).toMatchObject({ returnAfterDays: 30, warnDaysBefore: 3, claimLimitPerMonth: 20 });
  });

  it("a YAML file overrides what it names and keeps the other defaults", () => {
    const s = loadCrmSettings(file("ok.yaml", "# 我们的规则\npool:\n  returnAfterDays: 45\nleads:\n  sourceScores:\n    展会: 70\n  behaviourPoints:\n    trial: 40\n"));
    expect(s.pool.returnAfterDays).toBe(45);
    expect(s.pool.claimLimitPerMonth).toBe(20);
    expect(s.leads.sourceScores).toMatchObject({ 展会: 70, 转介绍: 80, 其他: 30 });
    expect(s.leads.behaviourPoints).toMatchObject({ trial: 40, webinar: 30 });
  });

  it.each([
    ["pool:\n  returnAfterDays: -1\n", /pool\.returnAfterDays: /],
    ["leads:\n  grades: { A: 40, B: 50 }\n", /leads\.grades: A must be above B/],
    ["opportunities:\n  stages:\n    - { name: 开始, probability: 10 }\n    - { name: 结束, probability: 100, outcome: won }\n", /one stage must have outcome: lost/],
    ["opportunities:\n  stages:\n    - { name: 开始, probability: 10, requires: [price] }\n", /opportunities\.stages\[0\]\.requires\[0\]/],
    ["colour: blue\n", /\(top level\)|colour/],
    ["leads:\n  sourceScores: { 地推: 10 }\n", /leads\.sourceScores/],
    ["pool: [unclosed\n", /cannot read/],
  ])("a mistake names the file and the setting: %j", (yaml, pattern) => {
    const p = file(`bad-${Math.random()}.yaml`, yaml);
    expect(() => loadCrmSettings(p)).toThrow(SettingsError);
    expect(() => loadCrmSettings(p)).toThrow(pattern);
    try {
      loadCrmSettings(p);
    } catch (e) {
      expect((e as Error).message.startsWith(p)).toBe(true);
      expect((e as Error).message).not.toContain("\n");
    }
  });
});

describe("docs/crm.example.yaml", () => {
  it("is valid and states exactly the defaults", () => {
    const example = loadCrmSettings(path.resolve(import.meta.dirname, "../../docs/crm.example.yaml"));
    expect(example).toEqual(defaultCrmSettings());
  });
});
