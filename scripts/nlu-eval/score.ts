// Scoring an engine's proposals against the labels: each expected action is paired with a
// proposal of the same action (the one with most right parameters), then counted per
// message, per action and per parameter (definitions in test/nlu/README.md).
import type { ActionRegistry } from "../../src/actions/registry.ts";
import type { ProposedAction } from "../../src/nlu/engine.ts";
import { compareSlot, type SlotContext } from "./compare.ts";
import type { ExpectedAction, NumberedLine } from "./corpus.ts";

export interface SlotMiss {
  action: string;
  key: string;
  expected: unknown;
  got: unknown;
  why: string;
}

export interface LineResult {
  lineNo: number;
  text: string;
  inScope: boolean;
  expected: ExpectedAction[];
  got: ProposedAction[];
  /** The engine threw or answered something that is not a list of proposals. */
  error?: string;
  paired: Array<{ expected: ExpectedAction; got: ProposedAction; misses: SlotMiss[] }>;
  missing: ExpectedAction[];
  extra: ProposedAction[];
  slots: { expected: number; proposed: number; correct: number };
  exact: boolean;
  /** Proposals that would change data although nothing should: writes on an out-of-scope
   * line, or unexpected writes on an in-scope one. */
  wrongfulWrites: ProposedAction[];
}

const filled = (params: Record<string, unknown>) => Object.values(params).filter((v) => v !== undefined).length;

function slotMisses(registry: ActionRegistry, e: ExpectedAction, g: ProposedAction, ctx: SlotContext): SlotMiss[] {
  const def = registry.byName(e.action);
  if (!def) return [{ action: e.action, key: "*", expected: e.params, got: g.params, why: "unknown action" }];
  return Object.entries(e.params).flatMap(([key, expected]) => {
    const verdict = compareSlot(def, key, expected, g.params[key], ctx);
    return verdict.ok ? [] : [{ action: e.action, key, expected, got: g.params[key], why: verdict.why }];
  });
}

export function scoreLine(registry: ActionRegistry, n: NumberedLine, got: ProposedAction[], timeZone: string, error?: string): LineResult {
  const ctx: SlotContext = { now: new Date(n.line.now), timeZone };
  const left = [...got];
  const paired: LineResult["paired"] = [];
  const missing: ExpectedAction[] = [];
  for (const e of n.line.expect) {
    let best: { index: number; misses: SlotMiss[] } | undefined;
    left.forEach((g, index) => {
      if (g.action !== e.action) return;
      const misses = slotMisses(registry, e, g, ctx);
      if (!best || misses.length < best.misses.length) best = { index, misses };
    });
    if (!best) missing.push(e);
    else paired.push({ expected: e, got: left.splice(best.index, 1)[0]!, misses: best.misses });
  }
  const labelled = (e: ExpectedAction) => Object.keys(e.params).length;
  const slots = {
    expected: n.line.expect.reduce((sum, e) => sum + labelled(e), 0),
    proposed:
      paired.reduce((sum, p) => sum + Object.keys(p.expected.params).filter((k) => p.got.params[k] !== undefined).length, 0) +
      left.reduce((sum, g) => sum + filled(g.params), 0),
    correct: paired.reduce((sum, p) => sum + labelled(p.expected) - p.misses.length, 0),
  };
  const isWrite = (g: ProposedAction) => registry.byName(g.action)?.effect === "write";
  return {
    lineNo: n.lineNo,
    text: n.line.text,
    inScope: n.line.expect.length > 0,
    expected: n.line.expect,
    got,
    ...(error === undefined ? {} : { error }),
    paired,
    missing,
    extra: left,
    slots,
    exact: error === undefined && missing.length === 0 && left.length === 0 && paired.every((p) => p.misses.length === 0),
    wrongfulWrites: left.filter(isWrite),
  };
}

export interface ActionStats {
  action: string;
  expected: number;
  proposed: number;
  /** Expected and proposed (action name right). */
  found: number;
  /** Found with every labelled parameter right. */
  right: number;
}

export interface Summary {
  lines: number;
  /** rightActions: the proposed action names are exactly the expected ones (fields aside). */
  inScope: { lines: number; exact: number; rightActions: number };
  outOfScope: { lines: number; clean: number; proposals: number; wrongfulWrites: number };
  /** Unexpected writes on in-scope lines. */
  strayWrites: number;
  engineErrors: number;
  slots: { expected: number; proposed: number; correct: number };
  actions: ActionStats[];
}

export function summarise(results: readonly LineResult[]): Summary {
  const stats = new Map<string, ActionStats>();
  const stat = (action: string) => {
    let s = stats.get(action);
    if (!s) stats.set(action, (s = { action, expected: 0, proposed: 0, found: 0, right: 0 }));
    return s;
  };
  const slots = { expected: 0, proposed: 0, correct: 0 };
  for (const r of results) {
    for (const e of r.expected) stat(e.action).expected++;
    for (const g of r.got) stat(g.action).proposed++;
    for (const p of r.paired) {
      stat(p.expected.action).found++;
      if (p.misses.length === 0) stat(p.expected.action).right++;
    }
    slots.expected += r.slots.expected;
    slots.proposed += r.slots.proposed;
    slots.correct += r.slots.correct;
  }
  const inScope = results.filter((r) => r.inScope);
  const outOfScope = results.filter((r) => !r.inScope);
  return {
    lines: results.length,
    inScope: { lines: inScope.length, exact: inScope.filter((r) => r.exact).length, rightActions: inScope.filter((r) => r.missing.length === 0 && r.extra.length === 0).length },
    outOfScope: {
      lines: outOfScope.length,
      clean: outOfScope.filter((r) => r.exact).length,
      proposals: outOfScope.reduce((sum, r) => sum + r.got.length, 0),
      wrongfulWrites: outOfScope.reduce((sum, r) => sum + r.wrongfulWrites.length, 0),
    },
    strayWrites: inScope.reduce((sum, r) => sum + r.wrongfulWrites.length, 0),
    engineErrors: results.filter((r) => r.error !== undefined).length,
    slots,
    actions: [...stats.values()].sort((a, b) => b.expected - a.expected || b.proposed - a.proposed || a.action.localeCompare(b.action)),
  };
}

/** Share in percent, one decimal; 100 when there is nothing to count. */
export const pct = (part: number, whole: number): number => (whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10);
