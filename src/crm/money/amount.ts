// Amounts of opportunities (yuan, Decimal columns) as reps write them and as cards show them.
export function parseAmountYuan(input: string): number | null {
  const m = /^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(万|w|W|亿|元)?$/.exec(input.trim());
  if (!m) return null;
  const value = Number(`${m[1]!.replaceAll(",", "")}.${m[2] ?? "0"}`);
  const unit = m[3] === "万" || m[3] === "w" || m[3] === "W" ? 10_000 : m[3] === "亿" ? 100_000_000 : 1;
  const yuan = Math.round(value * unit * 100) / 100;
  return yuan > 0 && yuan < 1e12 ? yuan : null;
}

/** 500000 → 50万; 12345 → 12,345 元. */
export function formatAmountYuan(yuan: number): string {
  if (yuan >= 10_000 && yuan % 100 === 0) return `${(yuan / 10_000).toLocaleString("zh-CN", { maximumFractionDigits: 2 })}万`;
  return `${yuan.toLocaleString("zh-CN")} 元`;
}
