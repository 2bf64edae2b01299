// Generated chat messages for the property tests: the NLU corpora's lines (real phrasing),
// mutated the ways people and clients mangle text, plus plain random strings of every kind
// of character a WeCom message can hold (CJK, full-width, emoji, NUL, very long).
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";

export interface CorpusLine {
  text: string;
  now: string;
  user: "rep" | "manager" | "admin";
  expect: Array<{ action: string; params: Record<string, unknown> }>;
}

const NLU_DIR = path.join(import.meta.dirname, "..", "nlu");

export function corpusLines(): CorpusLine[] {
  return ["corpus.jsonl", "heldout.jsonl", "heldout2.jsonl"].flatMap((f) =>
    readFileSync(path.join(NLU_DIR, f), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as CorpusLine),
  );
}

/** How many runs a property gets: `PROPERTY_RUNS=5000 npx vitest run test/properties` soaks. */
export function runs(normal: number): number {
  const env = Number(process.env["PROPERTY_RUNS"]);
  return Number.isFinite(env) && env > 0 ? env : normal;
}

/** A soak (PROPERTY_RUNS) may take an hour; a normal run keeps the suite's timeout. */
export const soakTimeout = (): number | undefined => (process.env["PROPERTY_RUNS"] ? 3_600_000 : undefined);

/** A fixed seed unless PROPERTY_SEED is given: CI is reproducible, a soak can explore. */
export function seed(): number | undefined {
  const env = process.env["PROPERTY_SEED"];
  if (env === "random") return undefined;
  return env ? Number(env) : 20261202;
}

/** Words the bot gives meaning to, and the values people put after them. */
export const KEYWORDS = [
  "修改", "改成", "改为", "更正", "edit", "确认", "确定", "取消", "算了", "好的", "好", "不", "ok", "是", "选",
  "金额", "成交金额", "预算", "下次", "阶段", "时间", "预计成交", "内容", "理由", "折扣", "客户", "联系人", "备注",
  "提醒我", "跟进", "推进", "赢单", "输单", "新建客户", "新建线索", "申请折扣", "释放", "领取", "商机", "帮助",
];
export const VALUES = [
  "53万", "52万", "0", "0元", "-5万", "1e9", "99999999999万", "八十万", "捌拾万", "80来万", "50w", "3.5万", "85折", "9折", "0折",
  "明天", "下周四", "99999年后", "3000年后", "9999年12月31日", "10000年1月1日", "100000小时后", "明天下午2点", "下下周一", "月底", "12月31日", "2月30日", "25:99", "昨天", "去年", "3点", "tmr 10am",
  "报价谈判", "方案演示", "赢单", "输单", "需求确认", "初步沟通", "#1", "#999999", "#0", "客户#1", "商机#2",
  "华为", "嘉禾", "张总", "他", "那家公司", "上海嘉禾信息科技有限公司", "１２３", "５３万",
];
const PUNCT = [" ", "　", "，", "。", ",", ".", "：", ":", "；", "！", "？", "、", "~", "…", "\n", "\t", "（", "）", "【", "】", "#", "@", "*", "`"];
const ODD = ["\u0000", "\u200b", "\ufeff", "\ud83d\ude00", "\ud83d", "\u202e", "\r\n", "\\", "'", '"', "<xml>", "]]>", "&amp;", "${x}", "%s", "\u00a0"];

export const CJK = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
export const FULL_WIDTH = fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCodePoint(c));
const pieces = fc.oneof(
  { weight: 4, arbitrary: CJK },
  { weight: 2, arbitrary: fc.constantFrom(...KEYWORDS, ...VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: FULL_WIDTH },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1e6, max: 1e12 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
);

/** Random text made of the pieces above (short, like a chat message). */
export const randomText = (maxPieces = 20): fc.Arbitrary<string> => fc.array(pieces, { maxLength: maxPieces }).map((p) => p.join(""));

/** One edit of a text; applied several times to a real message. */
type Mutation = (s: string) => string;
const at = (s: string, f: number): number => Math.floor(f * (s.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), pieces).map(([f, p]): Mutation => (s) => s.slice(0, at(s, f)) + p + s.slice(at(s, f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 })).map(([f, n]): Mutation => (s) => s.slice(0, at(s, f)) + s.slice(at(s, f) + n)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 12 })).map(([f, n]): Mutation => (s) => {
    const i = at(s, f);
    return s.slice(0, i) + s.slice(i, i + n) + s.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]): Mutation => (s) => {
    const [i, j] = [at(s, Math.min(f, g)), at(s, Math.max(f, g))];
    const mid = Math.floor((i + j) / 2);
    return s.slice(0, i) + s.slice(mid, j) + s.slice(i, mid) + s.slice(j);
  }),
  fc.constant<Mutation>((s) => s.replace(/[，。,.\s：:；;！!？?、]/g, "")),
  fc.constant<Mutation>((s) => s.normalize("NFKC")),
  fc.constant<Mutation>((s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
);

/** A real message mutated 0–4 times. */
export const mutatedOf = (lines: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...lines), fc.array(mutation, { maxLength: 4 })).map(([s, ms]) => ms.reduce((t, m) => m(t), s));

/** Two real messages spliced: the head of one, the tail of the other. */
export const splicedOf = (lines: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...lines), fc.constantFrom(...lines), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(
    ([a, b, f, g]) => a.slice(0, at(a, f)) + b.slice(at(b, g)),
  );

/** Real messages, mutated, spliced, repeated, or random text. */
export const messageOf = (lines: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: mutatedOf(lines) },
    { weight: 2, arbitrary: splicedOf(lines) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...lines), fc.integer({ min: 2, max: 50 }), fc.constantFrom("", "，", " ", "\n")).map(([s, n, j]) => Array(n).fill(s).join(j)) },
    { weight: 2, arbitrary: randomText() },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), randomText(4), fc.constantFrom(...VALUES)).map(([k, r, v]) => `${k}${r}${v}`) },
  );

/** Milliseconds a synchronous call took (the bound is a hang detector, not a speed goal). */
export function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}
