import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { parseCommand } from "../../src/bot/command-parser.ts";
import { gradeOf, sourceScore } from "../../src/crm/leads/lead-scoring.ts";
import { leadDedupeKey } from "../../src/crm/leads/leads.ts";
import { normalizeCompany } from "../../src/crm/customers/company-match.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";

describe("lead duplicate rules", () => {
  it("company names match however people type them", () => {
    const same = ["华为技术有限公司", "华为技术", " 华为 技术（有限公司）", "华为技术股份有限公司"];
    expect(new Set(same.map(normalizeCompany))).toEqual(new Set(["华为技术"]));
    expect(normalizeCompany("Acme Co.,Ltd")).toBe("acmecoltd");
    expect(leadDedupeKey("张 伟", "华为技术有限公司")).toBe(leadDedupeKey("张伟", "华为技术"));
    expect(leadDedupeKey("张伟", undefined)).toBeNull();
    expect(leadDedupeKey("张伟", "有限公司")).toBeNull();
  });
});

describe("lead scoring", () => {
  const s = defaultCrmSettings();
  it("scores by source and grades by threshold", () => {
    expect(sourceScore("转介绍", s)).toBe(80);
    expect(sourceScore("不认识的来源", s)).toBe(30);
    expect([gradeOf(80, s), gradeOf(79, s), gradeOf(50, s), gradeOf(49, s)]).toEqual(["A", "B", "B", "C"]);
  });
});

describe("named fields in commands", () => {
  const registry = buildRegistry();
  it("takes key:value words anywhere, full-width colons too, and notes to the end of the line", () => {
    const r = parseCommand(registry, "新建线索 地区：上海 张三 13800138000 微信:zs 展会 备注: 下周 再联系");
    expect(r).toMatchObject({
      kind: "call",
      params: { name: "张三", phone: "13800138000", region: "上海", wechatId: "zs", source: "展会", note: "下周 再联系" },
    });
  });
  it("an unknown key is an ordinary word", () => {
    const r = parseCommand(registry, "新建线索 张三 13800138000 华为 颜色:红");
    expect(r.kind).toBe("invalid");
    expect((r as { message: string }).message).toContain("多余的内容：「颜色:红」");
  });
});
