// An audit entry's detail as a reader sees it: Chinese field names (as the cards name
// them), people and records by name, money in 元/万, times in CRM_TIMEZONE — never JSON.
import type { Tx } from "../../db/tx.ts";
import { formatAmountYuan, formatDiscountShare } from "../money/index.ts";
import { moneyValueText } from "./audit-money.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhAudit } from "./messages.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_LINE = 300;
const DATE_KEYS = new Set(["expectedCloseDate", "birthday", "signDate", "startDate", "endDate", "dueDate", "receivedOn", "validUntil"]);

type Detail = Record<string, unknown>;

/** Names for every id an entry mentions: users, customers, leads, opportunities, contacts,
 * and the money records (products, quotes, contracts, invoices). */
export async function namesFor(tx: Tx, details: unknown[]): Promise<Map<string, string>> {
  const ids = [...new Set(details.flatMap(idsIn))];
  if (ids.length === 0) return new Map();
  const where = { id: { in: ids } };
  const [users, customers, leads, opps, contacts, products, quotes, contracts, invoices] = await Promise.all([
    tx.user.findMany({ where }),
    tx.customer.findMany({ where, select: { id: true, code: true, name: true } }),
    tx.lead.findMany({ where, select: { id: true, code: true, name: true } }),
    tx.opportunity.findMany({ where, select: { id: true, code: true, name: true } }),
    tx.contact.findMany({ where, select: { id: true, name: true } }),
    tx.product.findMany({ where, select: { id: true, code: true, name: true } }),
    tx.quote.findMany({ where, select: { id: true, code: true } }),
    tx.contract.findMany({ where, select: { id: true, number: true } }),
    tx.invoice.findMany({ where, select: { id: true, code: true } }),
  ]);
  return new Map([
    ...users.map((u) => [u.id, zh.whoName(u.name, u.wecomUserId)] as const),
    ...customers.map((c) => [c.id, zhAudit.recordName("客户", c.code, c.name)] as const),
    ...leads.map((l) => [l.id, zhAudit.recordName("线索", l.code, l.name)] as const),
    ...opps.map((o) => [o.id, zhAudit.recordName("商机", o.code, o.name)] as const),
    ...contacts.map((c) => [c.id, c.name] as const),
    ...products.map((p) => [p.id, zhAudit.recordName("产品", p.code, p.name)] as const),
    ...quotes.map((q) => [q.id, zhAudit.quoteName(q.code)] as const),
    ...contracts.map((c) => [c.id, zhAudit.contractName(c.number)] as const),
    ...invoices.map((i) => [i.id, zhAudit.invoiceName(i.code)] as const),
  ]);
}

function idsIn(detail: unknown): string[] {
  if (typeof detail === "string") return UUID.test(detail) ? [detail] : [];
  if (Array.isArray(detail)) return detail.flatMap(idsIn);
  if (detail && typeof detail === "object") return Object.values(detail).flatMap(idsIn);
  return [];
}

/** One readable line for an entry's detail ("" when there is nothing to say). */
export function describeDetail(detail: unknown, entity: string, names: Map<string, string>, timeZone: string): string {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return "";
  const show = (key: string, v: unknown) => valueText(key, v, entity, names, timeZone);
  const label = (key: string) => labelOf(key, entity);
  const { before, after, ...rest } = detail as Detail & { before?: unknown; after?: unknown };
  const parts: string[] = [];
  if (isObject(before) && isObject(after)) {
    // only what changed: a record's full facts before and after name every field
    for (const [k] of ordered(after, entity)) if (!same(before[k], after[k])) parts.push(zhAudit.changed(label(k), show(k, before[k]), show(k, after[k])));
  } else if (Array.isArray(after)) {
    // a list replaced whole (a 回款 plan's instalments): the new list, then the old one if any
    parts.push(show("after", after));
    if (Array.isArray(before) && before.length) parts.push(zhAudit.item(zhAudit.beforeLabel, show("before", before)));
  } else {
    for (const [k, v] of ordered(isObject(after) ? after : {}, entity)) if (v !== null && v !== undefined && v !== "") parts.push(zhAudit.item(label(k), show(k, v)));
    if (isObject(before)) parts.push(zhAudit.item(zhAudit.beforeLabel, ordered(before, entity).map(([k, v]) => zhAudit.item(label(k), show(k, v))).join("，")));
  }
  for (const [k, v] of ordered(rest, entity)) if (v !== null && v !== undefined && v !== "") parts.push(zhAudit.item(label(k), show(k, v)));
  const line = parts.join("；");
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

const isObject = (v: unknown): v is Detail => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys in the cards' order (jsonb keeps its own), unknown keys last. */
const FIELD_ORDER = Object.keys(zhAudit.fields);
/** A money record's own order first (an invoice: contract, 抬头, 税号, type, amount…). */
const rank = (k: string, entity: string) => {
  const own = zhAudit.entityOrder[entity]?.indexOf(k) ?? -1;
  if (own >= 0) return own - 1000;
  return FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length;
};
const ordered = (d: Detail, entity = ""): Array<[string, unknown]> => Object.entries(d).sort(([a], [b]) => rank(a, entity) - rank(b, entity));

function labelOf(key: string, entity: string): string {
  if (key === "name") return zhAudit.nameLabel[entity] ?? zhAudit.fields["name"]!;
  return zhAudit.entityFields[entity]?.[key] ?? zhAudit.fields[key] ?? key;
}

function valueText(key: string, v: unknown, entity: string, names: Map<string, string>, timeZone: string): string {
  if (v === null || v === undefined || v === "") return zhAudit.none;
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(key, x, entity, names, timeZone)).join("、") : zhAudit.none;
  if (isObject(v)) return ordered(v, entity).map(([k, x]) => zhAudit.item(zhAudit.entityFields[entity]?.[k] ?? zhAudit.fields[k] ?? k, valueText(k, x, entity, names, timeZone))).join("，");
  if (typeof v === "boolean") return v ? zhAudit.yes : zhAudit.no;
  const s = String(v);
  if (UUID.test(s)) return names.get(s) ?? zhAudit.unknownRecord;
  const money = moneyValueText(entity, key, v);
  if (money !== null) return money;
  if (key === "amount" || key === "budget" || key === "value") return Number.isFinite(Number(s)) ? formatAmountYuan(Number(s)) : s;
  if (key === "discount") return Number.isFinite(Number(s)) ? formatDiscountShare(Number(s)) : s;
  if (key === "forecastCategory") return zhAudit.forecastCategories[s] ?? s;
  if (key === "status") return zh.leadStatus[s] ?? zhAudit.statuses[s] ?? s;
  if (DATE_KEYS.has(key)) return s.slice(0, 10);
  if (ISO_TIME.test(s)) return formatWhen(new Date(s), timeZone);
  return s;
}
