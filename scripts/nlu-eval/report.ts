// The evaluation report as plain text: headline rates, per-action table, slots, and every
// message the engine did not get exactly right.
import { pct, type LineResult, type Summary } from "./score.ts";

const j = (x: unknown) => JSON.stringify(x);
const rate = (part: number, whole: number) => `${pct(part, whole)}% (${part}/${whole})`;
/** A share for the table, "-" when there is nothing to divide by. */
const cell = (part: number, whole: number, width: number) => (whole === 0 ? "-" : `${pct(part, whole)}%`).padStart(width);

export function summaryText(engineName: string, corpusPath: string, s: Summary): string {
  const lines = [
    `NLU evaluation — engine ${engineName}, corpus ${corpusPath} (${s.lines} messages)`,
    "",
    `exact match, in-scope messages:   ${rate(s.inScope.exact, s.inScope.lines)}`,
    `right actions, in-scope messages: ${rate(s.inScope.rightActions, s.inScope.lines)}`,
    `out-of-scope messages left alone: ${rate(s.outOfScope.clean, s.outOfScope.lines)}` +
      `  (${s.outOfScope.proposals} proposals, ${s.outOfScope.wrongfulWrites} wrongful writes)`,
    `unexpected writes on in-scope messages: ${s.strayWrites}`,
    `slots: precision ${rate(s.slots.correct, s.slots.proposed)}, recall ${rate(s.slots.correct, s.slots.expected)}`,
    ...(s.engineErrors ? [`engine errors: ${s.engineErrors}`] : []),
    "",
    "per action                  expected  proposed  precision  recall  params right",
    ...s.actions.map((a) =>
      [
        a.action.padEnd(26),
        String(a.expected).padStart(9),
        String(a.proposed).padStart(9),
        cell(a.found, a.proposed, 10),
        cell(a.found, a.expected, 7),
        cell(a.right, a.expected, 13),
      ].join(" "),
    ),
  ];
  return lines.join("\n");
}

export function missText(r: LineResult): string {
  const out = [`#${r.lineNo} ${r.text}`, `  expected: ${j(r.expected)}`, `  got:      ${j(r.got)}`];
  if (r.error) out.push(`  engine error: ${r.error}`);
  for (const p of r.paired) for (const m of p.misses) out.push(`  ${m.action}.${m.key}: want ${j(m.expected)}, got ${j(m.got)} — ${m.why}`);
  if (r.missing.length) out.push(`  missing: ${r.missing.map((e) => e.action).join(", ")}`);
  if (r.extra.length) out.push(`  extra: ${r.extra.map((g) => g.action).join(", ")}`);
  if (r.wrongfulWrites.length) out.push(`  WRONGFUL WRITE: ${r.wrongfulWrites.map((g) => g.action).join(", ")}`);
  return out.join("\n");
}

export function missesText(results: readonly LineResult[]): string {
  const misses = results.filter((r) => !r.exact);
  if (misses.length === 0) return "no misses";
  return [`misses (${misses.length}):`, ...misses.map(missText)].join("\n\n");
}
