// Categories from a development set's misses (dev1.jsonl), each with lines of our own: deal
// facts said along a follow-up, outcomes said first or with typos, stages reached, follow-ups
// with typos or 陪, names that run on past a stop word, rounds of visits, discounts with the
// record after them, leads with a role before the name, and contacts added with their company.
import { describe, expect, it } from "vitest";
import { interpretOffline } from "../../src/nlu/offline/offline-engine.ts";

const TZ = "Asia/Shanghai";
const now = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const read = (text: string) => interpretOffline(text, { now, timeZone: TZ, role: "rep", recentNames: [] });
const names = (text: string) => read(text).map((a) => a.action);
const of = (text: string, action: string) => read(text).find((a) => a.action === action)?.params;

describe("deal facts said along a follow-up", () => {
  it.each([
    ["跟凯德物流的周经理打了个电话,他说预算批下来了,大概80万", "budget", "80万"],
    ["下午给宏达电梯的孙经理打了电话,他说预算已经批了,150万左右", "budget", "150万"],
    ["和东盛化工的李总喝了个茶,拍板的是他们董事长王总", "decisionMaker", "王总"],
    ["见了新锐传媒的小刘,决策人是对方的总经理钱总", "decisionMaker", "钱总"],
    ["电话里跟百川药业确认了需求,要一套冷链温控监测系统", "needsAnalysis", "一套冷链温控监测系统"],
  ])("%s → %s", (text, field, value) => {
    expect(names(text).sort()).toEqual(["followup.create", "opportunity.update"]);
    expect(of(text, "opportunity.update")?.[field]).toBe(value);
  });

  it("reads needs stated without talk as a deal update only", () => {
    expect(read("青禾教育那边需求确认了:想做200个教室的录播系统")).toEqual([
      { action: "opportunity.update", params: { ref: "青禾教育", needsAnalysis: "200个教室的录播系统" } },
    ]);
  });

  it("takes the person after a role for the decision maker, and no one when only a role is said", () => {
    expect(of("云岭茶业的决策人是董事长杨总", "opportunity.update")?.["decisionMaker"]).toBe("杨总");
    expect(of("云岭茶业的决策人是他们老板", "opportunity.update")?.["decisionMaker"]).toBeUndefined();
  });
});

describe("outcomes and stages", () => {
  it.each([
    ["输单了,华信电子最后签了别家", "opportunity.lost", "华信电子"],
    ["丢单了,瑞丰纺织最后选了竞品", "opportunity.lost", "瑞丰纺织"],
    ["明远物流 丢了,对方预算砍了", "opportunity.lost", "明远物流"],
    ["赢丹!华章印务 120万", "opportunity.won", "华章印务"],
    ["盈单 天宇光伏 88万", "opportunity.won", "天宇光伏"],
    ["永丰农业已经到方案演示阶段了", "opportunity.advance", "永丰农业"],
    ["鼎新软件走到合同环节了", "opportunity.advance", "鼎新软件"],
    ["博达科技现在在报价阶段", "opportunity.advance", "博达科技"],
    ["华润那单飞了,被竞品截胡了", "opportunity.lost", "华润"],
    ["锦程建材决定不做了,预算被砍", "opportunity.lost", "锦程建材"],
  ])("%s → %s of %s", (text, action, ref) => {
    const found = read(text);
    expect(found.map((a) => a.action)).toEqual([action]);
    expect(found[0]!.params["ref"]).toBe(ref);
  });

  it("leaves games and receipts alone", () => {
    expect(read("我们队到决赛阶段了")).toEqual([]);
    expect(read("昨天打球又输了,郁闷")).toEqual([]);
    expect(read("今天收到报价了")).toEqual([]);
    expect(read("这个阶段在报价阶段要注意什么")).toEqual([]);
  });
});

describe("follow-ups", () => {
  it.each([
    ["给海通电缆的马工打了电化,下周二再去现场", "海通电缆"],
    ["恒发五金 微信没回", "恒发五金"],
    ["昨晚陪金桥地产的几个老总吃了顿饭", "金桥地产"],
    ["邮件发了报价单给华泰会展", "华泰会展"],
    ["微信发了方案给立信会计,对方说元旦后看", "立信会计"],
    ["跟方圆地产的刘总聊了聊", "方圆地产"],
    ["刚跟瑞景酒店开完会,聊了客房系统", "瑞景酒店"],
    ["宏图机械 电话打不通", "宏图机械"],
    ["今天和百盛超市的采购见了面,聊了年货的事", "百盛超市"],
    ["今天在华润万家开了个会,讨论了门店系统", "华润万家"],
  ])("%s → %s", (text, ref) => {
    const found = read(text);
    expect(found.map((a) => a.action)).toEqual(["followup.create"]);
    expect(found[0]!.params["ref"]).toBe(ref);
  });

  it("gives one follow-up per customer of a round of visits, each with its own words", () => {
    const found = read("今天跑了两家客户:上午去了德胜机械聊了维保,下午跟鸿运物流谈了续约");
    expect(found.map((a) => a.params["ref"])).toEqual(["德胜机械", "鸿运物流"]);
    expect(String(found[1]!.params["content"])).toBe("下午跟鸿运物流谈了续约");
    expect(found[1]!.params["next"]).toBeUndefined();
  });

  it("gives each customer listed after 跟 its follow-up", () => {
    expect(read("昨天跟德胜机械、鸿运物流都通了电话").map((a) => a.params["ref"])).toEqual(["德胜机械", "鸿运物流"]);
    expect(read("华峰铝业 拒接").map((a) => a.params["ref"])).toEqual(["华峰铝业"]);
  });

  it("does not split a visit by the department or person met there", () => {
    expect(read("今天去了格力,见了采购部的周经理,初步认可我们的方案").map((a) => a.params["ref"])).toEqual(["格力"]);
    expect(read("陪老婆孩子打了场球")).toEqual([]);
  });
});

describe("discounts, leads and contacts", () => {
  it("reads the record after the discount", () => {
    expect(read("申请8折给蓝海渔业,对方是老客户")).toEqual([
      { action: "approval.discount", params: { ref: "蓝海渔业", discount: "8折", reason: "对方是老客户" } },
    ]);
  });

  it("reads the name right after the ask, and leaves the ask out of the reason", () => {
    expect(of("申请折扣:宏发建材,9折,对方采购量翻倍", "approval.discount")).toMatchObject({ ref: "宏发建材", discount: "9折" });
    expect(of("给远景能源走个特批,9折,年框客户", "approval.discount")?.["reason"]).toBe("年框客户");
  });

  it("keeps a supermarket's name as the lead's company", () => {
    expect(of("老客户推荐:华联超市的采购部长吴敏 13755556666", "lead.create")).toMatchObject({ name: "吴敏", company: "华联超市" });
  });

  it("reads a referred person with a role before the name as a lead", () => {
    expect(of("同事介绍了个客户,华光照明的采购主管周敏,手机13766667777", "lead.create")).toMatchObject({ name: "周敏", company: "华光照明", source: "转介绍" });
  });

  it("reads a contact added with its company after the ask", () => {
    expect(of("新增联系人:泰和医疗的设备科主任吴刚,电话13912345678", "contact.save")).toMatchObject({ customer: "泰和医疗", name: "吴刚", phone: "13912345678" });
  });
});

describe("commands listed with commas", () => {
  it("reads each numbered command, and a closing look, on its own", () => {
    expect(names("完成提醒2,取消提醒4,再看看我的提醒还剩啥")).toEqual(["reminder.done", "reminder.cancel", "reminder.list"]);
    expect(names("取消提醒7,完成提醒8")).toEqual(["reminder.cancel", "reminder.done"]);
  });

  it("keeps a story that merely mentions cancelling whole", () => {
    expect(names("客户说取消了订单,下周再谈")).not.toContain("reminder.cancel");
  });
});

describe("plans are not what happened", () => {
  it("reads the rep's own plan as a reminder, without the visit in the name", () => {
    expect(read("下周一要去拜访金桥地产,帮我记一下")).toMatchObject([{ action: "reminder.create" }]);
    expect(String(read("下周一要去拜访金桥地产,帮我记一下")[0]!.params["text"])).toContain("金桥地产");
  });

  it("never names 所有老客户 as one customer, nor dates a won deal's close by its payment", () => {
    expect(names("12月15号前要回访一下所有老客户")).not.toContain("followup.create");
    expect(names("凯旋酒店签约成功!合同额68万,预计下月初回款")).toEqual(["opportunity.won"]);
  });

  it("never takes a plan to sign for a win", () => {
    expect(names("月底前要把鼎新的合同签下来")).not.toContain("opportunity.won");
    expect(names("去了趟华为,他们要报价")).toEqual(["followup.create"]);
  });
});
