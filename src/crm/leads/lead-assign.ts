import { z } from "zod";
import { findUserInScope } from "../../auth/find-user.ts";
import { reassignLead } from "./leads.ts";
import { resolveLead } from "./lead-ref.ts";
import { zh } from "../../messages/zh.ts";
import { zhLeads } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { defineAction } from "../../actions/action.ts";
import { assignCustomerTo, customerAssignTokens } from "../customers/index.ts";

const nameOf = (u: { name: string | null; wecomUserId: string }) => zh.whoName(u.name, u.wecomUserId);

export const leadAssignAction = defineAction({
  name: "lead.assign",
  command: "分配",
  aliases: ["assign"],
  summary: "把线索或客户（连同进行中的商机，也可从公海）分配给团队里的销售（主管、管理员）",
  usage: "分配 <线索编号|姓名> <销售账号|姓名> · 分配 客户 <客户名|#编号> <销售>",
  example: "分配 #12 李强",
  params: z.object({
    lead: z.string().trim().min(1).max(64),
    to: z.string().trim().min(1).max(64),
    /** `分配 客户 …`: `lead` names a customer. */
    customer: z.boolean().optional(),
  }),
  labels: { lead: "线索编号或姓名", to: "销售" },
  fromTokens: (tokens) => {
    const c = customerAssignTokens(tokens);
    if (c) return { ok: true, raw: { lead: c.ref, to: c.to, customer: true } };
    if (tokens.length > 2) return { ok: false, problem: zh.tooManyParams(tokens.slice(2).join(" ")) };
    return { ok: true, raw: { lead: tokens[0], to: tokens[1] } };
  },
  roles: ["manager", "admin"],
  effect: "write",
  freeText: "typed",
  refs: { lead: "lead" },
  async run(ctx, p) {
    if (p.customer) return assignCustomerTo(ctx, p.lead, p.to);
    const found = await resolveLead(ctx, p.lead, "write");
    if ("reply" in found) return [found.reply];
    const { lead } = found;
    const to = await findUserInScope(ctx.tx, ctx.actor, p.to);
    if (!to) return [text(zh.userNotFound(p.to))];
    if (lead.ownerId === to.id) return [text(zhLeads.leadAssignedAlready(lead.code, nameOf(to)))];
    await reassignLead(ctx.tx, ctx.actor, lead, to, ctx.now, ctx.settings);
    const by = nameOf(ctx.actor);
    if (to.id !== ctx.actor.id) ctx.notify(to, text(zhLeads.leadAssignedToYou(by, lead.code, lead.name, lead.company, lead.phone)));
    if (lead.owner && lead.owner.id !== ctx.actor.id) ctx.notify(lead.owner, text(zhLeads.leadTakenFromYou(by, lead.code, lead.name, nameOf(to))));
    return [text(zhLeads.leadAssigned(lead.code, lead.name, nameOf(to)))];
  },
});
