// The 360° card and the 查 result list as chat text (WeCom text messages; the outbox
// splits anything over 2048 bytes).
import type { User } from "../../auth/users.ts";
import { formatAmountYuan, formatDiscountShare } from "../money/index.ts";
import { birthdayOf } from "./contacts.ts";
import { labelled, storedValues, type FieldTarget } from "./custom-fields.ts";
import type { CustomerCard, FollowUpWithAuthor, LeadCard } from "./customer-card.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { formatWhen } from "../../time/when.ts";
import type { Prisma, Reminder } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { zhCustomers } from "./messages.ts";

export const ownerText = (u: User | null): string => (u ? zh.whoName(u.name, u.wecomUserId) : zhCustomers.inPool);
export const dayText = (d: Date, tz: string): string => formatWhen(d, tz).split(" ")[0]!;

export function birthdayText(date: Date | null): string | null {
  const b = birthdayOf(date);
  return b ? zhCustomers.birthdayText(b.month, b.day, b.year) : null;
}

/** Custom values for display: an option as it is (决策者), others with their label. */
export function customFacts(settings: CrmSettings, target: FieldTarget, json: Prisma.JsonValue): string[] {
  const enums = new Set(settings.customers.customFields.filter((f) => f.type === "enum").map((f) => f.label));
  return labelled(settings, target, storedValues(json)).map(({ label, value }) => (enums.has(label) && target === "contact" ? String(value) : zhCustomers.cardField(label, String(value))));
}

/** Long texts (a 1000-character follow-up) are cut on the card; 跟进记录 shows them whole. */
const CARD_TEXT_MAX = 60;
const short = (s: string): string => ([...s].length > CARD_TEXT_MAX ? `${[...s].slice(0, CARD_TEXT_MAX).join("")}…` : s);

function followUpLines(items: FollowUpWithAuthor[], tz: string): string[] {
  if (items.length === 0) return [`${zhCustomers.cardFollowUps}${zhCustomers.cardNone}`];
  return [zhCustomers.cardFollowUps, ...items.map((f) => `• ${zh.followUpLine(formatWhen(f.at, tz), ownerText(f.author), f.channel, short(f.content), null)}`)];
}

const reminderLine = (r: Reminder | null, tz: string): string[] => (r ? [zhCustomers.cardReminder(formatWhen(r.dueAt, tz), short(r.content))] : []);

export function customerCardText(card: CustomerCard, settings: CrmSettings, tz: string): string {
  const c = card.customer;
  const facts = [c.level, c.industry, c.region].filter((x): x is string => Boolean(x));
  const fields = customFacts(settings, "customer", c.customFields);
  const contacts = card.contacts.map((ct) => {
    const birthday = birthdayText(ct.birthday);
    const parts = [ct.name, ct.title, ct.phone, ...customFacts(settings, "contact", ct.customFields), birthday && zhCustomers.birthdayFact(birthday)];
    return zhCustomers.cardBullet(parts.filter((x): x is string => Boolean(x)));
  });
  const opps = card.opportunities.map((o) => zhCustomers.cardOpportunity(o.code, o.name, o.stage, o.amount ? formatAmountYuan(Number(o.amount)) : null, o.discount === null ? null : formatDiscountShare(Number(o.discount))));
  return [
    zhCustomers.cardCustomerTitle(c.code, c.name),
    zhCustomers.cardFacts([...facts, zhCustomers.cardOwner(ownerText(c.owner))]),
    ...(c.tags.length ? [zhCustomers.cardTags(c.tags)] : []),
    ...(fields.length ? [zhCustomers.cardFields(fields)] : []),
    ...(c.note ? [zhCustomers.cardNote(short(c.note))] : []),
    ...(contacts.length ? [zhCustomers.cardContacts(contacts.length, card.contactCount), ...contacts] : [`${zhCustomers.cardContacts(0, 0)}${zhCustomers.cardNone}`]),
    ...followUpLines(card.followUps, tz),
    ...(opps.length ? [zhCustomers.cardOpportunities, ...opps] : [`${zhCustomers.cardOpportunities}${zhCustomers.cardNone}`]),
    ...card.extra,
    ...reminderLine(card.nextReminder, tz),
  ].join("\n");
}

export function leadCardText(card: LeadCard, tz: string): string {
  const l = card.lead;
  const contact = [l.phone && zhCustomers.cardPhone(l.phone), l.wechatId && zhCustomers.cardWechat(l.wechatId), zhCustomers.cardSource(l.source), zh.leadStatus[l.status] ?? (l.archivedAt ? zhCustomers.cardArchived : l.status)];
  return [
    zhCustomers.cardLeadTitle(l.code, l.name, l.company),
    zhCustomers.cardFacts(contact.filter((x): x is string => Boolean(x))),
    zhCustomers.cardFacts([zh.scoreValue(l.score, l.grade), zhCustomers.cardOwner(ownerText(l.owner))]),
    ...followUpLines(card.followUps, tz),
    ...reminderLine(card.nextReminder, tz),
  ].join("\n");
}

/** How to open a hit with 查: 客户#12 (a contact opens its customer) or 线索#7. */
