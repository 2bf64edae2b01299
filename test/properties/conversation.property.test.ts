// Property: the conversation flow, end to end through the signed webhook (in-memory
// database, fake WeCom, offline engine), answers every message of any sequence — a corpus
// line that opens a plan, then 修改 with mutated field phrases, 确认, 取消, 好的, numbers,
// presses on the last card (or an older one), new requests and garbage — with at least one
// reply, within a statement cap per message (deterministic) and a wall-clock deadline (a
// hang detector only), leaving every open conversation readable.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { FlowDriver, QUERY_CAP, type Outcome } from "./flow-driver.ts";
import { corpusLines, KEYWORDS, mutatedOf, randomText, runs, seed, soakTimeout, VALUES } from "./messages.ts";

const REP = "rep_a";
let d: FlowDriver;
const lines = corpusLines();
// Lines that open something (in scope); NULs are another slice's storage rule, not the flow's.
const openers = lines.filter((l) => l.expect.length > 0).map((l) => l.text);
const clean = (s: string): string => s.replaceAll("\u0000", "");
const LONG_NAME = "北京市海淀区中关村科技园区超长名称示范用信息技术服务股份有限公司第一分公司";
openers.push(`今天拜访了${LONG_NAME}，聊了报价，预算80万，下周三再约`, `${LONG_NAME}那单搞定了，最后签了52万`);
// Typed commands in the middle of a conversation (their examples, aimed at the fixture's records).
const commands = buildRegistry()
  .list()
  .map((a) => a.example.replace(/#\d+/g, "#1"));

beforeAll(async () => {
  d = await FlowDriver.withFixture(REP, LONG_NAME);
}, 120_000);
afterAll(() => d.dispose());

type Move = { kind: "text"; text: string } | { kind: "press"; button: number; back: number };

const FIELDS = ["金额", "成交金额", "预算", "下次", "阶段", "时间", "预计成交", "内容", "客户", "理由", "折扣", "需求", "决策人", "备注", ""];
const SEPS = ["", " ", ":", "：", "为", "改成", "是", "，"];
const edit = fc
  .tuple(fc.constantFrom("修改", "修改 ", "改成", "更正 ", "修改："), fc.constantFrom(...FIELDS), fc.constantFrom(...SEPS), fc.constantFrom(...VALUES))
  .map(([p, f, s, v]) => `${p}${f}${s}${v}`);
const moves: fc.Arbitrary<Move> = fc.oneof(
  { weight: 4, arbitrary: edit.map((text) => ({ kind: "text" as const, text })) },
  { weight: 1, arbitrary: mutatedOf(openers).map((t) => ({ kind: "text" as const, text: `修改 ${t}` })) },
  { weight: 2, arbitrary: fc.constantFrom("确认", "取消", "好的", "确定", "算了", "ok", "是", "不", "修改").map((text) => ({ kind: "text" as const, text })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }).map((n) => ({ kind: "text" as const, text: String(n) })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("press" as const), button: fc.nat(6), back: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.nat(4)) }) },
  { weight: 2, arbitrary: mutatedOf(openers).map((text) => ({ kind: "text" as const, text })) },
  // New requests built from the words the bot knows and the values people put after them.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), fc.constantFrom(...VALUES), fc.constantFrom("", " 给张总打电话", "京东", " 华为 聊了报价")).map(([k, v, t]) => ({ kind: "text" as const, text: `${k}${v}${t}` })) },
  { weight: 1, arbitrary: fc.constantFrom(...commands).map((text) => ({ kind: "text" as const, text })) },
  { weight: 1, arbitrary: fc.oneof(randomText(12), fc.constantFrom(...KEYWORDS)).map((text) => ({ kind: "text" as const, text })) },
);

async function play(move: Move): Promise<{ label: string; outcome: Outcome } | null> {
  if (move.kind === "text") return { label: move.text, outcome: await d.say(REP, clean(move.text)) };
  const cards = d.cards(REP);
  const card = cards[cards.length - 1 - Math.min(move.back, cards.length - 1)];
  const buttons = card?.button_list ?? [];
  if (!card || buttons.length === 0) return null;
  const b = buttons[move.button % buttons.length]!;
  return { label: `[press ${b.text} on ${card.task_id}]`, outcome: await d.press(REP, card, b.key) };
}

async function holds(opener: string, sequence: Move[]): Promise<void> {
  const trail: string[] = [];
  for (const move of [{ kind: "text", text: "取消" } as Move, { kind: "text", text: opener } as Move, ...sequence]) {
    const played = await play(move);
    if (!played) continue;
    const { label, outcome } = played;
    trail.push(label);
    const where = `after ${JSON.stringify(trail)}`;
    expect(outcome.error, where).toBeNull();
    expect(outcome.status, where).toBe("done");
    expect(outcome.replies, `no reply ${where}; undelivered: ${JSON.stringify(outcome.unsent)}`).toBeGreaterThan(0);
    expect(outcome.queries, `statements ${where}`).toBeLessThanOrEqual(QUERY_CAP);
    expect(await d.conversationsAreReadable(), where).toBeNull();
  }
}

describe("the conversation flow on generated sequences", () => {
  it("every message of an open plan's conversation gets a reply within the statement cap", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedOf(openers), fc.array(moves, { minLength: 1, maxLength: 8 }), holds),
      { numRuns: runs(40), seed: seed(), endOnFailure: process.env["PROPERTY_SHRINK"] !== "1" },
    );
  }, soakTimeout());
});
