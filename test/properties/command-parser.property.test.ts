// Property: the command grammar answers every text — real commands from the registry's usage
// and examples (and the help answer) mutated, glued, repeated, or random characters of every
// kind — with one of its documented results, without throwing, and quickly (a bound that
// catches a hang or runaway backtracking, not a speed target).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { parseCommand, type ParseResult } from "../../src/bot/command-parser.ts";
import { messageOf, randomText, runs, seed, soakTimeout, timed } from "./messages.ts";

const registry = buildRegistry();
const defs = registry.list();
const commands = defs.flatMap((d) => [d.example, d.usage, d.command, ...d.aliases, ...(d.gluedPrefixes ?? []).map((p) => `${p}${d.example.split(/\s+/).slice(1).join("")}`)]);
const BOUND_MS = 2_000;

function assertDocumented(r: ParseResult): void {
  switch (r.kind) {
    case "empty":
      return;
    case "unknown":
      expect(typeof r.word).toBe("string");
      expect(r.word.length).toBeGreaterThan(0);
      return;
    case "invalid":
      expect(defs).toContain(r.action);
      expect(typeof r.message).toBe("string");
      expect(r.message.length).toBeGreaterThan(0);
      return;
    case "call":
      expect(defs).toContain(r.action);
      expect(r.params).toBeTypeOf("object");
      return;
    default:
      throw new Error(`undocumented result ${JSON.stringify(r)}`);
  }
}

const holds = (text: string): void => {
  const { value, ms } = timed(() => parseCommand(registry, text));
  assertDocumented(value);
  expect(ms, `parseCommand took ${ms} ms on ${JSON.stringify(text.slice(0, 200))}`).toBeLessThan(BOUND_MS);
};

describe("command grammar on generated text", () => {
  it("every example and usage line parses to a documented result", () => {
    for (const c of commands) holds(c);
    for (const d of defs) expect(parseCommand(registry, d.example).kind, d.example).not.toBe("unknown");
  }, soakTimeout());

  it("mutated real commands: a documented result within the bound, never a throw", () => {
    fc.assert(fc.property(messageOf(commands), holds), { numRuns: runs(3000), seed: seed() });
  }, soakTimeout());

  it("random text of every kind of character", () => {
    fc.assert(fc.property(randomText(60), holds), { numRuns: runs(2000), seed: seed() });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), holds), { numRuns: runs(1000), seed: seed() });
  }, soakTimeout());

  it("very long messages: a command with thousands of arguments or one endless word", () => {
    const long = fc.tuple(fc.constantFrom(...commands), fc.integer({ min: 100, max: 20_000 }), fc.constantFrom(" a", "：", "微信:x ", "备注:很长 ", "华", " ", "#1 ")).map(([c, n, s]) => c + s.repeat(n));
    fc.assert(fc.property(long, holds), { numRuns: runs(200), seed: seed() });
  }, soakTimeout());
});
