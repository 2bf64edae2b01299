// 我的客户: the user's customers, most recently followed up first.
import { customersOwnedBy } from "./customers.ts";
import { zhCustomers } from "./messages.ts";
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
    if (total === 0) return [text(zhCustomers.myCustomersEmpty)];
    const lines = customers.map((c) => {
      const facts = [
        ...(c.level ? [c.level] : []),
        ...(c.tags.length ? [zhCustomers.tagsFact(c.tags)] : []),
        c.lastFollowUpAt ? zhCustomers.lastFollowUpFact(dayText(c.lastFollowUpAt, ctx.timeZone)) : zhCustomers.neverFollowedUp,
      ];
      return zhCustomers.myCustomerLine(c.code, c.name, facts);
    });
    return [text([zhCustomers.myCustomersTitle(customers.length, total), ...lines].join("\n"))];
  },
});
