// Custom fields declared in the CRM config (settings.customers.customFields): typed values
// on customers and contacts, addressed in chat by their Chinese label (决策角色:决策者).
// Values are stored in the record's customFields JSON under the field's key.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { CrmSettings, CustomFieldSetting } from "../../config/crm/crm-settings.ts";

export type FieldTarget = CustomFieldSetting["appliesTo"];
export type FieldValue = string | number;
export type FieldValues = Record<string, FieldValue>;

export const TEXT_FIELD_MAX = 64;

export function fieldsFor(settings: CrmSettings, appliesTo: FieldTarget): CustomFieldSetting[] {
  return settings.customers.customFields.filter((f) => f.appliesTo === appliesTo);
}

/** The field a user named by its label (or key), or undefined. */
export function findField(settings: CrmSettings, appliesTo: FieldTarget, name: string): CustomFieldSetting | undefined {
  const n = name.toLowerCase();
  return fieldsFor(settings, appliesTo).find((f) => f.label === name || f.key.toLowerCase() === n);
}

export type FieldProblem =
  | { kind: "enum"; options: string[] }
  | { kind: "number" }
  | { kind: "date" }
  | { kind: "text"; max: number };

/** A typed value from what the user wrote; null clears the field. */
export function parseFieldValue(field: CustomFieldSetting, raw: string): { ok: true; value: FieldValue | null } | { ok: false; problem: FieldProblem } {
  const v = raw.trim();
  if (v === "") return { ok: true, value: null };
  switch (field.type) {
    case "enum":
      return field.options.includes(v) ? { ok: true, value: v } : { ok: false, problem: { kind: "enum", options: field.options } };
    case "number": {
      const n = parseNumber(v);
      return n === null ? { ok: false, problem: { kind: "number" } } : { ok: true, value: n };
    }
    case "date": {
      const d = parseCalendarDate(v);
      return d === null ? { ok: false, problem: { kind: "date" } } : { ok: true, value: d };
    }
    case "text":
      return [...v].length <= TEXT_FIELD_MAX ? { ok: true, value: v } : { ok: false, problem: { kind: "text", max: TEXT_FIELD_MAX } };
  }
}

/** 500, -3, 1.5, 50万, 2亿 */
function parseNumber(v: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)(万|亿)?$/.exec(v.replaceAll(",", ""));
  if (!m) return null;
  const n = Number(m[1]) * (m[2] === "万" ? 10_000 : m[2] === "亿" ? 100_000_000 : 1);
  return Number.isFinite(n) ? n : null;
}

/** 2026-12-01, 2026/12/1, 2026年12月1日 → "2026-12-01" (a real calendar day), else null. */
export function parseCalendarDate(v: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return null;
  return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** "YYYY-MM-DD" when year/month/day name a real day, else null. */
export function isoDay(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** The stored values as a plain object (whatever the JSON column holds). */
export function storedValues(json: Prisma.JsonValue): FieldValues {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  const out: FieldValues = {};
  for (const [k, v] of Object.entries(json)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

/** Values after applying changes (null removes), keyed by field key. */
export function applyValues(current: FieldValues, changes: Record<string, FieldValue | null>): FieldValues {
  const next = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** label → value for display, in the configured order. */
export function labelled(settings: CrmSettings, appliesTo: FieldTarget, values: FieldValues): Array<{ label: string; value: FieldValue }> {
  return fieldsFor(settings, appliesTo).flatMap((f) => (values[f.key] === undefined ? [] : [{ label: f.label, value: values[f.key]! }]));
}
