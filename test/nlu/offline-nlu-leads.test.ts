// The offline engine on new people and on names: leads told as a story (no 线索 word), lead
// sources read from a table of phrases per configured source, company phrases, where a name
// ends, and the last look that never lets a fragment become a customer.
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { LEAD_SOURCES } from "../../src/config/crm/crm-settings.ts";
import { isSourceWord, leadSourceIn } from "../../src/nlu/offline/lead-sources.ts";
import { cleanName, isPersonName, saneRef, splitGlued } from "../../src/nlu/offline/names.ts";
import { interpretOffline } from "../../src/nlu/offline/offline-engine.ts";

const ctx = { now: new Date("2026-11-23T02:00:00Z"), timeZone: "Asia/Shanghai", role: "rep" as const };
const registry = buildRegistry();
const read = (text: string, recentNames?: string[]) => interpretOffline(text, { ...ctx, ...(recentNames ? { recentNames } : {}) });

describe("lead sources: a table per configured source", () => {
  it.each([
    ["百度推广来的", "广告投放"],
    ["抖音广告线索", "广告投放"],
    ["信息流带来的", "广告投放"],
    ["官网留言", "官网表单"],
    ["website form", "官网表单"],
    ["进博会上", "展会"],
    ["展台加的微信", "展会"],
    ["递了张名片", "展会"],
    ["老客户介绍的", "转介绍"],
    ["朋友推荐", "转介绍"],
    ["公众号留言", "公众号"],
    ["打电话进来咨询", "电话咨询"],
    ["来电", "电话咨询"],
  ])("%s → %s", (text, source) => expect(leadSourceIn(text)).toBe(source));

  it("names only configured sources, and nothing when no source is said", () => {
    expect(leadSourceIn("今天天气不错")).toBeUndefined();
    for (const text of ["广告", "官网", "展会", "介绍", "公众号", "来电"]) expect(LEAD_SOURCES).toContain(leadSourceIn(text));
  });

  it("a telling phrase beats a word said of many sources (留言, 咨询, 介绍)", () => {
    expect(leadSourceIn("想咨询一下，展会上认识的")).toBe("展会");
    expect(leadSourceIn("在公众号留言咨询")).toBe("公众号");
  });

  it("knows a word that is only a source", () => {
    expect(isSourceWord("展会上认识的")).toBe(true);
    expect(isSourceWord("官网来的")).toBe(true);
    expect(isSourceWord("杭州云帆网络")).toBe(false);
  });
});

describe("names: where they end and what they are", () => {
  it.each([
    ["星河科技刘洋", ["星河科技", "刘洋"]],
    ["颖川食品曹总", ["颖川食品", "曹总"]],
    ["网易李雷", ["网易", "李雷"]],
    ["华东医药李经理", ["华东医药", "李经理"]],
    ["颖川食品采购曹总", ["颖川食品", "曹总"]],
  ])("%s is a company and a person", (glued, parts) => expect(splitGlued(glued)).toEqual(parts));

  it.each(["三一重工", "宁德时代", "阿里巴巴", "王晓明", "欧阳娜娜", "华润万家", "京东方"])("%s is one name", (name) => expect(splitGlued(name)).toBeNull());

  it.each(["说价格", "想了解我们", "合伙人", "要一份案例集", "拜访", "前给", "去拜访", "对方老板", "开完", "拿到", "的那家", "上次那个客户"])("%s is never a name", (word) =>
    expect(cleanName(word)).toBeNull(),
  );

  it.each(["(华为", "华为)", "王磊，", "星河🙂"])("%s: brackets, punctuation and emoji are a cut gone wrong", (word) => expect(cleanName(word)).toBeNull());

  it("never throws on broken brackets", () => {
    for (const text of ["给（华为开个工单，打印机卡纸", "华为叫）边设备坏了，帮我开个售后工单", "展会认识的，王磊（（，13812345678"]) expect(() => read(text)).not.toThrow();
  });

  it("中天建设 is a company, not a time word", () => expect(cleanName("中天建设")).toBe("中天建设"));

  it("tells a person's name from a company's", () => {
    for (const p of ["王磊", "潘总", "刘晓东", "李女士", "老郑"]) expect(isPersonName(p), p).toBe(true);
    for (const c of ["杭州云帆网络", "采购经理", "华为", "美的集团"]) expect(isPersonName(c), c).toBe(false);
  });

  it("looks at a record name once more: glued gives the company, a fragment gives nothing", () => {
    expect(saneRef("网易李雷")).toBe("网易");
    expect(saneRef("拜访")).toBeNull();
    expect(saneRef("前给")).toBeNull();
    expect(saneRef("#12")).toBe("#12");
    expect(saneRef("华为")).toBe("华为");
  });
});

describe("offline engine: leads told as a story", () => {
  it.each([
    ["展会上刚加的客户：郭凯，手机 139 0000 1111，公司叫厦门海翼物流", { name: "郭凯", phone: "13900001111", company: "厦门海翼物流", source: "展会" }],
    ["有个客户打电话进来问价格，沈女士 15100002222，来自温州东升电器", { name: "沈女士", phone: "15100002222", company: "温州东升电器", source: "电话咨询" }],
    ["老客户介绍的，常州天宇包装的彭亮，18900003333", { name: "彭亮", phone: "18900003333", company: "常州天宇包装", source: "转介绍" }],
    ["抖音上来的，覃丽 13000004444，在桂林山水文旅工作", { name: "覃丽", phone: "13000004444", company: "桂林山水文旅", source: "广告投放" }],
    ["website 进来的，Kevin O'Neil 13600005555，Green Field Co", { name: "Kevin O'Neil", phone: "13600005555", company: "Green Field Co", source: "官网表单" }],
  ])("%s", (text, params) => {
    const got = read(text);
    expect(got).toEqual([{ action: "lead.create", params }]);
    expect(registry.byName("lead.create")!.params.safeParse(got[0]!.params).success).toBe(true);
  });

  it("a contact of a customer we have, a friend, a courier: no lead", () => {
    expect(read("有个朋友叫孙杰，13812345678，帮我记一下").filter((p) => p.action === "lead.create")).toEqual([]);
    expect(read("快递员李师傅 13812345678 下午到")).toEqual([]);
    expect(read("蒙牛新来的对接人叫赵磊，手机13712345678").map((p) => p.action)).toEqual(["contact.save"]);
  });

  it("a person and a mobile with no sign of a new person is not guessed at", () => {
    expect(read("王磊，13812345678")).toEqual([]);
    expect(read("客户王磊 13812345678")).toEqual([]);
    expect(read("老客户汤总换号码了 13966660000")).toEqual([]);
  });

  it("a customer's person, number and company is a new lead; a plan said with it is a reminder", () => {
    expect(read("客户魏军，13566661111，遵义赤水酒业，后天下午去拜访")).toEqual([
      { action: "lead.create", params: { name: "魏军", phone: "13566661111", company: "遵义赤水酒业" } },
      { action: "reminder.create", params: { text: "2026-11-25T14:00:00+08:00 去拜访" } },
    ]);
  });
});

describe("offline engine: a name followed by what the person did", () => {
  it.each([
    ["东盛电器汪总电话没人接", "东盛电器"],
    ["和海纳电子许杰吃了个饭，聊了明年的采购", "海纳电子"],
    ["蓝海文旅周婷回电话了，方案通过了", "蓝海文旅"],
  ])("%s → a follow-up on %s", (text, ref) => {
    const got = read(text);
    expect(got.map((p) => p.action)).toContain("followup.create");
    expect(got.every((p) => p.params["ref"] === undefined || p.params["ref"] === ref)).toBe(true);
  });

  it.each(["说价格太高了", "想了解我们的产品", "要一份案例集", "去拜访了一下", "合伙人下周过来", "刚开完会，说方案要改", "拿到了一个意向，预计50万"])("%s: no customer from a fragment", (text) => {
    expect(read(text)).toEqual([]);
  });
});

describe("offline engine: where a name ends in a follow-up", () => {
  it.each([
    ["钟经理看了方案，觉得价格偏高", "钟经理"],
    ["拜访了一下金科地产的钟经理，聊得不错", "金科地产"],
    ["宏图软件法务说合同没问题了", "宏图软件"],
    ["寄了份样品给东盛电器的汪总", "东盛电器"],
    ["Sunrise Foods Inc那边说要再比价", "Sunrise Foods Inc"],
    ["跟Acme的John聊了报价", "Acme"],
    ["下午在瑞丰药业跟曹总开了个会", "瑞丰药业"],
    ["宏达贸易同意续约了", "宏达贸易"],
  ])("%s → %s", (text, ref) => expect(read(text).map((p) => p.params["ref"])).toEqual([ref]));

  it("对方 / 那边 without a name mean the recent company", () => {
    expect(read("对方老板说预算只有30万", ["星河科技"]).map((p) => p.params["ref"])).toEqual(["星河科技", "星河科技"]);
    expect(read("那边说要再等等审批", ["鼎盛贸易"]).map((p) => p.params["ref"])).toEqual(["鼎盛贸易"]);
  });
});
