// The pure rules behind 查, custom fields, birthdays and tags.
import { describe, expect, it } from "vitest";
import { parseTags } from "../../src/crm/customers/record-fields.ts";
import { birthdayDate, birthdayOf, parseBirthday } from "../../src/crm/customers/contacts.ts";
import { changedTags } from "../../src/crm/customers/customers.ts";
import { parseFieldValue } from "../../src/crm/customers/custom-fields.ts";
import { oneEditPattern, oneEditQuery, soundsLike } from "../../src/crm/search/fuzzy.ts";
import { readQuery } from "../../src/crm/search/search.ts";

describe("one edit", () => {
  const within = (q: string, text: string) => new RegExp(oneEditPattern(q)!, "u").test(text);

  it("matches a text holding the query with one character wrong, missing, extra or two swapped", () => {
    expect(within("华为技木", "华为技术有限公司")).toBe(true); // wrong
    expect(within("腾讯计机", "深圳市腾讯计算机系统")).toBe(true); // one missing from the query
    expect(within("华为为技术", "华为技术有限公司")).toBe(true); // one extra in the query
    expect(within("华技为术", "华为技术")).toBe(true); // swapped
  });

  it("does not match two edits, nor forgive anything in two characters", () => {
    expect(within("华伟技木", "华为技术有限公司")).toBe(false);
    expect(oneEditPattern("华伟")).toBeNull();
  });

  it("escapes characters that mean something in a pattern", () => {
    expect(within("a.b(c", "xxa.b(cyy")).toBe(true);
    expect(within("a.b(c", "xxaXbYcyy")).toBe(false);
    expect(oneEditQuery("a]^b")!.charClasses).toEqual(["[a\\]]", "[\\^b]"]);
  });
});

describe("sounds like", () => {
  it("finds a homophone the input method picked, not the same text or another sound", () => {
    expect(soundsLike("华伟", "华为技术有限公司")).toBe(true);
    expect(soundsLike("腾迅", "深圳市腾讯计算机系统有限公司")).toBe(true);
    expect(soundsLike("华为", "华为技术有限公司")).toBe(false);
    expect(soundsLike("张伟", "李伟")).toBe(false);
    expect(soundsLike("hw", "华为")).toBe(false);
  });
});

describe("reading a 查 query", () => {
  it("tells codes, phones, names and initials apart", () => {
    expect(readQuery("客户#12")).toEqual({ kind: "code", code: 12, kinds: ["customer"] });
    expect(readQuery("线索 # 7")).toEqual({ kind: "code", code: 7, kinds: ["lead"] });
    expect(readQuery("#12345")).toEqual({ kind: "code", code: 12345, kinds: ["customer", "lead"] });
    expect(readQuery("12")).toEqual({ kind: "code", code: 12, kinds: ["customer", "lead"] });
    expect(readQuery("+86 138-1111-2222")).toEqual({ kind: "phone", digits: "13811112222" });
    expect(readQuery("2222")).toEqual({ kind: "phone", digits: "2222" });
    expect(readQuery("华为技术有限公司")).toEqual({ kind: "text", terms: { plain: "华为技术有限公司", key: "华为技术", initials: null } });
    expect(readQuery("HW")).toEqual({ kind: "text", terms: { plain: "hw", key: "hw", initials: "hw" } });
    expect(readQuery(" 华 ")).toEqual({ kind: "too_short" });
  });
});

describe("birthdays", () => {
  it("reads them with or without a year; a year-less one is stored in 1904", () => {
    expect(parseBirthday("03-08")).toEqual({ month: 3, day: 8, year: null });
    expect(parseBirthday("3月8日")).toEqual({ month: 3, day: 8, year: null });
    expect(parseBirthday("1990/3/8")).toEqual({ month: 3, day: 8, year: 1990 });
    expect(parseBirthday("02-29")).toEqual({ month: 2, day: 29, year: null });
    expect(birthdayDate({ month: 2, day: 29, year: null }).toISOString()).toBe("1904-02-29T00:00:00.000Z");
    expect(birthdayOf(new Date("1904-03-08T00:00:00Z"))).toEqual({ month: 3, day: 8, year: null });
    expect(birthdayOf(new Date("1985-05-01T00:00:00Z"))).toEqual({ month: 5, day: 1, year: 1985 });
  });

  it("refuses days that do not exist", () => {
    for (const bad of ["13-45", "02-30", "1991-02-29", "生日", "1904-03-08", "1800-01-01"]) expect(parseBirthday(bad)).toBeNull();
  });
});

describe("tags", () => {
  it("replaces, or adds and removes with + and -", () => {
    expect(parseTags("重点，年底采购、老客户")).toEqual({ replace: ["重点", "年底采购", "老客户"] });
    expect(parseTags("+重点,-冷淡,新客")).toEqual({ add: ["重点", "新客"], remove: ["冷淡"] });
    expect(changedTags(["冷淡", "老客户"], { add: ["重点", "老客户"], remove: ["冷淡"] })).toEqual(["老客户", "重点"]);
    expect(parseTags("")).toEqual({ replace: [] });
    expect(parseTags("一二三四五六七八九十一二三四五六七")).toBeNull();
    expect(parseTags("a,b,c,d,e,f,g,h,i,j,k")).toBeNull();
  });
});

describe("custom field values", () => {
  const base = { key: "k", label: "项", appliesTo: "customer" } as const;
  it("checks each type", () => {
    expect(parseFieldValue({ ...base, type: "enum", options: ["直签", "渠道"] }, "渠道")).toEqual({ ok: true, value: "渠道" });
    expect(parseFieldValue({ ...base, type: "enum", options: ["直签", "渠道"] }, "代理")).toEqual({ ok: false, problem: { kind: "enum", options: ["直签", "渠道"] } });
    expect(parseFieldValue({ ...base, type: "number" }, "1.5万")).toEqual({ ok: true, value: 15000 });
    expect(parseFieldValue({ ...base, type: "number" }, "很多")).toEqual({ ok: false, problem: { kind: "number" } });
    expect(parseFieldValue({ ...base, type: "date" }, "2026年12月1日")).toEqual({ ok: true, value: "2026-12-01" });
    expect(parseFieldValue({ ...base, type: "date" }, "2026-02-30")).toEqual({ ok: false, problem: { kind: "date" } });
    expect(parseFieldValue({ ...base, type: "text" }, "")).toEqual({ ok: true, value: null });
  });
});
