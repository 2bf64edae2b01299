// 客户 <客户> [项目:内容…]: changes what is written (audited), or shows the 360° card when
// nothing else is written.
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { customerCard } from "./customer-card.ts";
import { findCustomerInScope, updateCustomer, type Customer, type CustomerChanges } from "./customers.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { zhCustomers } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { customerCardText } from "./customer-card-text.ts";
import { customerChanges, fieldPairs, describeCustom, describeItems, invalidFields, wordsThenFields } from "./record-fields.ts";

/** The customer a user named, or the reply for "not found" (out of scope answers the same,
 * and is audited). */
export async function resolveCustomer(ctx: ActionContext, ref: string, intent: "read" | "write"): Promise<{ customer: Customer } | { reply: Reply }> {
  const customer = await findCustomerInScope(ctx.tx, ctx.actor, ref);
  if (customer) return { customer };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: `${intent}_denied`, entity: "customer", detail: { ref }, at: ctx.now });
  return { reply: text(zhCustomers.customerNotFound(ref)) };
}

/** "级别 重点", "标签 重点、年底采购", … for what the changes touched, as it is now. */
function describe(settings: CrmSettings, c: Customer, changes: CustomerChanges): string[] {
  const now = { level: c.level, industry: c.industry, region: c.region, tags: c.tags.join("、"), note: c.note };
  return [...describeItems(changes, now), ...describeCustom(settings, "customer", c.customFields, changes.custom)];
}

const EDIT_USAGE = "客户 <客户|#编号> [级别:…] [行业:…] [地区:…] [标签:+加,-删 或 a,b] [备注:…] [<自定义字段>:…]（只写客户则查看）";
const EDIT_EXAMPLE = "客户 华为 级别:重点 标签:+年底采购,-冷淡";

export const customerEditAction = defineAction({
  name: "customer.update",
  command: "客户",
  aliases: ["customer"],
  summary: "查看客户 360° 信息，或修改级别、行业、地区、标签、备注和自定义字段",
  usage: EDIT_USAGE,
  example: EDIT_EXAMPLE,
  params: z.object({ ref: z.string().trim().min(1).max(64), fields: fieldPairs }),
  labels: { ref: "客户" },
  fromTokens: wordsThenFields(["ref"]),
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "customer" },
  async run(ctx, p) {
    const resolved = customerChanges(ctx.settings, p.fields);
    if (!resolved.ok) return invalidFields(resolved.problems, EDIT_USAGE, EDIT_EXAMPLE);
    const found = await resolveCustomer(ctx, p.ref, p.fields.length ? "write" : "read");
    if ("reply" in found) return [found.reply];
    if (p.fields.length === 0) {
      return [text(customerCardText(await customerCard(ctx.tx, ctx.actor, found.customer.id, ctx.now, ctx.timeZone), ctx.settings, ctx.timeZone))];
    }
    const before = found.customer;
    const after = await updateCustomer(ctx.tx, ctx.actor, before, resolved.changes, ctx.now);
    if (after === before) return [text(zhCustomers.customerUnchanged(before.code, before.name))];
    return [text(zhCustomers.customerUpdated(after.code, after.name, describe(ctx.settings, after, resolved.changes)))];
  },
});

