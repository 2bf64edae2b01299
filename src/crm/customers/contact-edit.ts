// 联系人 <客户> <姓名> [手机] [职务:] [邮箱:] [微信:] [生日:] [<自定义字段>:]: adds a contact
// to the customer, or updates the customer's contact of that name.
import { z } from "zod";
import { saveContact, type Contact, type ContactChanges } from "./contacts.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { zhCustomers } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { birthdayText, customFacts } from "./customer-card-text.ts";
import { resolveCustomer } from "./customer-edit.ts";
import { contactChanges, fieldPairs, describeCustom, describeItems, invalidFields, mobileParam, wordsThenFields } from "./record-fields.ts";

const USAGE = "联系人 <客户> <姓名> [手机] [职务:…] [邮箱:…] [微信:…] [生日:03-08 或 1990-03-08] [决策角色:…]";
const EXAMPLE = "联系人 华为 张伟 13811112222 职务:采购总监 生日:03-08 决策角色:决策者";

/** What the changes touched, as the contact now has it: "职务 采购总监", "生日 3月8日". */
function describe(settings: CrmSettings, c: Contact, changes: ContactChanges): string[] {
  const now = { phone: c.phone, title: c.title, email: c.email, wechatId: c.wechatId, birthday: birthdayText(c.birthday) };
  return [...describeItems(changes, now), ...describeCustom(settings, "contact", c.customFields, changes.custom)];
}

export const contactSaveAction = defineAction({
  name: "contact.save",
  command: "联系人",
  aliases: ["contact"],
  summary: "给客户添加联系人，或修改同名联系人：手机、职务、邮箱、微信、生日、决策角色等",
  usage: USAGE,
  example: EXAMPLE,
  params: z.object({
    customer: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1, zhCustomers.contactNameInvalid).max(32, zhCustomers.contactNameInvalid),
    phone: mobileParam.optional(),
    fields: fieldPairs,
  }),
  labels: { customer: "客户", name: "联系人姓名" },
  fromTokens: wordsThenFields(["customer", "name", "phone"]),
  roles: ALL_ROLES,
  effect: "write",
  refs: { customer: "customer" },
  async run(ctx, p) {
    const resolved = contactChanges(ctx.settings, p.fields);
    if (!resolved.ok) return invalidFields(resolved.problems, USAGE, EXAMPLE);
    const changes: ContactChanges = { ...resolved.changes, ...(p.phone ? { phone: p.phone } : {}) };
    const found = await resolveCustomer(ctx, p.customer, "write");
    if ("reply" in found) return [found.reply];
    const customer = found.customer;
    const r = await saveContact(ctx.tx, ctx.actor, customer, p.name, changes, ctx.now);
    if (r.kind === "unchanged") return [text(zhCustomers.contactUnchanged(customer.name, p.name))];
    if (r.kind === "updated") return [text(zhCustomers.contactUpdated(customer.name, p.name, describe(ctx.settings, r.contact, changes)))];
    const c = r.contact;
    const birthday = birthdayText(c.birthday);
    const facts = [c.title, c.phone, c.email, c.wechatId, ...customFacts(ctx.settings, "contact", c.customFields), birthday && zhCustomers.birthdayFact(birthday)];
    return [text(zhCustomers.contactCreated(customer.name, c.name, facts.filter((x): x is string => Boolean(x))))];
  },
});
