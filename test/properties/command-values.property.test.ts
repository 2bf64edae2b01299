// Property: every typed command, run through the signed webhook with one of its example's
// arguments (each with even odds) replaced by a generated value (extreme times, amounts, codes, long names,
// punctuation), gets an answer — never a failure that leaves the sender hearing nothing —
// within the statement cap. Each run sends every action's example once.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { tokenize } from "../../src/bot/command-parser.ts";
import { FlowDriver, QUERY_CAP } from "./flow-driver.ts";
import { randomText, runs, seed, soakTimeout, VALUES } from "./messages.ts";

const REP = "rep_v";
let d: FlowDriver;
beforeAll(async () => {
  d = await FlowDriver.withFixture(REP, "深圳市南山区前海深港合作区超长名称示范用网络科技股份有限公司");
}, 120_000);
afterAll(() => d.dispose());

const examples = buildRegistry()
  .list()
  .map((a) => tokenize(a.example));

const UNITS = ["年", "个月", "周", "天"];
const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.constantFrom(...VALUES),
  // Times from near to absurdly far: 3天后 … 999999999年后.
  // (constants, not fc.integer, whose bias towards small numbers hides the far end).
  ...Array(4).fill(fc.tuple(fc.constantFrom(1, 30, 99_999, 999_999_999), fc.constantFrom(...UNITS)).map(([n, u]) => `${n}${u}后`)),
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, day]) => `${y}年${m}月${day}日`),
  fc.integer({ min: 0, max: 99_999_999_999 }).map((n) => `${n}万`),
  fc.integer({ min: 0, max: 99_999_999_999 }).map((n) => `#${n}`),
  fc.constantFrom("华".repeat(200), "a".repeat(65), "…", "0.001", "-1"),
  randomText(4).filter((s) => s.trim().length > 0 && !s.includes("\u0000")),
);

describe("typed commands with generated argument values", () => {
  it("every command answers, within the statement cap", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.option(value), { minLength: 8, maxLength: 8 }), { minLength: examples.length, maxLength: examples.length }), async (picks) => {
        for (const [i, tokens] of examples.entries()) {
          const text = tokens.map((t, j) => (j === 0 ? t : (picks[i]![j % 8] ?? t))).join(" ");
          const o = await d.say(REP, text);
          expect(o.error, text).toBeNull();
          expect(o.status, text).toBe("done");
          expect(o.replies, `no reply to ${text}`).toBeGreaterThan(0);
          expect(o.queries, text).toBeLessThanOrEqual(QUERY_CAP);
        }
      }),
      { numRuns: runs(6), seed: seed(), endOnFailure: process.env["PROPERTY_SHRINK"] !== "1" },
    );
  }, soakTimeout());
});
