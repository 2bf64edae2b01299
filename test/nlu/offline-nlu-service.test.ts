// Categories of tickets, money, quotes, record edits and reads the offline engine learned from
// the development set's misses (each with phrasing of its own here, not the set's lines).
import { describe, expect, it } from "vitest";
import { interpretOffline } from "../../src/nlu/offline/offline-engine.ts";
import { priorityOf } from "../../src/nlu/offline/patterns-service.ts";
import { methodLabelled } from "../../src/nlu/offline/patterns-money.ts";

const TZ = "Asia/Shanghai";
const now = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const read = (text: string) => interpretOffline(text, { now, timeZone: TZ, role: "rep", recentNames: [] });

describe("ticket priorities and steps", () => {
  it.each([
    ["挺急的", "P1"],
    ["客户很急", "P1"],
    ["急", "P1"],
    ["不急", "P3"],
    ["一般优先级", "P2"],
    ["P2", "P2"],
  ])("%s → %s", (text, p) => expect(priorityOf(text)).toBe(p));

  it("reads the priority said before 工单", () => {
    expect(read("给星桥物流开个紧急的工单，冷库不制冷")).toEqual([{ action: "ticket.create", params: { customer: "星桥物流", title: "冷库不制冷", priority: "P1" } }]);
  });

  it("keeps the priority words out of the title", () => {
    expect(read("给嘉禾纺织开个工单：接口超时 P2")).toEqual([{ action: "ticket.create", params: { customer: "嘉禾纺织", title: "接口超时", priority: "P2" } }]);
    expect(read("帮我给恒通仓储开个工单，扫码枪用不了，挺急的")).toEqual([{ action: "ticket.create", params: { customer: "恒通仓储", title: "扫码枪用不了", priority: "P1" } }]);
  });

  it("reads a ticket written as 工单：…, the customer after the head", () => {
    expect(read("工单：星桥物流的门禁失灵，不急")).toEqual([{ action: "ticket.create", params: { customer: "星桥物流", title: "门禁失灵", priority: "P3" } }]);
  });

  it.each([
    ["工单31我开始处理了", "ticket.start", { ref: "31" }],
    ["#8 那个工单解决了，重装了驱动", "ticket.resolve", { ref: "#8", note: "重装了驱动" }],
    ["工单#4 可以关了", "ticket.close", { ref: "#4" }],
    ["工单6现在什么情况", "ticket.show", { ref: "6" }],
    ["工单 #3 已处理，等客户确认", "ticket.wait", { ref: "#3" }],
    ["工单#3 备注：客户下午不在", "ticket.note", { ref: "#3", note: "客户下午不在" }],
  ])("%s → %s", (text, action, params) => expect(read(text)).toEqual([{ action, params }]));

  it("reads one step per clause, and a read after them", () => {
    expect(read("完成提醒7，取消提醒8，再看看我的提醒")).toEqual([
      { action: "reminder.done", params: { code: "7" } },
      { action: "reminder.cancel", params: { code: "8" } },
      { action: "reminder.list", params: {} },
    ]);
  });
});

describe("typed shapes", () => {
  it.each([
    ["处理 #4", "ticket.start", { ref: "#4" }],
    ["工单 #9", "ticket.show", { ref: "#9" }],
    ["回款记录 华辰科技", "receivable.list", { ref: "华辰科技" }],
    ["客户 华辰科技 地区 西南", "customer.update", { ref: "华辰科技", fields: [["地区", "西南"]] }],
    ["报价 #21 发送", "quote.edit", { ref: "#21", rest: "发送" }],
  ])("%s → %s", (text, action, params) => expect(read(text)).toEqual([{ action, params }]));
});

describe("several reads and steps", () => {
  it("reads each clause", () => {
    expect(read("星桥物流之前都跟过些啥，再看看我的合同")).toEqual([
      { action: "followup.history", params: { ref: "星桥物流" } },
      { action: "contract.mine", params: {} },
    ]);
  });
});

describe("money", () => {
  it("labels a bare method word", () => {
    expect(methodLabelled("30000 12月10日 承兑汇票")).toBe("30000 12月10日 方式:承兑汇票");
    expect(methodLabelled("30000 方式:电汇")).toBe("30000 方式:电汇");
  });

  it.each([
    ["星桥物流今天打款12万到对公账户了", "receivable.record", { ref: "星桥物流", rest: "12万 今天" }],
    ["星桥物流的款到了没", "receivable.list", { ref: "星桥物流" }],
    ["星桥物流的钱打过来了吗", "receivable.list", { ref: "星桥物流" }],
    ["收到星桥物流回款6万，电汇", "receivable.record", { ref: "星桥物流", rest: "6万 方式:电汇" }],
    ["查一下星桥物流的回款记录", "receivable.list", { ref: "星桥物流" }],
    ["开票 合同#5 8000 专票 税号 91440300279583285X", "invoice.request", { ref: "合同#5", amount: "8000", taxId: "91440300279583285X", type: "专票" }],
    ["帮星桥物流申请开票，金额2万，税号91440300279583285X", "invoice.request", { ref: "星桥物流", amount: "2万", taxId: "91440300279583285X" }],
    ["回款：星桥物流 4万 支票", "receivable.record", { ref: "星桥物流", rest: "4万 方式:支票" }],
    ["星桥物流要发票，开专票，金额按合同全款", "invoice.request", { ref: "星桥物流", type: "专票" }],
  ])("%s → %s", (text, action, params) => expect(read(text)).toEqual([{ action, params }]));

  it("asks after what is owed", () => {
    expect(read("星桥物流付了多少钱了")).toEqual([{ action: "receivable.list", params: { ref: "星桥物流" } }]);
  });

  it("leaves a promise and a visit alone", () => {
    expect(read("星桥物流说下周打款20万").map((a) => a.action)).not.toContain("receivable.record");
    expect(read("收到星桥物流的首付款3万")).toEqual([{ action: "receivable.record", params: { ref: "星桥物流", rest: "3万" } }]);
  });
});

describe("quotes", () => {
  it.each([
    ["给星桥物流报个价，旗舰版2套，打九五折", { ref: "星桥物流", rest: "加 旗舰版2套 95折" }],
    ["星桥物流要个报价：标准版5套加培训2天", { ref: "星桥物流", rest: "加 标准版5套，培训2天" }],
    ["报价 #14 发送", { ref: "#14", rest: "发送" }],
    ["星桥物流的报价先出个pdf", { ref: "星桥物流", rest: "PDF" }],
  ])("%s", (text, params) => expect(read(text)).toEqual([{ action: "quote.edit", params }]));

  it("reads who for after the verb, and a price clause as its line's", () => {
    expect(read("做个报价给星桥物流：旗舰版2套，单价3万")).toEqual([{ action: "quote.edit", params: { ref: "星桥物流", rest: "加 旗舰版2套 单价:3万" } }]);
  });

  it.each([
    ["报价#6 客户接受了", { ref: "#6", rest: "接受" }],
    ["客户拒绝了报价#6，预算不够", { ref: "#6", rest: "拒绝 预算不够" }],
    ["星桥物流报个价：标准版8套，每套4000", { ref: "星桥物流", rest: "加 标准版8套 单价:4000" }],
  ])("%s (verdicts and prices)", (text, params) => expect(read(text)).toEqual([{ action: "quote.edit", params }]));

  it("a quote not yet decided is no verdict", () => {
    expect(read("报价#6 客户还没接受").map((a) => a.action)).not.toContain("quote.edit");
  });

  it("a quote already sent is not sent again", () => {
    expect(read("把星桥物流的报价发过去了").map((a) => a.action)).not.toContain("quote.edit");
  });
});

describe("contacts and customer items", () => {
  it.each([
    ["星桥物流的陈刚换手机号了，新号13511112222", "contact.save", { customer: "星桥物流", name: "陈刚", phone: "13511112222" }],
    ["星桥物流的陈刚升运营总监了", "contact.save", { customer: "星桥物流", name: "陈刚", fields: [["职务", "运营总监"]] }],
    ["星桥物流新加一个联系人：法务 孙悦 13611112222", "contact.save", { customer: "星桥物流", name: "孙悦", phone: "13611112222", fields: [["职务", "法务"]] }],
    ["加个联系人：星桥物流的采购主管许可，手机13711112222", "contact.save", { customer: "星桥物流", name: "许可", phone: "13711112222", fields: [["职务", "采购主管"]] }],
    ["联系人 星桥物流 Tom Lee 职务 CTO", "contact.save", { customer: "星桥物流", name: "Tom Lee", fields: [["职务", "CTO"]] }],
    ["星桥物流 地区改成西南，行业物流", "customer.update", { ref: "星桥物流", fields: [["地区", "西南"], ["行业", "物流"]] }],
    ["星桥物流备注一下：发票寄财务部", "customer.update", { ref: "星桥物流", fields: [["备注", "发票寄财务部"]] }],
    ["星桥物流降普通客户", "customer.update", { ref: "星桥物流", fields: [["级别", "普通"]] }],
    ["星桥物流新来了个对接人吴磊，电话13300002222", "contact.save", { customer: "星桥物流", name: "吴磊", phone: "13300002222" }],
    ["星桥物流 官网：www.xq.com", "customer.update", { ref: "星桥物流", fields: [["官网", "www.xq.com"]] }],
  ])("%s → %s", (text, action, params) => expect(read(text)).toEqual([{ action, params }]));
});

describe("reads", () => {
  it("asking an item is not setting it", () => expect(read("星桥物流的行业是啥")).toEqual([]));

  it.each([
    ["15912345678 这个号码是谁的", "search", { query: "15912345678" }],
    ["星桥物流之前都跟过些啥", "followup.history", { ref: "星桥物流" }],
    ["show me the follow-up history for 星桥物流", "followup.history", { ref: "星桥物流" }],
    ["我的合同列一下", "contract.mine", {}],
    ["看下我手上还有哪些工单没关", "ticket.mine", {}],
    ["这个月的发票导一份给我", "data.export", { kind: "发票" }],
    ["我都有哪些商机", "opportunity.mine", {}],
    ["show my contracts", "contract.mine", {}],
    ["look up 星桥物流", "search", { query: "星桥物流" }],
    ["星桥物流归谁管", "search", { query: "星桥物流" }],
    ["星桥物流的对接人有谁", "search", { query: "星桥物流" }],
    ["show me 星桥物流 follow-up history", "followup.history", { ref: "星桥物流" }],
  ])("%s → %s", (text, action, params) => expect(read(text)).toEqual([{ action, params }]));
});
