// 离职 <销售> [公海|主管]: hands a leaving rep's book over and deactivates them (admins).
import { z } from "zod";
import { handOverLeavingRep, type LeaveMode } from "./rep-handover.ts";
import { zh } from "../../messages/zh.ts";
import { zhPool } from "../pool/index.ts";
import { text } from "../../render/reply.ts";
import { defineAction } from "../../actions/action.ts";
import { handoverNotices } from "./rep-leave-notices.ts";

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
      .refine((v) => v.toLowerCase() in MODES, zhPool.leaveBadTarget)
      .transform((v) => MODES[v.toLowerCase()]!)
      .optional(),
  }),
  labels: { who: "销售", to: "去向" },
  positional: ["who", "to"],
  roles: ["admin"],
  effect: "write",
  freeText: "typed",
  async run(ctx, p) {
    const rep = await ctx.tx.user.findFirst({ where: { OR: [{ wecomUserId: p.who }, { name: p.who }] } });
    if (!rep) return [text(zh.userNotFound(p.who))];
    if (rep.id === ctx.actor.id) return [text(zhPool.leaveSelf)];
    const r = await handOverLeavingRep(ctx.tx, ctx.actor, rep, p.to, ctx.now, ctx.settings);
    const { summary, notices } = handoverNotices(rep, r, p.to, ctx.settings);
    for (const n of notices) ctx.notify(n.user, text(n.text));
    return [text(summary)];
  },
});
