// Contacts (联系人) of a customer: added, or updated when the customer already has one of
// that name. Birthdays are stored for the yearly care reminder (生日关怀).
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Contact, Customer } from "../../generated/prisma/client.ts";
import { applyValues, isoDay, storedValues, type FieldValue, type FieldValues } from "./custom-fields.ts";
import { initialsOf } from "../../util/pinyin.ts";

export type { Contact };

/** A birthday given without a year (生日:03-08) is stored in this year: a leap year, so
 * 02-29 fits, and long enough ago that no contact was born in it. Reminders compare month
 * and day only. */
export const BIRTHDAY_NO_YEAR = 1904;

export interface Birthday {
  month: number;
  day: number;
  year: number | null;
}

/** 03-08, 3月8日, 1990-03-08, 1990年3月8日, 1990/3/8 → a birthday; null if not a real day. */
export function parseBirthday(input: string): Birthday | null {
  const v = input.trim();
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  const [year, month, day] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : short ? [null, Number(short[1]), Number(short[2])] : [];
  if (month === undefined || day === undefined) return null;
  if (year !== null && year !== undefined && (year < 1900 || year === BIRTHDAY_NO_YEAR)) return null;
  return isoDay(year ?? BIRTHDAY_NO_YEAR, month, day) ? { month, day, year: year ?? null } : null;
}

/** The DATE column's value (UTC midnight of the day). */
export const birthdayDate = (b: Birthday): Date => new Date(Date.UTC(b.year ?? BIRTHDAY_NO_YEAR, b.month - 1, b.day));

export function birthdayOf(date: Date | null): Birthday | null {
  if (!date) return null;
  const year = date.getUTCFullYear();
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate(), year: year === BIRTHDAY_NO_YEAR ? null : year };
}

/** undefined: unchanged; null: cleared. */
export interface ContactChanges {
  phone?: string | null;
  title?: string | null;
  email?: string | null;
  wechatId?: string | null;
  birthday?: Birthday | null;
  custom?: Record<string, FieldValue | null>;
}

export type SaveContactResult = { kind: "created" | "updated" | "unchanged"; contact: Contact };

const FIELDS = ["phone", "title", "email", "wechatId", "birthday", "customFields"] as const;
type Row = Pick<Contact, "phone" | "title" | "email" | "wechatId" | "birthday"> & { customFields: FieldValues };

const rowFrom = (c: Contact | null): Row =>
  c
    ? { phone: c.phone, title: c.title, email: c.email, wechatId: c.wechatId, birthday: c.birthday, customFields: storedValues(c.customFields) }
    : { phone: null, title: null, email: null, wechatId: null, birthday: null, customFields: {} };

function rowOf(base: Row, c: ContactChanges): Row {
  const or = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  return {
    phone: or(c.phone, base.phone),
    title: or(c.title, base.title),
    email: or(c.email, base.email),
    wechatId: or(c.wechatId, base.wechatId),
    birthday: c.birthday === undefined ? base.birthday : c.birthday && birthdayDate(c.birthday),
    customFields: applyValues(base.customFields, c.custom ?? {}),
  };
}

const shown = (r: Row) => ({ ...r, birthday: r.birthday?.toISOString().slice(0, 10) ?? null });

/** Adds the contact to the customer, or updates the customer's contact of that name. */
export async function saveContact(tx: Tx, actor: User, customer: Customer, name: string, changes: ContactChanges, now: Date): Promise<SaveContactResult> {
  const existing = await tx.contact.findFirst({ where: { customerId: customer.id, name }, orderBy: { createdAt: "asc" } });
  const before = rowFrom(existing);
  const next = rowOf(before, changes);
  const base = { customerId: customer.id, contactName: name };
  if (!existing) {
    const contact = await tx.contact.create({ data: { customerId: customer.id, name, initials: initialsOf(name), ...next, createdAt: now } });
    await audit(tx, { actorId: actor.id, action: "create", entity: "contact", entityId: contact.id, detail: { ...base, after: shown(next) }, at: now });
    return { kind: "created", contact };
  }
  const a = shown(before);
  const b = shown(next);
  const keys = FIELDS.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (keys.length === 0) return { kind: "unchanged", contact: existing };
  const contact = await tx.contact.update({ where: { id: existing.id }, data: next });
  await audit(tx, {
    actorId: actor.id,
    action: "update",
    entity: "contact",
    entityId: existing.id,
    detail: { ...base, before: Object.fromEntries(keys.map((k) => [k, a[k]])), after: Object.fromEntries(keys.map((k) => [k, b[k]])) },
    at: now,
  });
  return { kind: "updated", contact };
}
