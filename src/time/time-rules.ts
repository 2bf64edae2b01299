// The time phrases chrono-node misses or misreads, read by our own rules (time-phrases.ts
// tries them before chrono): counts from now (1小时后, 半小时后, 3天后, 一周后, 半个月后),
// 下个月 (初/中/底), 下周, 5号, 月底, 月中, 年底. All on the CRM zone's wall clock.
import { atLocal } from "../util/local-time.ts";

/** A calendar day in the zone; month 1–12, and day may overflow (atLocal rolls it over). */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** What a phrase says: an instant, or a day at `minutes` after midnight (DAY_START when not said). */
export type Reading = { at: Date } | { day: Day; minutes?: number };

export interface TimeContext {
  now: Date;
  timeZone: string;
  today: Day;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** A day without an hour means 09:00: the start of the working day. */
export const DAY_START = 9 * 60;

export const plusDays = (d: Day, n: number): Day => ({ ...d, day: d.day + n });

const daysIn = (d: Pick<Day, "year" | "month">): number => new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();

/** The same day n months on; the month's last day when it is shorter (1月31日 + 1 → 2月28日). */
function plusMonths(d: Day, n: number): Day {
  const m0 = d.month - 1 + n;
  const year = d.year + Math.floor(m0 / 12);
  const month = (((m0 % 12) + 12) % 12) + 1;
  return { year, month, day: Math.min(d.day, daysIn({ year, month })) };
}

const monthStart = (c: TimeContext, n: number): Day => plusMonths({ ...c.today, day: 1 }, n);

const dayStartAt = (d: Day, c: TimeContext): Date => atLocal(d.year, d.month, d.day, DAY_START, c.timeZone);

/** The first of the candidates (this month's or year's, the next one's, …) whose 09:00 is still ahead. */
function firstAhead(c: TimeContext, candidate: (k: number) => Day | null, tries = 2): Reading | null {
  for (let k = 0; k < tries; k++) {
    const day = candidate(k);
    if (day && dayStartAt(day, c) > c.now) return { day };
  }
  return null;
}

const CN_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A small count as reps write it: 3, 两, 十五, 二十五 (up to 99), 半 = 0.5; null otherwise. */
export function countOf(token: string): number | null {
  if (token === "半") return 0.5;
  if (/^\d+$/.test(token)) return Number(token) > 0 ? Number(token) : null;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(token);
  if (!m || token === "") return null;
  const [, tens, ten, units] = m;
  if (!ten) return units ? null : CN_DIGITS[tens!]!;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (units ? CN_DIGITS[units]! : 0);
}

type Rule = { re: RegExp; read: (m: RegExpExecArray, c: TimeContext) => Reading | null };

const COUNT = "(\\d{1,3}|[一二两三四五六七八九十]{1,3}|半)";
const DAY_NUMBER = "(\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])";

/** Tried in order before chrono; a later match overlapping an earlier one is skipped. */
export const RULES: readonly Rule[] = [
  // 1小时后, 半小时后, 一个半小时后, 30分钟后: from now, to the minute.
  {
    re: new RegExp(`${COUNT}(个)?(半)?(小时|钟头|分钟)(后|之后|以后)`, "g"),
    read: (m, c) => {
      const n = countOf(m[1]!);
      if (n === null || (n === 0.5 && m[3])) return null;
      const unit = m[4] === "分钟" ? 60_000 : 3_600_000;
      return { at: new Date(c.now.getTime() + (n + (m[3] ? 0.5 : 0)) * unit) };
    },
  },
  // 3天后, 一周后, 两个星期后, 两个月后 (the same day), 半个月后 (15 days): a day.
  {
    re: new RegExp(`${COUNT}(个)?(天|周|星期|礼拜|月)(后|之后|以后)`, "g"),
    read: (m, c) => {
      const n = countOf(m[1]!);
      if (n === null) return null;
      if (m[3] === "月" && n === 0.5) return { day: plusDays(c.today, 15) };
      if (!Number.isInteger(n)) return null;
      if (m[3] === "月") return { day: plusMonths(c.today, n) };
      return { day: plusDays(c.today, m[3] === "天" ? n : 7 * n) };
    },
  },
  { re: /过两天/g, read: (_m, c) => ({ day: plusDays(c.today, 2) }) },
  // 下个月: the same day next month (its last day when shorter); 下个月初 / 中 / 底: the 1st,
  // the 15th, the last day; 下个月5号: the 5th.
  {
    re: new RegExp(`下个?月(?:月?(初|中|底|末)|${DAY_NUMBER}(?:号|日))?`, "g"),
    read: (m, c) => {
      const next = plusMonths(c.today, 1);
      if (m[1] === "初") return { day: { ...next, day: 1 } };
      if (m[1] === "中") return { day: { ...next, day: 15 } };
      if (m[1]) return { day: { ...next, day: daysIn(next) } };
      if (!m[2]) return { day: next };
      const day = countOf(m[2]);
      return day !== null && day <= daysIn(next) ? { day: { ...next, day } } : null;
    },
  },
  // 下周三 / 下星期五 / 下下周一: weeks start on Monday, as in Chinese offices (chrono starts
  // them on Sunday, so on a Sunday evening it read 下周一 as eight days ahead).
  {
    re: /(下下|下)个?(周|星期|礼拜)([一二三四五六日天1-7])/g,
    read: (m, c) => {
      const weekday = "一二三四五六日".indexOf(m[3] === "天" ? "日" : m[3]!) + 1 || Number(m[3]);
      return { day: plusDays(c.today, 8 - c.weekday + (weekday - 1) + (m[1] === "下下" ? 7 : 0)) };
    },
  },
  // 周一两点 / 星期五三点半: chrono reads "一两点" as a time of its own; the weekday is read
  // here (the next one after today, as chrono does) and the hour joins it after.
  {
    re: /(?<![下上])(?:这个?|本)?(周|星期|礼拜)([一二三四五六日天])(?=[零一二两三四五六七八九十]{1,3}点)/g,
    read: (m, c) => {
      const weekday = "一二三四五六日".indexOf(m[2] === "天" ? "日" : m[2]!) + 1;
      return { day: plusDays(c.today, (weekday - c.weekday + 7) % 7 || 7) };
    },
  },
  // 这个月20号 / 本月5日: this month's, while still ahead.
  {
    re: new RegExp(`(?:这个?|本|当)月${DAY_NUMBER}(?:号|日)`, "g"),
    read: (m, c) => {
      const day = countOf(m[1]!);
      return day !== null && day <= daysIn(c.today) ? firstAhead(c, (k) => (k === 0 ? { ...c.today, day } : null), 1) : null;
    },
  },
  // 下周: next Monday; 这周 (this week) is too vague to remind at.
  {
    re: /(下|这|本)(周|星期|礼拜)(?![一二三四五六日天1-7])/g,
    read: (m, c) => (m[1] === "下" ? { day: plusDays(c.today, 8 - c.weekday) } : null),
  },
  // 5号: the 5th of this month while still ahead, else of the next month that has one.
  {
    re: new RegExp(`(?<![月\\d])${DAY_NUMBER}(号|日)(?!\\d)`, "g"),
    read: (m, c) => {
      const day = countOf(m[1]!);
      if (day === null || day > 31) return null;
      return firstAhead(c, (k) => (day <= daysIn(monthStart(c, k)) ? { ...monthStart(c, k), day } : null), 3);
    },
  },
  { re: /年底|年末/g, read: (_m, c) => firstAhead(c, (k) => ({ year: c.today.year + k, month: 12, day: 31 })) },
  // 月底 / 本月底 / 这个月底 / 这个月月底 / 月末: the month's last day (the next month's once it
  // has passed); 月中: the 15th.
  {
    re: /(?:本|这个?|当)月月?(底|末)|月(底|末)|(?:本|这个?)?月中/g,
    read: (m, c) => firstAhead(c, (k) => ({ ...monthStart(c, k), day: m[0].endsWith("月中") ? 15 : daysIn(monthStart(c, k)) })),
  },
];
