// 人民币大写 (Chinese capital numerals for amounts), following 中国人民银行《支付结算办法》
// (银发〔1997〕393号) 附件一《正确填写票据和结算凭证的基本规定》. Where those rules leave a
// choice, this module picks one and always the same:
// - 整: written after 元 when there are no 角/分 (壹万零伍元整). After 角 it "可以不写" and is
//   NOT written (¥1409.50 → 壹仟肆佰零玖元伍角, the rules' own example); never after 分.
// - 零: every run of zero digits between two non-zero digits is written as one 零, the 元 digit
//   and 角 included: ¥6007.14 → 陆仟零柒元壹角肆分, ¥1680.32 → 壹仟陆佰捌拾元零叁角贰分,
//   ¥325.04 → 叁佰贰拾伍元零肆分 (mandatory when 角 is 0), ¥1001000 → 壹佰万零壹仟元整.
//   Rule 4(3) lets a zero run at the 万 or 元 digit be written with one 零 or none; writing it
//   each time is the uniform choice, so ¥107000.53 → 壹拾万零柒仟元零伍角叁分 (the rules print
//   壹拾万柒仟元零伍角叁分 and 壹拾万零柒仟元伍角叁分 — each drops one of those two 零).
// - 拾 at the head of a number is written 壹拾 (壹拾元整, 壹拾贰万…), as in every position.
// - 0 is 零元整; amounts under a yuan start at 角 or 分 (伍分, 伍角, 伍角伍分).
// - No "人民币" prefix: the caller prints it (a PDF label, a card field).
// - Range: 0 … ¥9,999,999,999,999.99 (玖万玖仟…亿…); the 万亿 section is written 壹万亿,
//   壹万贰仟亿, 壹万零壹亿. Negative or larger amounts throw (they are never valid totals).
import { isFen, MAX_FEN, type Fen } from "./fen.ts";

const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] as const;
const IN_SECTION = ["", "拾", "佰", "仟"] as const;

/** The word after a section's last digit: position 0 元, 4 万, 8 亿, 12 万 (of 亿). */
const SECTION_UNIT: Record<number, string> = { 0: "元", 4: "万", 8: "亿", 12: "万" };

export function toDaxie(fen: Fen): string {
  if (!isFen(fen) || fen < 0 || fen > MAX_FEN) throw new RangeError(`toDaxie: ${fen} fen is outside 0 … ${MAX_FEN}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  const digits = String(yuan);
  const n = digits.length;
  let out = "";
  let pendingZero = false;
  const digitAt = (pos: number): number => (pos < n ? Number(digits[n - 1 - pos]) : 0);
  const anyNonZero = (from: number, to: number): boolean => {
    for (let p = from; p <= to; p++) if (digitAt(p) !== 0) return true;
    return false;
  };
  if (yuan > 0) {
    for (let pos = n - 1; pos >= 0; pos--) {
      const d = digitAt(pos);
      if (d === 0) pendingZero = out !== "";
      else {
        if (pendingZero) out += "零";
        pendingZero = false;
        out += DIGITS[d]! + IN_SECTION[pos % 4]!;
      }
      const unit = SECTION_UNIT[pos];
      if (unit !== undefined) {
        // 元 always closes the integer part; 万 and 亿 only when their section has a digit —
        // 亿 also when the 万亿 section above it has one (壹万亿, not 壹万).
        const written = pos === 0 || anyNonZero(pos, pos + 3) || (pos === 8 && anyNonZero(12, 15));
        if (written) out += unit;
      }
    }
  }
  if (jiao === 0 && cents === 0) return yuan === 0 ? "零元整" : `${out}整`;
  if (jiao !== 0) {
    if (yuan > 0 && digitAt(0) === 0) pendingZero = true;
    if (pendingZero && out !== "") out += "零";
    out += `${DIGITS[jiao]}角`;
    pendingZero = false;
  } else if (out !== "") pendingZero = true;
  if (cents !== 0) {
    if (pendingZero) out += "零";
    out += `${DIGITS[cents]}分`;
  }
  return out;
}
