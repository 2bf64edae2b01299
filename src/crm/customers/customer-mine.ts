// 我的客户: the user's customers, most recently followed up first.
import { customersOwnedBy } from "./customers.ts";
import { zh } from "../../messages/zh.ts";
import { text } from "../../render/reply.ts";
import { defineAction, everyonesListing } from "../../actions/action.ts";
import { dayText } from "./customer-card-text.ts";

const MINE_LIMIT = 20;

export const customerMineAction = defineAction({
  name: "customer.mine",
  command: "我的客户",
  aliases: ["mycustomers", "customers"],
  summary: "列出你负责的客户：级别、标签、最近跟进",
  usage: "我的客户",
  example: "我的客户",
  ...everyonesListing,
  async run(ctx) {
    const { customers, total } = await customersOwnedBy(ctx.tx, ctx.actor, MINE_LIMIT);
    if (total === 0) return [text(zh.myCustomersEmpty)];
    const lines = customers.map((c) => {
      const facts = [
        ...(c.level ? [c.level] : []),
        ...(c.tags.length ? [zh.tagsFact(c.tags)] : []),
        c.lastFollowUpAt ? zh.lastFollowUpFact(dayText(c.lastFollowUpAt, ctx.timeZone)) : zh.neverFollowedUp,
      ];
      return zh.myCustomerLine(c.code, c.name, facts);
    });
    return [text([zh.myCustomersTitle(customers.length, total), ...lines].join("\n"))];
  },
});
