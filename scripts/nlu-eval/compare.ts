// How one labelled parameter is compared with what an engine proposed: both go through the
// action's own zod field schema first (what the action would really receive), then through
// the field's kind — a time is an instant, an amount is yuan, a free text only has to
// contain the labelled key words, anything else is equal text.
import { z } from "zod";
import type { ActionDef } from "../../src/actions/action.ts";
import { parseAmountYuan } from "../../src/crm/money/amount.ts";
import { parseLeadingWhen, parseWhen } from "../../src/time/when.ts";

export interface SlotContext {
  now: Date;
  timeZone: string;
}

/** Fields holding a time: labelled as ISO local times with offset, compared as instants. */
export const TIME_FIELDS = new Set(["next", "expectedCloseDate", "when"]);
/** Fields holding an amount: "50万", "500000" and 500000 are the same. */
const AMOUNT_FIELDS = new Set(["budget", "amount"]);
/** Free texts: the label holds key words the proposal must contain (after normalising). */
const FREE_TEXT_FIELDS = new Set(["content", "note", "reason", "needsAnalysis", "comment"]);
/** Fields that are "<time> <content>": the leading time is compared as an instant, the rest as a free text. */
const TIME_THEN_TEXT: Record<string, string> = { "reminder.create": "text" };

export const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}/;

/** Case, width, spaces and punctuation do not matter: "Huawei，" equals "huawei". */
export function normText(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");
}

/** The zod schema of one field of an action, when its parameters are a plain object. */
export function fieldSchema(def: ActionDef, key: string): z.ZodType | undefined {
  const params = def.params;
  if (!(params instanceof z.ZodObject)) return undefined;
  const shape: Record<string, z.ZodType> = params.shape;
  return Object.hasOwn(shape, key) ? shape[key] : undefined;
}

export const isTimeThenText = (action: string, key: string) => TIME_THEN_TEXT[action] === key;

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

/** The value the action would receive: its field schema applied; a number where a string is
 * wanted is read as its decimal digits (JSON engines write 500000 for "500000"). */
export function parseField(def: ActionDef, key: string, raw: unknown): Parsed {
  const schema = fieldSchema(def, key);
  if (!schema) return { ok: false, problem: "no such parameter" };
  let r = schema.safeParse(raw);
  if (!r.success && typeof raw === "number") r = schema.safeParse(String(raw));
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problem: r.error.issues.map((i) => i.message).join("; ") };
}

type Slot = { kind: "instant"; ms: number } | { kind: "text"; text: string } | { kind: "timed"; ms: number; text: string } | { kind: "value"; json: string };

/** A parsed value in the form it is compared in, or why it cannot be one. */
function slotOf(action: string, key: string, value: unknown, ctx: SlotContext): Slot | string {
  if (typeof value === "string") {
    if (isTimeThenText(action, key)) {
      const lead = parseLeadingWhen(value, ctx.now, ctx.timeZone);
      return lead ? { kind: "timed", ms: lead.at.getTime(), text: normText(lead.rest) } : `"${value}" does not start with a time`;
    }
    if (TIME_FIELDS.has(key)) {
      const at = parseWhen(value, ctx.now, ctx.timeZone);
      return at ? { kind: "instant", ms: at.getTime() } : `"${value}" is not a future time`;
    }
    if (AMOUNT_FIELDS.has(key)) {
      const yuan = parseAmountYuan(value);
      return yuan === null ? `"${value}" is not an amount` : { kind: "value", json: String(yuan) };
    }
    return { kind: "text", text: normText(value) };
  }
  return { kind: "value", json: JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" ? normText(v) : v)) };
}

export type SlotVerdict = { ok: true } | { ok: false; why: string };

/** Whether the proposed value of `key` is the labelled one. */
export function compareSlot(def: ActionDef, key: string, expected: unknown, proposed: unknown, ctx: SlotContext): SlotVerdict {
  if (proposed === undefined) return { ok: false, why: "missing" };
  const e = parseField(def, key, expected);
  if (!e.ok) return { ok: false, why: `label invalid: ${e.problem}` };
  const p = parseField(def, key, proposed);
  if (!p.ok) return { ok: false, why: `rejected by the action: ${p.problem}` };
  const want = slotOf(def.name, key, e.value, ctx);
  const got = slotOf(def.name, key, p.value, ctx);
  if (typeof want === "string") return { ok: false, why: `label invalid: ${want}` };
  if (typeof got === "string") return { ok: false, why: got };
  return sameSlot(want, got, FREE_TEXT_FIELDS.has(key)) ? { ok: true } : { ok: false, why: "different" };
}

function sameSlot(want: Slot, got: Slot, freeText: boolean): boolean {
  switch (want.kind) {
    case "instant":
      return got.kind === "instant" && got.ms === want.ms;
    case "timed":
      return got.kind === "timed" && got.ms === want.ms && got.text.includes(want.text);
    case "text":
      return got.kind === "text" && (freeText ? got.text.includes(want.text) : got.text === want.text);
    case "value":
      return got.kind === "value" && got.json === want.json;
  }
}

/** Problems of one labelled action: unknown fields, values its schema refuses, times not
 * written as ISO local times (the corpus's one representation) or not after `now`. */
export function labelProblems(def: ActionDef, params: Record<string, unknown>, ctx: SlotContext): string[] {
  if (!(def.params instanceof z.ZodObject)) {
    const r = def.params.safeParse(params);
    return r.success ? [] : [`${def.name}: ${r.error.issues.map((i) => i.message).join("; ")}`];
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const parsed = parseField(def, key, value);
    if (!parsed.ok) {
      problems.push(`${def.name}.${key}: ${parsed.problem}`);
      continue;
    }
    const timed = isTimeThenText(def.name, key) || TIME_FIELDS.has(key);
    if (timed && !(typeof value === "string" && ISO_LOCAL.test(value))) problems.push(`${def.name}.${key}: times are labelled as ISO local times with offset, got "${String(value)}"`);
    const slot = slotOf(def.name, key, parsed.value, ctx);
    if (typeof slot === "string") problems.push(`${def.name}.${key}: ${slot}`);
  }
  return problems;
}
