// Discounts as reps write them: 85折, 8.5折, 9折, 85%, 0.85 → the price as a share of list.
export function parseDiscountShare(input: string): number | null {
  const t = input.trim().replace(/\s/g, "");
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
