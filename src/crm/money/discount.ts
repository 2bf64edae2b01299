// Discounts as reps write them: 85折, 8.5折, 9折, 八五折, 85%, 0.85 → the price as a share of
// list; a cut (降15%, 让15个点, 优惠15%) is what is left of it (85折).
const CN_DIGITS: Readonly<Record<string, string>> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 点: "." };

export function parseDiscountShare(input: string): number | null {
  const t = input.trim().replace(/\s/g, "").replace(/^([一二三四五六七八九]{1,2}|[一二三四五六七八九]点[一二三四五六七八九])折$/, (w) => [...w].map((c) => CN_DIGITS[c] ?? c).join(""));
  const cut = /^(?:再)?(?:降|减|让|优惠|下浮|便宜)(?:了)?(\d{1,2}(?:\.\d)?)(?:%|个点|个百分点|点)$/.exec(t);
  if (cut) return valid(1 - Number(cut[1]) / 100);
  let m = /^(\d{1,2})(?:\.(\d))?折$/.exec(t);
  if (m) {
    const whole = Number(m[1]);
    const tenth = m[2] === undefined ? 0 : Number(m[2]);
    // 9折 = 0.9, 85折 = 0.85, 8.5折 = 0.85
    return valid(whole < 10 ? whole / 10 + tenth / 100 : (whole + tenth / 10) / 100);
  }
  m = /^(\d{1,2}(?:\.\d{1,2})?)%$/.exec(t);
  if (m) return valid(Number(m[1]) / 100);
  m = /^0?\.(\d{1,4})$/.exec(t);
  return m ? valid(Number(`0.${m[1]}`)) : null;
}

const valid = (share: number) => (share > 0 && share < 1 ? Math.round(share * 10_000) / 10_000 : null);

/** 0.85 → 85折, 0.9 → 9折, 0.875 → 87.5折 */
export function formatDiscountShare(share: number): string {
  const n = Math.round(share * 1000) / 10;
  return `${n % 10 === 0 ? n / 10 : n}折`;
}
