import { leadsOwnedBy } from "./leads.ts";
import { zh } from "../../messages/zh.ts";
import { zhLeads } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { defineAction, everyonesListing } from "../../actions/action.ts";

const LIMIT = 20;

export const leadMineAction = defineAction({
  name: "lead.mine",
  command: "我的线索",
  aliases: ["myleads", "leads"],
  summary: "列出你负责的线索（最近 20 条）",
  usage: "我的线索",
  example: "我的线索",
  ...everyonesListing,
  async run(ctx) {
    const { leads, total } = await leadsOwnedBy(ctx.tx, ctx.actor, LIMIT);
    if (total === 0) return [text(zhLeads.myLeadsEmpty)];
    const lines = leads.map((l) =>
      zhLeads.leadLine(l.code, l.name, l.phone ?? (l.wechatId ? zhLeads.wechatShown(l.wechatId) : ""), l.company ?? "", l.source, zh.leadStatus[l.status] ?? l.status),
    );
    return [text([zhLeads.myLeadsTitle(leads.length, total), ...lines].join("\n"))];
  },
});
