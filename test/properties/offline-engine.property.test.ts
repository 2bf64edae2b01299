// Property: the offline engine reads every message — the corpora's lines mutated (inserted,
// deleted, duplicated, swapped, spliced, repeated 50×, with 修改/确认/numbers/times/amounts),
// and random text — without throwing, within a bound (a hang detector, not a speed target),
// proposing only registry actions; and an out-of-scope or injection line stays without
// writes when only its punctuation and spacing change.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { parseWhen } from "../../src/time/when.ts";
import { interpretOffline } from "../../src/nlu/offline/offline-engine.ts";
import { corpusLines, messageOf, randomText, runs, seed, soakTimeout, timed, type CorpusLine } from "./messages.ts";

const registry = buildRegistry();
const lines = corpusLines();
const texts = lines.map((l) => l.text);
const TZ = "Asia/Shanghai";
const BOUND_MS = 2_000;

const contextOf = (line: CorpusLine, recent: string[] = []) => ({ now: new Date(line.now), timeZone: TZ, role: line.user, recentNames: recent });

function holds(text: string, line: CorpusLine, recent: string[] = []): void {
  const { value, ms } = timed(() => interpretOffline(text, contextOf(line, recent)));
  expect(ms, `interpretOffline took ${ms} ms on ${JSON.stringify(text.slice(0, 200))}`).toBeLessThan(BOUND_MS);
  expect(Array.isArray(value)).toBe(true);
  for (const p of value) {
    expect(registry.byName(p.action), `unknown action ${p.action} for ${JSON.stringify(text)}`).toBeDefined();
    expect(p.params).toBeTypeOf("object");
    // Parameters are stored as JSON in the conversation: they must survive it.
    expect(() => JSON.stringify(p.params)).not.toThrow();
  }
}

const lineArb = fc.constantFrom(...lines);
const recentArb = fc.array(fc.constantFrom("张总", "华为", "嘉禾", "C++(科技)", "[华为]", "a.*b", "(", "\\", "$1"), { maxLength: 3 });

/** Changes only punctuation and spacing: an out-of-scope line must stay out of scope. */
const PUNCT = ["", " ", "　", "，", "。", ",", ".", "！", "？", "、", "…", "~", "\n"];
const respaced = (s: string, picks: number[]): string => {
  let k = 0;
  return s.replace(/[\s，。,.！!？?、…~]+/g, () => PUNCT[picks[k++ % picks.length]! % PUNCT.length]!);
};

describe("offline engine on generated text", () => {
  it("mutated, spliced and repeated corpus lines", () => {
    fc.assert(fc.property(messageOf(texts), lineArb, recentArb, holds), { numRuns: runs(2000), seed: seed() });
  }, soakTimeout());

  it("random text of every kind of character", () => {
    fc.assert(fc.property(randomText(80), lineArb, (t, l) => holds(t, l)), { numRuns: runs(2000), seed: seed() });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 1000 }), lineArb, (t, l) => holds(t, l)), { numRuns: runs(500), seed: seed() });
  }, soakTimeout());

  it("at the length limit: the longest messages the engine still reads", () => {
    const long = fc.tuple(lineArb, fc.constantFrom("", "，", "然后", "，另外", "顺便")).map(([l, j]) => {
      let s = l.text;
      while ((s + j + l.text).length <= 1000) s += j + l.text;
      return [s, l] as const;
    });
    fc.assert(fc.property(long, ([s, l]) => holds(s, l)), { numRuns: runs(100), seed: seed() });
  }, soakTimeout());

  it("out-of-scope and injection lines stay without writes when only punctuation and spacing change", () => {
    const outOfScope = lines.filter((l) => l.expect.length === 0 && !hasWrite(interpretOffline(l.text, contextOf(l))));
    expect(outOfScope.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(fc.constantFrom(...outOfScope), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (l, picks) => {
        const t = respaced(l.text, picks);
        expect(hasWrite(interpretOffline(t, contextOf(l))), `wrongful write for ${JSON.stringify(t)}`).toBe(false);
      }),
      { numRuns: runs(2000), seed: seed() },
    );
  }, soakTimeout());
});

describe("times on generated phrases", () => {
  it("every time read can be stored: after now, no later than the year 9999", () => {
    const n = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(9_999, 99_999, 999_999, 99_999_999, 999_999_999, 1e15));
    const phrase = fc.oneof(
      fc.tuple(n, fc.constantFrom("年", "个月", "周", "天", "小时", "分钟")).map(([k, u]) => `${k}${u}后`),
      fc.tuple(n, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}年${m}月${d}日`),
    );
    fc.assert(
      fc.property(phrase, lineArb, (p, l) => {
        const at = parseWhen(p, new Date(l.now), TZ);
        if (at === null) return;
        expect(at.getTime(), p).toBeGreaterThan(new Date(l.now).getTime());
        expect(at.getUTCFullYear(), p).toBeLessThanOrEqual(9999);
      }),
      { numRuns: runs(2000), seed: seed() },
    );
  }, soakTimeout());
});

function hasWrite(proposals: ReadonlyArray<{ action: string }>): boolean {
  return proposals.some((p) => registry.byName(p.action)?.effect === "write");
}
