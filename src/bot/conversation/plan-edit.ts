// Changing a plan from a reply: "修改 预算60万" sets a field by the name the command grammar
// uses for it; otherwise what the engine read in the correction overrides the same action's
// params (a changed record name is settled again). A missing field's answer: "金额50万" or
// just "50万".
import type { ActionDef } from "../../actions/action.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import type { ProposedAction } from "../../nlu/engine.ts";
import { paramLabel } from "./plan-render.ts";
import type { Step } from "./plan.ts";

const SEPARATOR = /^[\s:：是为成到,，]+/;

/** The words that name a field: its label and the grammar's `key:value` words. */
function fieldWords(def: ActionDef, field: string): string[] {
  const named = Object.entries(def.named ?? {}).filter(([, f]) => f === field).map(([w]) => w);
  return [paramLabel(def, field), ...named].sort((a, b) => b.length - a.length);
}

/** What the answer gives for `field`: the engine's reading of it, else the text without its label. */
export function fieldValue(def: ActionDef, field: string, input: string, proposals: readonly ProposedAction[]): unknown {
  const read = proposals.find((p) => p.action === def.name && p.params[field] !== undefined);
  if (read) return read.params[field];
  const answer = input.trim();
  const word = fieldWords(def, field).find((w) => answer.startsWith(w));
  return word ? answer.slice(word.length).replace(SEPARATOR, "").trim() : answer;
}

/** 预算60万 → { step, field: "budget", value: "60万" } for the first step whose grammar knows 预算. */
function namedEdit(registry: ActionRegistry, steps: readonly Step[], rest: string): { step: number; field: string; value: string } | null {
  for (let i = 0; i < steps.length; i++) {
    const def = registry.byName(steps[i]!.action);
    if (!def) continue;
    const words = Object.entries(def.named ?? {}).sort(([a], [b]) => b.length - a.length);
    for (const [word, field] of words) {
      if (!rest.startsWith(word)) continue;
      const value = rest.slice(word.length).replace(SEPARATOR, "").trim();
      if (value) return { step: i, field, value };
    }
  }
  return null;
}

function overlay(step: Step, params: Record<string, unknown>): Step {
  const next = { ...step.params };
  const settled = { ...step.settled };
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (settled[k] && next[k] !== v) delete settled[k];
    next[k] = v;
  }
  return { ...step, params: next, settled };
}

/** The plan after a correction; null when nothing in it could be applied. */
export function editSteps(registry: ActionRegistry, steps: readonly Step[], rest: string, proposals: readonly ProposedAction[]): Step[] | null {
  if (!rest) return null;
  const named = namedEdit(registry, steps, rest);
  if (named) return steps.map((s, i) => (i === named.step ? overlay(s, { [named.field]: named.value }) : s));
  if (proposals.length === 0) return null;
  const out = [...steps];
  for (const p of proposals) {
    const at = out.findIndex((s) => s.action === p.action);
    // A correction without a record name keeps the one already settled.
    const refs = Object.keys(registry.byName(p.action)?.refs ?? {});
    const params = Object.fromEntries(Object.entries(p.params).filter(([k, v]) => !(refs.includes(k) && (v === undefined || v === null))));
    if (at >= 0) out[at] = overlay(out[at]!, params);
    else out.push({ action: p.action, params, settled: {} });
  }
  return out;
}
