import { convertLead } from "./lead-conversion.ts";
import { zh } from "../../messages/zh.ts";
import { zhLeads } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { leadRefParams, resolveLead } from "./lead-ref.ts";

export const leadConvertAction = defineAction({
  name: "lead.convert",
  command: "转化",
  aliases: ["convert"],
  summary: "把线索转成客户、联系人和一个初步沟通阶段的商机",
  usage: "转化 <线索编号|姓名>",
  example: "转化 #12",
  ...leadRefParams,
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "lead" },
  async run(ctx, p) {
    const found = await resolveLead(ctx, p.ref, "write");
    if ("reply" in found) return [found.reply];
    const r = await convertLead(ctx.tx, ctx.actor, found.lead, ctx.now, ctx.settings);
    if (r.kind === "already") return [text(zhLeads.leadAlreadyConverted(found.lead.code, r.customer?.name ?? null))];
    if (r.kind === "customer_taken") return [text(zh.customerTaken(r.owner ? zh.whoName(r.owner.name, r.owner.wecomUserId) : null))];
    const { customer, contact, opportunity } = r;
    return [
      text(zhLeads.leadConverted(found.lead.code, found.lead.name, customer.code, customer.name, contact.name, opportunity.code, opportunity.stage, r.joinedExisting)),
    ];
  },
});
