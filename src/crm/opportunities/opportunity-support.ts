// 需要支持 <商机>: a rep asks their manager for help on a deal (the stalled-deal card's button).
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { daysInStage } from "./opportunity-stall.ts";
import { zh } from "../../messages/zh.ts";
import { zhReminders } from "../reminders/index.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { resolveOpportunity } from "./opportunity-ref.ts";

export const opportunitySupportAction = defineAction({
  name: "opportunity.support",
  command: "需要支持",
  aliases: ["help-deal", "support"],
  summary: "商机卡住了，请主管支持（会通知你的主管）",
  usage: "需要支持 <#编号>",
  example: "需要支持 #5",
  params: z.object({ ref: z.string().trim().min(1).max(32) }),
  labels: { ref: "商机编号" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "opportunity" },
  async run(ctx, p) {
    const found = await resolveOpportunity(ctx, p.ref);
    if ("reply" in found) return [found.reply];
    const { opp } = found;
    const manager = ctx.actor.managerId ? await ctx.tx.user.findFirst({ where: { id: ctx.actor.managerId, active: true } }) : null;
    if (!manager) return [text(zhReminders.supportNoManager)];
    const who = zh.whoName(ctx.actor.name, ctx.actor.wecomUserId);
    ctx.notify(manager, text(zhReminders.supportToManager(who, opp.code, opp.customer.name, opp.stage, daysInStage(opp, ctx.now))));
    await audit(ctx.tx, { actorId: ctx.actor.id, action: "ask_support", entity: "opportunity", entityId: opp.id, detail: { managerId: manager.id }, at: ctx.now });
    return [text(zhReminders.supportAsked(zh.whoName(manager.name, manager.wecomUserId)))];
  },
});
