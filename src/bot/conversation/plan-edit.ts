// Changing a plan from a reply. A correction names a field in the rep's words (its label,
// the grammar's `key:value` word, a synonym: 金额/成交金额/预算/下次/时间/阶段/内容…), or
// names the old value (不是52万是53万), or gives a bare value whose kind fits one field of
// the plan only (a time, an amount, a stage, a discount). Values are read as the commands
// read them (times by parseWhen, amounts as 53万). What none of that settles falls back to
// what the engine read in the correction. A missing field's answer: "金额50万" or "50万".
import type { ActionDef } from "../../actions/action.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import { parseWhen } from "../../time/when.ts";
import type { ProposedAction } from "../../nlu/engine.ts";
import { amountParam, amountYuan, discountParam } from "../../nlu/offline/numbers.ts";
import { isoLocal } from "../../nlu/offline/times.ts";
import { readCorrection } from "./correction.ts";
import { FIELD_WORDS, KIND_WORDS, kindOfField, type FieldKind } from "./edit-words.ts";
import { paramLabel, shownValue } from "./plan-render.ts";
import type { Step } from "./plan.ts";

const SEPARATOR = /^[\s:：是为成到,，]+/;

/** The words that name a field: its label and the grammar's `key:value` words. */
function fieldWords(def: ActionDef, field: string): string[] {
  const named = Object.entries(def.named ?? {}).filter(([, f]) => f === field).map(([w]) => w);
  return [paramLabel(def, field), def.labels[field] ?? "", ...named, ...(FIELD_WORDS[field] ?? [])].filter((w) => w !== "").sort((a, b) => b.length - a.length);
}

/** What the answer gives for `field`: the engine's reading of it, else the text without its label. */
export function fieldValue(def: ActionDef, field: string, input: string, proposals: readonly ProposedAction[]): unknown {
  const read = proposals.find((p) => p.action === def.name && p.params[field] !== undefined);
  if (read) return read.params[field];
  const answer = input.trim();
  const word = fieldWords(def, field).find((w) => answer.startsWith(w));
  return word ? answer.slice(word.length).replace(SEPARATOR, "").trim() : answer;
}

export interface EditContext {
  registry: ActionRegistry;
  stages: readonly string[];
  now: Date;
  timeZone: string;
}

export type EditResult =
  | { kind: "edited"; steps: Step[] }
  | { kind: "which"; labels: string[] }
  | { kind: "bad"; label: string; value: string }
  | { kind: "unclear" };

/** A field of a step the correction may mean. */
interface Slot {
  step: number;
  field: string;
  def: ActionDef;
  kinds: FieldKind[];
  words: string[];
  present: boolean;
}

const LEADING_ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2}))\s+(.*)$/su;

const hasValue = (v: unknown): boolean => v !== undefined && v !== null && v !== "";

function slotsOf(registry: ActionRegistry, steps: readonly Step[]): Slot[] {
  const out: Slot[] = [];
  steps.forEach((step, i) => {
    const def = registry.byName(step.action);
    if (!def) return;
    const shape = (def.params as { shape?: Record<string, unknown> }).shape ?? {};
    const fields = [...new Set([...Object.keys(step.params), ...Object.keys(shape)])];
    for (const field of fields) {
      const value = step.params[field];
      const kind = kindOfField(field, def.refs?.[field] !== undefined);
      // A time and what to do in one text (提醒's): both a time and a text field.
      const kinds: FieldKind[] = typeof value === "string" && LEADING_ISO.test(value) ? ["time", kind] : [kind];
      out.push({ step: i, field, def, kinds, words: fieldWords(def, field), present: hasValue(value) });
    }
  });
  return out;
}

/** The slots a name means, best first: its own words, then the words of its kind. */
function slotsNamed(slots: readonly Slot[], name: string): Slot[] {
  const score = (s: Slot): number => {
    const own = Math.max(0, ...s.words.filter((w) => name.includes(w)).map((w) => w.length * 2 + (w === name ? 1 : 0)));
    const kind = Math.max(0, ...s.kinds.flatMap((k) => KIND_WORDS[k]).filter((w) => name.includes(w)).map((w) => w.length * 2 - 1));
    return Math.max(own, kind);
  };
  const scored = slots.map((s) => ({ s, n: score(s) })).filter((x) => x.n > 0);
  const best = Math.max(0, ...scored.map((x) => x.n));
  return scored.filter((x) => x.n === best).map((x) => x.s);
}

/** One slot among several: the one with a value on the card, if it is alone. */
function pick(slots: readonly Slot[]): Slot | Slot[] | null {
  if (slots.length <= 1) return slots[0] ?? null;
  const present = slots.filter((s) => s.present);
  if (present.length === 1) return present[0]!;
  return present.length > 1 ? present : [...slots];
}

/** What kind of value a bare correction is. */
function kindOfValue(value: string, o: EditContext): FieldKind | null {
  if (discountParam(value)) return "discount";
  if (parseWhen(value, o.now, o.timeZone)) return "time";
  if (amountYuan(value) !== null) return "money";
  if (o.stages.includes(value)) return "stage";
  return null;
}

/** The value as the field stores it; null when it is no value of that kind. */
function storedValue(slot: Slot, current: unknown, value: string, o: EditContext): string | null {
  const compound = typeof current === "string" ? LEADING_ISO.exec(current) : null;
  if (slot.kinds.includes("time") && (compound || slot.kinds[0] === "time") && kindOfValue(value, o) === "time") {
    const iso = isoLocal(parseWhen(value, o.now, o.timeZone)!, o.timeZone);
    return compound ? `${iso} ${compound[2]}` : iso;
  }
  if (compound) return `${compound[1]} ${value}`;
  if (slot.kinds[0] === "time") return null;
  if (slot.kinds[0] === "money") {
    const yuan = amountYuan(value);
    return yuan === null ? null : amountParam(yuan);
  }
  if (slot.kinds[0] === "discount") return discountParam(value) ?? value;
  return value;
}

/** The slots whose value on the card is `old`. */
function slotsHolding(slots: readonly Slot[], steps: readonly Step[], old: string, timeZone: string): Slot[] {
  const oldYuan = amountYuan(old);
  return slots.filter((s) => {
    if (!s.present) return false;
    const value = steps[s.step]!.params[s.field];
    if (oldYuan !== null && typeof value === "string" && amountYuan(value) === oldYuan) return true;
    const shown = steps[s.step]!.settled[s.field] ?? shownValue(value, timeZone);
    return shown.includes(old);
  });
}

/** Which slot a correction means and the value it says, or why not. */
function target(slots: readonly Slot[], steps: readonly Step[], rest: string, o: EditContext): { slot: Slot | Slot[] | null; value: string } {
  const c = readCorrection(rest);
  // The old value, when said, tells which field the name means (金额不是65万 on a card showing 预算：65万).
  const holding = c.old ? slotsHolding(slots, steps, c.old, o.timeZone) : [];
  if (c.left) {
    const named = slotsNamed(slots, c.left);
    const both = named.filter((s) => holding.includes(s));
    const chosen = both.length ? both : holding.length ? holding : named.length ? named : slotsHolding(slots, steps, c.left, o.timeZone);
    return { slot: pick(chosen), value: c.value };
  }
  if (holding.length) return { slot: pick(holding), value: c.value };
  // 成交金额53万: the longest field word the text starts with (a record's name needs a separator).
  const glued = slots
    .flatMap((s) => [...s.words, ...s.kinds.filter((k) => k !== "record").flatMap((k) => KIND_WORDS[k])].map((w) => ({ s, w })))
    .filter(({ w }) => c.value.startsWith(w) && c.value.length > w.length)
    .sort((a, b) => b.w.length - a.w.length);
  if (glued.length) {
    const word = glued[0]!.w;
    return { slot: pick(slotsNamed(slots, word)), value: c.value.slice(word.length).replace(SEPARATOR, "").trim() };
  }
  const kind = kindOfValue(c.value, o);
  if (!kind) return { slot: null, value: c.value };
  const ofKind = slots.filter((s) => s.kinds.includes(kind));
  return { slot: pick(ofKind), value: c.value };
}

function overlay(step: Step, params: Record<string, unknown>): Step {
  const next = { ...step.params };
  const settled = { ...step.settled };
  for (const [k, v] of Object.entries(params)) {
    if (!hasValue(v)) continue;
    if (settled[k] && next[k] !== v) delete settled[k];
    next[k] = v;
  }
  return { ...step, params: next, settled };
}

/** The engine's reading of the correction: each proposal changes the step of the same action,
 * else a step that has the same fields; a proposal nothing fits becomes a new step. */
function fromProposals(registry: ActionRegistry, steps: readonly Step[], proposals: readonly ProposedAction[]): Step[] | null {
  if (proposals.length === 0) return null;
  const out = [...steps];
  for (const p of proposals) {
    // A correction without a record name keeps the one already settled.
    const refs = Object.keys(registry.byName(p.action)?.refs ?? {});
    const params = Object.fromEntries(Object.entries(p.params).filter(([k, v]) => !(refs.includes(k) && !hasValue(v))));
    const same = out.findIndex((s) => s.action === p.action);
    if (same >= 0) {
      out[same] = overlay(out[same]!, params);
      continue;
    }
    const values = Object.fromEntries(Object.entries(params).filter(([k]) => !refs.includes(k)));
    const alike = out.findIndex((s) => Object.keys(values).length > 0 && Object.keys(values).every((k) => k in s.params));
    if (alike >= 0) out[alike] = overlay(out[alike]!, values);
    else out.push({ action: p.action, params, settled: {} });
  }
  return out;
}

/** The plan after a correction. */
export function editSteps(o: EditContext, steps: readonly Step[], rest: string, proposals: readonly ProposedAction[]): EditResult {
  if (!rest) return { kind: "unclear" };
  const slots = slotsOf(o.registry, steps);
  const { slot, value } = target(slots, steps, rest, o);
  if (Array.isArray(slot)) return { kind: "which", labels: [...new Set(slot.map((s) => paramLabel(s.def, s.field)))] };
  if (slot && value) {
    const stored = storedValue(slot, steps[slot.step]!.params[slot.field], value, o);
    if (stored === null) return { kind: "bad", label: paramLabel(slot.def, slot.field), value };
    return { kind: "edited", steps: steps.map((s, i) => (i === slot.step ? overlay(s, { [slot.field]: stored }) : s)) };
  }
  const read = fromProposals(o.registry, steps, proposals);
  return read ? { kind: "edited", steps: read } : { kind: "unclear" };
}
