// 审计 <记录>: who did what to one record, newest first, in readable Chinese lines.
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { findCustomerInScope } from "../customers/index.ts";
import { findLeadInScope } from "../leads/index.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhAudit } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { defineAction, type ActionContext } from "../../actions/action.ts";
import { describeDetail, namesFor } from "./audit-render.ts";
import { resolveOpportunity } from "../opportunities/index.ts";

const LIMIT = 20;

/** 客户#1 / 线索#3 / 商机#2 (also 客户 #1, 客户1), #3 (a lead, as in 评分), or a lead's or customer's name. */
const TYPED_REF = /^(客户|线索|商机)\s*[#＃]?\s*(\d{1,9})$/u;

type Target = { id: string; what: string };

async function resolveTarget(ctx: ActionContext, ref: string): Promise<Target | { reply: Reply }> {
  const typed = TYPED_REF.exec(ref);
  if (typed?.[1] === "商机") {
    const found = await resolveOpportunity(ctx, typed[2]!);
    return "reply" in found ? found : { id: found.opp.id, what: zhAudit.recordName("商机", found.opp.code, found.opp.name) };
  }
  const code = typed ? `#${typed[2]}` : ref;
  const lead = typed?.[1] === "客户" ? null : await findLeadInScope(ctx.tx, ctx.actor, code);
  if (lead) return { id: lead.id, what: zhAudit.recordName("线索", lead.code, lead.name) };
  const customer = typed?.[1] === "线索" || (!typed && /^[#＃]?\d+$/.test(ref)) ? null : await findCustomerInScope(ctx.tx, ctx.actor, code);
  if (customer) return { id: customer.id, what: zhAudit.recordName("客户", customer.code, customer.name) };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "read_denied", entity: "audit", detail: { ref }, at: ctx.now });
  return { reply: text(zhAudit.refNotFound(ref)) };
}

export const auditTrailAction = defineAction({
  name: "audit.trail",
  command: "审计",
  aliases: ["audit"],
  summary: "查看一条线索、客户或商机的操作记录：谁、何时、改了什么（主管、管理员）",
  usage: "审计 <线索#编号|客户#编号|商机#编号|线索或客户名称>",
  example: "审计 客户#1",
  params: z.object({ ref: z.string().trim().min(1).max(40) }),
  labels: { ref: "线索、客户或商机" },
  fromTokens: (tokens) => ({ ok: true, raw: { ref: tokens.join("") || undefined } }),
  roles: ["manager", "admin"],
  effect: "read",
  async run(ctx, p) {
    const target = await resolveTarget(ctx, p.ref);
    if ("reply" in target) return [target.reply];
    const entries = await ctx.tx.auditEntry.findMany({
      where: { entityId: target.id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: LIMIT,
      include: { actor: true },
    });
    if (entries.length === 0) return [text(zhAudit.auditEmpty(target.what))];
    const names = await namesFor(ctx.tx, entries.map((e) => e.detail));
    const lines = entries.map((e) =>
      zhAudit.auditLine(
        formatWhen(e.at, ctx.timeZone),
        e.actor ? zh.whoName(e.actor.name, e.actor.wecomUserId) : "系统",
        zhAudit.auditActions[e.action] ?? e.action,
        describeDetail(e.detail, e.entity, names, ctx.timeZone),
      ),
    );
    return [text([zhAudit.auditTitle(target.what, entries.length), ...lines].join("\n"))];
  },
});
