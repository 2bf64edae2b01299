// 人民币大写: the PBOC examples, the examples, the module's chosen conventions, and
// a reverse parser (written here, independently) that reads any output back to the same fen.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FEN, parseYuan, toDaxie } from "../../src/crm/money/index.ts";
import { runs, seed } from "./property-runs.ts";

const fenOf = (yuan: string): number => {
  const r = parseYuan(yuan);
  if (!r.ok) throw new Error(`bad yuan ${yuan}`);
  return r.value;
};

const DIGIT: Record<string, bigint> = { 零: 0n, 壹: 1n, 贰: 2n, 叁: 3n, 肆: 4n, 伍: 5n, 陆: 6n, 柒: 7n, 捌: 8n, 玖: 9n };
const SMALL: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };

/** 大写 → fen. Throws on anything it does not understand, so a malformed output fails. */
function parseDaxie(text: string): bigint {
  if (text === "零元整") return 0n;
  const m = /^(?:(.+)元)?(?:(零)?([壹贰叁肆伍陆柒捌玖])角)?(?:零?([壹贰叁肆伍陆柒捌玖])分)?(整)?$/.exec(text);
  if (!m) throw new Error(`unparsable ${text}`);
  let yuan = 0n;
  if (m[1] !== undefined) {
    let total = 0n;
    let section = 0n;
    let digit = 0n;
    for (const c of m[1]) {
      if (c in DIGIT) digit = DIGIT[c]!;
      else if (c in SMALL) {
        if (digit === 0n) throw new Error(`unit without digit in ${text}`);
        section += digit * SMALL[c]!;
        digit = 0n;
      } else if (c === "万") {
        section = (section + digit) * 10_000n;
        digit = 0n;
      } else if (c === "亿") {
        total = (total + section + digit) * 100_000_000n;
        section = 0n;
        digit = 0n;
      } else throw new Error(`unexpected ${c} in ${text}`);
    }
    yuan = total + section + digit;
  }
  const jiao = m[3] ? DIGIT[m[3]]! : 0n;
  const fen = m[4] ? DIGIT[m[4]]! : 0n;
  return yuan * 100n + jiao * 10n + fen;
}

describe("toDaxie", () => {
  it.each([
    // the examples
    ["123456.78", "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"],
    ["10005", "壹万零伍元整"],
    ["1001000", "壹佰万零壹仟元整"],
    ["0.05", "伍分"],
    // PBOC《正确填写票据和结算凭证的基本规定》 examples
    ["1409.50", "壹仟肆佰零玖元伍角"], // 4(1): a 0 in the middle → 零; no 整 after 角
    ["6007.14", "陆仟零柒元壹角肆分"], // 4(2): several 0s in a row → one 零
    ["1680.32", "壹仟陆佰捌拾元零叁角贰分"], // 4(3): 元 digit 0, 角 not 0 → one 零 (may be omitted; we write it)
    ["325.04", "叁佰贰拾伍元零肆分"], // 4(4): 角 0, 分 not 0 → 零 after 元
    ["16409.02", "壹万陆仟肆佰零玖元零贰分"], // 4(4)
    // 4(3) prints 壹拾万柒仟元零伍角叁分 or 壹拾万零柒仟元伍角叁分; we write both optional 零 (see below)
    ["107000.53", "壹拾万零柒仟元零伍角叁分"],
    // zeros in the middle, heads, ends
    ["1050", "壹仟零伍拾元整"],
    ["10100", "壹万零壹佰元整"],
    ["100003", "壹拾万零叁元整"],
    ["10", "壹拾元整"], // 拾 at the head is 壹拾
    ["15", "壹拾伍元整"],
    ["110", "壹佰壹拾元整"],
    ["100010", "壹拾万零壹拾元整"],
    ["0", "零元整"],
    ["0.50", "伍角"],
    ["0.55", "伍角伍分"],
    ["1", "壹元整"],
    ["1.50", "壹元伍角"],
    ["10.05", "壹拾元零伍分"],
    ["100.10", "壹佰元零壹角"], // 元 digit 0, 角 not 0, like ¥1680.32
    ["10000", "壹万元整"],
    ["10000.01", "壹万元零壹分"],
    ["100000000", "壹亿元整"],
    ["100000001", "壹亿零壹元整"],
    ["120000000", "壹亿贰仟万元整"],
    ["100010000", "壹亿零壹万元整"],
    ["1000000000000", "壹万亿元整"],
    ["1000100000000", "壹万零壹亿元整"],
    ["1200000000000", "壹万贰仟亿元整"],
    ["1000000000001", "壹万亿零壹元整"],
    ["1000000010000", "壹万亿零壹万元整"],
    ["9999999999999.99", "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
  ])("¥%s → %s", (yuan, words) => {
    expect(toDaxie(fenOf(yuan))).toBe(words);
    expect(parseDaxie(words)).toBe(BigInt(fenOf(yuan)));
  });

  it("the PBOC's printed alternatives for ¥107000.53 read as the same amount", () => {
    expect(parseDaxie("壹拾万柒仟元零伍角叁分")).toBe(10_700_053n);
    expect(parseDaxie("壹拾万零柒仟元伍角叁分")).toBe(10_700_053n);
  });

  it("refuses amounts it cannot write", () => {
    expect(() => toDaxie(-1)).toThrow(RangeError);
    expect(() => toDaxie(MAX_FEN + 1)).toThrow(RangeError);
    expect(() => toDaxie(1.5)).toThrow(RangeError);
  });

  const amount = fc.oneof(
    fc.integer({ min: 0, max: MAX_FEN }),
    fc.integer({ min: 0, max: 100_000_000 }),
    // sparse digits: zeros in every position, where the 零 rules matter
    fc.array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 15 }).map((ds) => Number(ds.join(""))),
  );

  it("reads back to the same fen, with PBOC's shape, for random amounts up to ¥9,999,999,999,999.99", () => {
    fc.assert(
      fc.property(amount, (fen) => {
        const words = toDaxie(fen);
        expect(parseDaxie(words)).toBe(BigInt(fen));
        if (fen > 0) expect(words).not.toMatch(/零零|零[元万亿角分拾佰仟整]|^零|[拾佰仟]{2}|亿.*亿|万.*万.*万/);
        // 整 exactly when there are no 角 and 分 (after 元, never after 角 or 分)
        expect(words.endsWith("元整")).toBe(fen % 100 === 0);
        expect(words.endsWith("分")).toBe(fen % 10 !== 0);
        // a 0 角 between yuan and 分 is written 零 (PBOC 4(4))
        if (fen >= 100 && Math.floor(fen / 10) % 10 === 0 && fen % 10 !== 0) expect(words).toMatch(/元零[壹贰叁肆伍陆柒捌玖]分$/);
      }),
      { numRuns: runs(5000), seed: seed() },
    );
  });
});
