// 离职 <销售> [公海|主管]: hands a leaving rep's book over and deactivates them (admins).
import { z } from "zod";
import { handOverLeavingRep, type LeaveMode } from "../crm/rep-handover.ts";
import { zh } from "../messages/zh.ts";
import { text } from "../render/reply.ts";
import { defineAction } from "./action.ts";
import { nameOf } from "./pool-customer-ref.ts";

const MODES: Record<string, LeaveMode> = { 公海: "pool", pool: "pool", 主管: "manager", manager: "manager" };

export const repLeaveAction = defineAction({
  name: "admin.rep_leave",
  command: "离职",
  aliases: ["offboard"],
  summary: "销售离职：客户、线索、商机交给主管或公海（管理员）",
  usage: "离职 <销售账号|姓名> [公海|主管]",
  example: "离职 zhangsan 主管",
  params: z.object({
    who: z.string().trim().min(1).max(64),
    to: z
      .string()
      .refine((v) => v.toLowerCase() in MODES, zh.leaveBadTarget)
      .transform((v) => MODES[v.toLowerCase()]!)
      .optional(),
  }),
  labels: { who: "销售", to: "去向" },
  positional: ["who", "to"],
  roles: ["admin"],
  effect: "write",
  async run(ctx, p) {
    const rep = await ctx.tx.user.findFirst({ where: { OR: [{ wecomUserId: p.who }, { name: p.who }] } });
    if (!rep) return [text(zh.userNotFound(p.who))];
    if (rep.id === ctx.actor.id) return [text(zh.leaveSelf)];
    const r = await handOverLeavingRep(ctx.tx, ctx.actor, rep, p.to, ctx.now, ctx.settings);
    const who = nameOf(rep);
    const counts = { customers: r.customers, leads: r.leads, opportunities: r.opportunities };
    if (r.manager) {
      ctx.notify(r.manager, text(r.mode === "manager" ? zh.leaveToYou(who, counts, r.reminders) : zh.leaveToPoolTold(who, counts)));
    }
    for (const d of r.leadsDealt) ctx.notify(d.user, text(zh.leaveLeadsToYou(who, d.count)));
    const summary =
      r.mode === "manager"
        ? zh.leaveDoneManager(who, nameOf(r.manager!), counts, r.reminders)
        : zh.leaveDonePool(who, counts, r.leadsDealt.reduce((n, d) => n + d.count, 0), r.leadsUnassigned, p.to === "manager" || (!p.to && ctx.settings.pool.onRepLeaves === "manager"));
    return [text(summary)];
  },
});
