// Categories the offline engine learned from unseen phrasing (not from lines of a held-out
// set): commands typed with names, discounts as cuts, tickets without 工单, record edits in
// words, the agenda asked loosely, appointments, and 这个月底.
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { commandArguments, parseCommand } from "../../src/bot/command-parser.ts";
import { parseDiscountShare } from "../../src/crm/money/discount.ts";
import { interpretOffline } from "../../src/nlu/offline/offline-engine.ts";
import { discountParam } from "../../src/nlu/offline/numbers.ts";
import { findTimes, isoLocal } from "../../src/nlu/offline/times.ts";

const TZ = "Asia/Shanghai";
const now = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const read = (text: string, recentNames: string[] = []) => interpretOffline(text, { now, timeZone: TZ, role: "rep", recentNames });
const one = (text: string) => {
  const found = read(text);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("commands typed with names", () => {
  it.each([
    ["推进 远洋物流 报价谈判", "opportunity.advance", { ref: "远洋物流", stage: "报价谈判" }],
    ["推进 远洋物流 到报价阶段", "opportunity.advance", { ref: "远洋物流", stage: "报价谈判" }],
    ["推进远洋物流 方案演示", "opportunity.advance", { ref: "远洋物流", stage: "方案演示" }],
    ["赢单 颖川食品 36万", "opportunity.won", { ref: "颖川食品", amount: "36万" }],
    ["赢单 颖川食品，金额36万", "opportunity.won", { ref: "颖川食品", amount: "36万" }],
    ["输单 颖川食品 预算被砍", "opportunity.lost", { ref: "颖川食品", reason: "预算被砍" }],
    ["申请折扣 华为 八五折 客户预算有限", "approval.discount", { ref: "华为", discount: "85折", reason: "客户预算有限" }],
    ["申请折扣 华为 客户预算有限 降15%", "approval.discount", { ref: "华为", discount: "85折", reason: "客户预算有限" }],
    ["工单 明达律所 系统登录不了 高优先级", "ticket.create", { customer: "明达律所", title: "系统登录不了", priority: "P1" }],
    ["工单 明达律所 打印机卡纸 优先级:低", "ticket.create", { customer: "明达律所", title: "打印机卡纸", priority: "P3" }],
    ["领取 星河影视", "pool.claim", { ref: "星河影视" }],
    ["领取 公海里的联想", "pool.claim", { ref: "联想" }],
    ["释放 星河影视 没精力跟了", "pool.release", { ref: "星河影视", reason: "没精力跟了" }],
    ["跟进 远洋物流 聊了报价 下次 周一下午两点", "followup.create", { ref: "远洋物流", content: "聊了报价", next: "2026-11-30T14:00:00+08:00" }],
  ])("%s → %s", (text, action, params) => expect(one(text)).toEqual({ action, params }));

  it("leaves English aliases and sentences that start with a command word to the free-text patterns", () => {
    expect(one("move 京东 to 方案演示")).toEqual({ action: "opportunity.advance", params: { ref: "京东", stage: "方案演示" } });
    expect(commandArguments(buildRegistry(), "推进一下 华为")).toBeNull();
    expect(read("客户 华为")).not.toContainEqual(expect.objectContaining({ action: "customer.update" }));
  });

  it("the grammar itself takes priority words and Chinese discounts as commands", () => {
    const registry = buildRegistry();
    expect(parseCommand(registry, "工单 明达律所 系统登录不了 高优先级")).toMatchObject({ kind: "call", params: { title: "系统登录不了", priority: "P1" } });
    expect(parseCommand(registry, "工单 明达律所 系统登录不了 优先级:一般")).toMatchObject({ kind: "call", params: { priority: "P2" } });
    expect(parseCommand(registry, "申请折扣 华为 八五折 客户预算有限")).toMatchObject({ kind: "call", params: { discount: 0.85 } });
  });
});

describe("discounts", () => {
  it.each([
    ["八五折", "85折", 0.85],
    ["8.5折", "8.5折", 0.85],
    ["85折", "85折", 0.85],
    ["降15%", "85折", 0.85],
    ["再降15%", "85折", 0.85],
    ["让15个点", "85折", 0.85],
    ["让10个点", "9折", 0.9],
    ["优惠12.5%", "87.5折", 0.875],
  ])("%s → %s = %d of list", (token, param, share) => {
    expect(discountParam(token)).toBe(param);
    expect(parseDiscountShare(param)).toBe(share);
    expect(parseDiscountShare(token)).toBe(share);
  });

  it("reads a percentage under half as what is taken off (申请15%的折扣), and 让利 / 下调 as cuts", () => {
    expect(discountParam("15%")).toBe("85折");
    expect(discountParam("85%")).toBe("85%");
    expect(discountParam("让利15%")).toBe("85折");
    expect(discountParam("下调10%")).toBe("9折");
  });

  it("reads a cut in a request as what is left, never as the cut itself", () => {
    expect(one("远洋物流那单客户要求再降15%，帮我申请一下，竞品报价更低")).toEqual({
      action: "approval.discount",
      params: { ref: "远洋物流", discount: "85折", reason: "竞品报价更低" },
    });
    expect(one("给星河影视申请让10个点，客户预算有限").params).toMatchObject({ discount: "9折" });
  });
});

describe("tickets without 工单", () => {
  it.each([
    ["颖川食品报修，打印机坏了", { customer: "颖川食品", title: "打印机坏了" }],
    ["明达律所投诉，系统登录不了，紧急", { customer: "明达律所", title: "系统登录不了", priority: "P1" }],
    ["远洋物流那边系统打不开了，帮我报修一下，加急", { customer: "远洋物流", title: "系统打不开了", priority: "P1" }],
    ["华为的系统一直报错，开个工单，优先级一般", { customer: "华为", title: "系统一直报错", priority: "P2" }],
    ["明达律所的打印机坏了，开个工单，低优先级", { customer: "明达律所", title: "打印机坏了", priority: "P3" }],
  ])("%s", (text, params) => expect(one(text)).toMatchObject({ action: "ticket.create", params }));

  it("the rep's own faults, questions and follow-up talk are no ticket", () => {
    for (const text of ["我电脑坏了", "CRM登录不了了", "会议室投影仪坏了，谁来修一下", "工单系统今天又卡了，谁能看看", "华为的系统是不是坏了？"]) {
      expect(read(text)).toEqual([]);
    }
    expect(one("拜访了华为，他们老系统经常坏，想换新的").action).toBe("followup.create");
  });
});

describe("record edits in words", () => {
  it.each([
    ["把华为的电话改成13811112222", "contact.save", { customer: "华为", phone: "13811112222" }],
    ["把张总的电话改成13811112222", "contact.save", { name: "张总", phone: "13811112222" }],
    ["远洋物流王总的手机号换成了13922223333", "contact.save", { customer: "远洋物流", name: "王总", phone: "13922223333" }],
    ["远洋物流的联系人换成王强了，手机13922223333", "contact.save", { customer: "远洋物流", name: "王强", phone: "13922223333" }],
    ["远洋物流的联系人换成王强了", "contact.save", { customer: "远洋物流", name: "王强" }],
    ["王经理的职务改为采购总监", "contact.save", { name: "王经理", fields: [["职务", "采购总监"]] }],
    ["华为公司全称改成华为技术有限公司", "customer.update", { ref: "华为", fields: [["全称", "华为技术有限公司"]] }],
    ["把远洋物流的地址改为上海市浦东新区张江路100号", "customer.update", { ref: "远洋物流", fields: [["地址", "上海市浦东新区张江路100号"]] }],
    ["把颖川食品的电话改成021-55556666", "customer.update", { ref: "颖川食品", fields: [["电话", "021-55556666"]] }],
  ])("%s → %s", (text, action, params) => expect(one(text)).toEqual({ action, params }));

  it("a full name changed without naming the customer needs one the message or the recent names give", () => {
    expect(read("公司全称改成远洋物流集团有限公司")).toEqual([]);
    expect(read("公司全称改成远洋物流集团有限公司", ["远洋物流"])).toEqual([
      { action: "customer.update", params: { ref: "远洋物流", fields: [["全称", "远洋物流集团有限公司"]] } },
    ]);
    expect(read("我的手机号换成了13811112222")).toEqual([]);
  });
});

describe("the agenda and listings asked loosely", () => {
  it.each(["what's on my agenda today", "这周还有哪些事没办", "还有什么事没做", "今天要干嘛", "my tasks", "我的待办", "看下待办", "show my todos"])(
    "%s → agenda.today",
    (text) => expect(read(text)).toEqual([{ action: "agenda.today", params: {} }]),
  );

  it.each([
    ["商机列表", "opportunity.mine"],
    ["线索列表", "lead.mine"],
    ["show my leads", "lead.mine"],
    ["list my opportunities", "opportunity.mine"],
    ["我的工单", "ticket.mine"],
    ["我的合同", "contract.mine"],
    ["有哪些新线索", "lead.mine"],
    ["客户清单发我", "customer.mine"],
    ["我的待办事项有哪些", "agenda.today"],
  ])("%s → %s", (text, action) => expect(read(text)).toEqual([{ action, params: {} }]));

  it("leaves chat about the day alone", () => {
    expect(read("今天天气怎么样")).toEqual([]);
    expect(read("今天要干嘛去呢，好无聊")).toEqual([]);
  });
});

describe("appointments and 月底", () => {
  it.each([
    ["跟远洋物流约在周一下午两点视频会议", "2026-11-30T14:00:00+08:00"],
    ["远洋物流那边定了周一下午两点开视频会", "2026-11-30T14:00:00+08:00"],
    ["和远洋物流的视频会议定在周一下午两点", "2026-11-30T14:00:00+08:00"],
    ["远洋物流回复了，约了周一下午两点视频会议", "2026-11-30T14:00:00+08:00"],
  ])("%s: a follow-up whose next is the appointment", (text, next) => {
    expect(one(text)).toMatchObject({ action: "followup.create", params: { ref: "远洋物流", next } });
  });

  it.each(["月底", "这个月底", "本月底", "这月底", "这个月月底", "当月底"])("%s is one phrase: this month's last day", (phrase) => {
    const [t] = findTimes(`预计${phrase}前签`, now, TZ);
    expect(t).toMatchObject({ text: phrase });
    expect(isoLocal(t!.at!, TZ)).toBe("2026-11-30T09:00:00+08:00");
  });

  it.each(["下月底", "下个月底", "下个月月底"])("%s is next month's last day", (phrase) => {
    const times = findTimes(`${phrase}前能签`, now, TZ);
    expect(times).toHaveLength(1);
    expect(isoLocal(times[0]!.at!, TZ)).toBe("2026-12-31T09:00:00+08:00");
  });

  it("leaves no 这个 or 前 in a reminder's text", () => {
    expect(one("提醒我这个月底前催款")).toEqual({ action: "reminder.create", params: { text: "2026-11-30T09:00:00+08:00 催款" } });
  });
});

describe("more phrasings of the same categories", () => {
  it.each([
    ["申请给远洋物流降价15%，对方预算不够", "approval.discount", { ref: "远洋物流", discount: "85折", reason: "对方预算不够" }],
    ["帮我走个特批，远洋物流 85折", "approval.discount", { ref: "远洋物流", discount: "85折" }],
    ["颖川食品要求打个八五折，帮我报一下审批", "approval.discount", { ref: "颖川食品", discount: "85折" }],
    ["颖川食品反馈冷库温度异常，帮忙开个单", "ticket.create", { customer: "颖川食品", title: "冷库温度异常" }],
    ["明达律所的打印机卡纸了", "ticket.create", { customer: "明达律所", title: "打印机卡纸了" }],
    ["远洋物流换联系人了，新的是王强，手机13922223333", "contact.save", { customer: "远洋物流", name: "王强", phone: "13922223333" }],
    ["更新一下远洋物流的地址：上海市浦东新区张江路100号", "customer.update", { ref: "远洋物流", fields: [["地址", "上海市浦东新区张江路100号"]] }],
    ["张总电话改了，新号码13811112222", "contact.save", { name: "张总", phone: "13811112222" }],
    ["王总的邮箱是wang@abc.com", "contact.save", { name: "王总", fields: [["邮箱", "wang@abc.com"]] }],
    ["远洋物流的联系人王强，手机换成了13922223333", "contact.save", { customer: "远洋物流", name: "王强", phone: "13922223333" }],
    ["把远洋物流王强的邮箱改为wq@yy.com", "contact.save", { customer: "远洋物流", name: "王强", fields: [["邮箱", "wq@yy.com"]] }],
    ["今天有什么要跟进的", "agenda.today", {}],
    ["today's schedule", "agenda.today", {}],
    ["what do I have today", "agenda.today", {}],
    ["我还有什么没跟进的", "agenda.today", {}],
    ["我手头的商机", "opportunity.mine", {}],
    ["我在跟的单子有哪些", "opportunity.mine", {}],
  ])("%s → %s", (text, action, params) => expect(one(text)).toEqual({ action, params }));

  it("a question about an item is no edit", () => {
    expect(read("张总的电话是多少")).toEqual([]);
  });
});

describe("跟进 typed with deal news", () => {
  it("keeps the follow-up besides the stage move, and the close date out of next", () => {
    expect(read("跟进 远洋物流 客户同意进入报价阶段")).toEqual([
      { action: "followup.create", params: { ref: "远洋物流", content: "客户同意进入报价阶段" } },
      { action: "opportunity.advance", params: { ref: "远洋物流", stage: "报价谈判" } },
    ]);
    const [note, update] = read("跟进 颖川食品 电话沟通 预计月底签约");
    expect(note).toMatchObject({ action: "followup.create", params: { ref: "颖川食品" } });
    expect(note!.params["next"]).toBeUndefined();
    expect(update).toEqual({ action: "opportunity.update", params: { ref: "颖川食品", expectedCloseDate: "2026-11-30T09:00:00+08:00" } });
  });
});

describe("staying out of what is not asked", () => {
  it.each(["领导说这周的任务要抓紧", "my tasks are too many lol", "我家空调坏了", "楼下咖啡机又坏了", "小王电脑坏了", "我手机号换了，新号码13811112222", "老婆的手机号改成13811112222", "公司地址改了，新地址是上海市徐汇区", "推进 所有商机 赢单"])(
    "%s → nothing",
    (text) => expect(read(text)).toEqual([]),
  );

  it("finds the customer opening a fault's clause and the new contact after a departure", () => {
    expect(one("明达律所系统登录不了，帮我提个工单")).toEqual({ action: "ticket.create", params: { customer: "明达律所", title: "系统登录不了" } });
    expect(one("颖川食品投诉我们送货慢")).toMatchObject({ action: "ticket.create", params: { customer: "颖川食品", title: "送货慢" } });
    expect(one("远洋物流的王总离职了，新联系人是赵刚 13800002222")).toEqual({ action: "contact.save", params: { customer: "远洋物流", name: "赵刚", phone: "13800002222" } });
  });
});

describe("a payment typed with a name", () => {
  it("records it with an amount; the name alone only shows the plan", () => {
    expect(read("回款 远洋物流 10万")).toEqual([{ action: "receivable.record", params: { ref: "远洋物流", rest: "10万" } }]);
    expect(read("回款 远洋物流")).not.toContainEqual(expect.objectContaining({ action: "receivable.record" }));
  });
});

describe("a typed command among other requests", () => {
  it("reads each request on its own", () => {
    expect(read("推进 远洋物流 报价谈判，顺便提醒我明天发报价")).toEqual([
      { action: "opportunity.advance", params: { ref: "远洋物流", stage: "报价谈判" } },
      { action: "reminder.create", params: { text: "2026-11-24T09:00:00+08:00 发报价" } },
    ]);
  });
});

describe("ticket news is no new ticket", () => {
  it.each(["工单#5 修好了", "颖川食品上次投诉的问题解决了", "有客户投诉我们送货慢"])("%s → no ticket.create", (text) => {
    expect(read(text)).not.toContainEqual(expect.objectContaining({ action: "ticket.create" }));
  });
});
