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
import { findQuoteInScope } from "../quotes/index.ts";
import { findProductByRef } from "../products/index.ts";
import { findContractInScope } from "../contracts/index.ts";
import { findInvoiceInScope } from "../invoices/index.ts";

const LIMIT = 20;

/** 客户#1 / 线索#3 / 商机#2 (also 客户 #1, 客户1), #3 (a lead, as in 评分), or a lead's or customer's name. */
const TYPED_REF = /^(客户|线索|商机)\s*[#＃]?\s*(\d{1,9})$/u;

/** 报价#4, 产品#5, 合同#6 or 合同 HT-2026-0001, 发票#7; a bare contract number HT-2026-0001. */
const MONEY_REF = /^(报价|产品|合同|发票)\s*(.+)$/u;
const CONTRACT_NUMBER = /^[A-Za-z]{1,8}-[0-9A-Za-z-]{1,30}$/;

/** `related`: records whose entries belong to this one's trail (a contract's 回款 and instalments). */
type Target = { id: string; what: string; related?: string[] };

/** A money record within the actor's scope (products: the catalogue, seen by everyone). */
async function moneyTarget(ctx: ActionContext, kind: string, ref: string): Promise<Target | null> {
  const code = /^[#＃]?\s*(\d{1,9})$/u.exec(ref)?.[1];
  switch (kind) {
    case "报价": {
      const q = code ? await findQuoteInScope(ctx.tx, ctx.actor, Number(code)) : null;
      return q ? { id: q.id, what: zhAudit.recordName("报价", q.code, q.opportunity.customer.name) } : null;
    }
    case "产品": {
      const p = await findProductByRef(ctx.tx, code ? `#${code}` : ref, true);
      return p ? { id: p.id, what: zhAudit.recordName("产品", p.code, p.name) } : null;
    }
    case "合同": {
      const c = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, code ? `#${code}` : ref);
      if (!c) return null;
      const [payments, plans] = await Promise.all([
        ctx.tx.payment.findMany({ where: { contractId: c.id }, select: { id: true } }),
        ctx.tx.paymentPlan.findMany({ where: { contractId: c.id }, select: { id: true } }),
      ]);
      return { id: c.id, what: `${zhAudit.contractName(c.number)} ${c.customer.name}`, related: [...payments, ...plans].map((r) => r.id) };
    }
    default: {
      const i = code ? await findInvoiceInScope(ctx.tx, ctx.actor, ctx.settings, Number(code)) : null;
      return i ? { id: i.id, what: `${zhAudit.invoiceName(i.code)} ${i.contract.number}` } : null;
    }
  }
}

async function resolveTarget(ctx: ActionContext, ref: string): Promise<Target | { reply: Reply }> {
  const money = MONEY_REF.exec(ref);
  const found = money ? await moneyTarget(ctx, money[1]!, money[2]!.trim()) : CONTRACT_NUMBER.test(ref) ? await moneyTarget(ctx, "合同", ref) : null;
  if (found) return found;
  if (money) return notFound(ctx, ref);
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
  return notFound(ctx, ref);
}

async function notFound(ctx: ActionContext, ref: string): Promise<{ reply: Reply }> {
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "read_denied", entity: "audit", detail: { ref }, at: ctx.now });
  return { reply: text(zhAudit.refNotFound(ref)) };
}

export const auditTrailAction = defineAction({
  name: "audit.trail",
  command: "审计",
  aliases: ["audit"],
  summary: "查看线索、客户、商机、报价、产品、合同或发票的操作记录：谁、何时、改了什么（主管、管理员）",
  usage: "审计 <线索#编号|客户#编号|商机#编号|报价#编号|产品#编号|合同#编号或合同号|发票#编号|线索或客户名称>",
  example: "审计 客户#1",
  params: z.object({ ref: z.string().trim().min(1).max(40) }),
  labels: { ref: "线索、客户、商机、报价、产品、合同或发票" },
  fromTokens: (tokens) => ({ ok: true, raw: { ref: tokens.join("") || undefined } }),
  roles: ["manager", "admin"],
  effect: "read",
  async run(ctx, p) {
    const target = await resolveTarget(ctx, p.ref);
    if ("reply" in target) return [target.reply];
    const entries = await ctx.tx.auditEntry.findMany({
      where: { entityId: { in: [target.id, ...(target.related ?? [])] } },
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
        `${zhAudit.auditActions[e.action] ?? e.action}${zhAudit.entityLabels[e.entity] ?? ""}`,
        describeDetail(e.detail, e.entity, names, ctx.timeZone),
      ),
    );
    return [text([zhAudit.auditTitle(target.what, entries.length), ...lines].join("\n"))];
  },
});
