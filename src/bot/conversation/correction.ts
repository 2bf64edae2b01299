// The shape of a correction as reps write it, before knowing which field it means:
// 「成交金额53万」「金额改成53万」「把下次改到周四」「不是52万是53万」「金额不是52万，是53万」
// 「时间：明天下午2点」「下周四」. The left part is a field's name or the old value.

export interface Correction {
  /** What stood before the new value: a field's name, or the value being replaced. */
  left?: string;
  /** The value said to be wrong (不是 X 是 Y). */
  old?: string;
  value: string;
}

const CHANGE_WORDS = "改成|改为|改到|改一下|换成|换为|变成|调成|调为|调整为|调整到|更新为|更正为|设为|设成|应该是|应为|其实是|实际是";
const TRIM = /^[\s,，。.!！:：的]+|[\s,，。.!！~～的]+$/gu;
const clean = (s: string): string => s.replace(TRIM, "");

export function readCorrection(rest: string): Correction {
  const s = clean(rest.replace(/^(把|将|请把|帮我把)/, ""));
  const not = /^(.*?)(?:不是|不对[，,]?)\s*(.+?)[\s,，]*(?:而是|应该是|是)\s*(.+)$/u.exec(s);
  if (not) return { left: clean(not[1]!) || undefined, old: clean(not[2]!), value: clean(not[3]!) };
  const change = new RegExp(`^(.+?)\\s*(?:${CHANGE_WORDS})\\s*(.+)$`, "u").exec(s);
  if (change) return { left: clean(change[1]!), value: clean(change[2]!) };
  const colon = /^([^:：=]{1,12})\s*[:：=]\s*(.+)$/u.exec(s);
  if (colon) return { left: clean(colon[1]!), value: clean(colon[2]!) };
  return { value: s };
}
