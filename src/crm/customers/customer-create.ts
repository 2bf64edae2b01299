// 新建客户 <名称> [级别:] [行业:] [地区:] [标签:] [备注:] [<自定义字段>:]: one customer per
// company; an existing one answers with its owner (details only to those who may see it).
import { z } from "zod";
import { canSee } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import { createCustomer, type CustomerWithOwner } from "./customers.ts";
import { zh } from "../../messages/zh.ts";
import { zhCustomers } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { FORCE_WORD, likelyDuplicateReply, withoutForce } from "./likely-duplicate.ts";
import { customFacts, ownerText } from "./customer-card-text.ts";
import { customerChanges, fieldPairs, invalidFields, wordsThenFields } from "./record-fields.ts";

function duplicateReply(actor: User, existing: CustomerWithOwner): Reply {
  if (existing.ownerId === actor.id) return text(zhCustomers.customerDuplicateOwn(existing.code, existing.name));
  if (existing.owner && canSee(actor, existing.owner)) return text(zhCustomers.customerDuplicateVisible(existing.code, existing.name, ownerText(existing.owner)));
  return text(zh.customerTaken(existing.owner ? ownerText(existing.owner) : null));
}

const CREATE_USAGE = "新建客户 <名称> [级别:重点] [行业:…] [地区:…] [标签:a,b] [备注:…] [<自定义字段>:…] [仍然新建]";
const CREATE_EXAMPLE = "新建客户 华为技术有限公司 级别:重点 行业:通信 地区:深圳 标签:年底采购";

export const customerCreateAction = defineAction({
  name: "customer.create",
  command: "新建客户",
  aliases: ["newcustomer", "addcustomer"],
  summary: "新建一个客户，负责人是你；同一家公司已存在（或很可能是）时告诉你负责人，确认不同可加「仍然新建」",
  usage: CREATE_USAGE,
  example: CREATE_EXAMPLE,
  params: z.object({
    name: z.string().trim().min(1, zhCustomers.customerNameInvalid).max(64, zhCustomers.customerNameInvalid),
    fields: fieldPairs,
    /** 仍然新建: create even though it likely is a customer we have. */
    force: z.boolean().optional(),
  }),
  labels: { name: "客户名称" },
  fromTokens: (tokens) => {
    const { tokens: rest, force } = withoutForce(tokens);
    const r = wordsThenFields(["name"])(rest);
    return r.ok && force ? { ok: true, raw: { ...r.raw, force: true } } : r;
  },
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const resolved = customerChanges(ctx.settings, p.fields);
    if (!resolved.ok) return invalidFields(resolved.problems, CREATE_USAGE, CREATE_EXAMPLE);
    const r = await createCustomer(ctx.tx, ctx.actor, p.name, resolved.changes, ctx.now, { force: p.force });
    if (r.kind === "duplicate") return [duplicateReply(ctx.actor, r.existing)];
    if (r.kind === "likely_duplicate") {
      const again = `新建客户 ${p.name} ${FORCE_WORD}`;
      return [await likelyDuplicateReply(ctx, p.name, r.existing, { action: "customer.create", params: { name: p.name, fields: p.fields } }, again)];
    }
    const c = r.customer;
    const facts = [c.level, c.industry, c.region, ...(c.tags.length ? [zhCustomers.tagsFact(c.tags)] : []), ...customFacts(ctx.settings, "customer", c.customFields)];
    return [text(zhCustomers.customerCreated(c.code, c.name, facts.filter((x): x is string => Boolean(x))))];
  },
});

