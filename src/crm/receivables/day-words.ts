// Calendar days and intervals as people write them in 回款 commands: 2026-12-31, 2026/12/31,
// 12月31日 (the year chosen by which side of today it should fall), 今天 / 昨天; 1月, 3个月, 30天.
// Other words (明天, 后天, 下周一, 下个月5号, 3天后, 月底) are read by the project's time phrases
// (src/time/when.ts, future times only) and taken as that local calendar day; on the "past"
// side (a payment's arrival) such a future day is refused rather than moved back a year.
import { localDateKey } from "../../util/local-time.ts";
import { parseWhen } from "../../time/when.ts";
import { isLocalDate } from "../money/index.ts";
import { addDays, dateOf, dayOf } from "./status.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** Today as the local calendar day, and the instant and zone the time phrases read words against. */
export interface DayContext {
  today: string;
  now: Date;
  timeZone: string;
}

export const dayCtx = (ctx: { now: Date; timeZone: string }): DayContext => ({ today: localDateKey(ctx.now, ctx.timeZone), now: ctx.now, timeZone: ctx.timeZone });

/** A day; a bare month and day is this year's, or the nearest year on the `side` of today. */
export function parseDay(word: string, at: DayContext, side: "past" | "future"): string | null {
  const known = parseDayWord(word, at.today, side);
  if (known) return known;
  const w = word.trim();
  if (!w || /^\d+$/.test(w)) return null;
  const when = parseWhen(w, at.now, at.timeZone);
  if (!when) return null;
  const day = localDateKey(when, at.timeZone);
  return side === "past" && day > at.today ? null : day;
}

function parseDayWord(word: string, today: string, side: "past" | "future"): string | null {
  const w = word.trim();
  if (w === "今天" || w === "今日") return today;
  if (w === "昨天") return addDays(today, -1);
  if (w === "前天") return addDays(today, -2);
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(w);
  if (full) {
    const day = `${full[1]}-${pad(Number(full[2]))}-${pad(Number(full[3]))}`;
    return isLocalDate(day) ? day : null;
  }
  const md = /^(\d{1,2})[月/-](\d{1,2})[日号]?$/.exec(w);
  if (!md) return null;
  const year = Number(today.slice(0, 4));
  const at = (y: number) => `${y}-${pad(Number(md[1]))}-${pad(Number(md[2]))}`;
  const day = at(year);
  if (!isLocalDate(day)) return isLocalDate(at(side === "past" ? year - 1 : year + 1)) ? at(side === "past" ? year - 1 : year + 1) : null;
  if (side === "past" && day > today) return at(year - 1);
  if (side === "future" && day < today) return at(year + 1);
  return day;
}

export type Interval = { months: number } | { days: number };

export function parseInterval(word: string): Interval | null {
  const m = /^(\d{1,3})\s*(个月|月|天|日)$/.exec(word.trim());
  if (!m || Number(m[1]) === 0) return null;
  return m[2] === "天" || m[2] === "日" ? { days: Number(m[1]) } : { months: Number(m[1]) };
}

/** The k-th date from `first` (k = 0 is first): months keep the day, clamped to the month's end. */
export function stepDate(first: string, interval: Interval, k: number): string {
  if ("days" in interval) return addDays(first, interval.days * k);
  const d = dateOf(first);
  const months = d.getUTCMonth() + interval.months * k;
  const y = d.getUTCFullYear() + Math.floor(months / 12);
  const m = ((months % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}
