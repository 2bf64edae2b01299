// Report periods in CRM_TIMEZONE: a month, a quarter or a year, named as people say them
// (本月, 上月, 本季, 今年, 2026-11, 2026年11月, 11月, 2026-Q4, 2026年) and as REST sends them
// (YYYY-MM, YYYY-Qn, YYYY). `to` is exclusive; `months` lists the calendar months covered.
import { atLocal, localParts } from "../../util/local-time.ts";

export type PeriodKind = "month" | "quarter" | "year";

export interface Period {
  kind: PeriodKind;
  /** 2026-11 | 2026-Q4 | 2026 */
  key: string;
  /** 2026年11月 | 2026年第4季度 | 2026年 */
  label: string;
  from: Date;
  to: Date;
  /** "2026-10", "2026-11", "2026-12" */
  months: string[];
  /** Local calendar days, first and last (inclusive): YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
export const monthKey = (year: number, month: number): string => `${year}-${pad(month)}`;

function build(kind: PeriodKind, year: number, firstMonth: number, monthCount: number, timeZone: string): Period {
  const months: string[] = [];
  for (let i = 0; i < monthCount; i++) {
    const m = firstMonth + i;
    months.push(monthKey(year + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1));
  }
  const lastMonthIndex = firstMonth + monthCount - 1;
  const lastYear = year + Math.floor((lastMonthIndex - 1) / 12);
  const lastMonth = ((lastMonthIndex - 1) % 12) + 1;
  const lastDate = new Date(Date.UTC(lastYear, lastMonth, 0)).getUTCDate();
  const quarter = Math.floor((firstMonth - 1) / 3) + 1;
  return {
    kind,
    key: kind === "month" ? monthKey(year, firstMonth) : kind === "quarter" ? `${year}-Q${quarter}` : String(year),
    label: kind === "month" ? `${year}年${firstMonth}月` : kind === "quarter" ? `${year}年第${quarter}季度` : `${year}年`,
    from: atLocal(year, firstMonth, 1, 0, timeZone),
    to: atLocal(year, firstMonth + monthCount, 1, 0, timeZone),
    months,
    firstDay: `${year}-${pad(firstMonth)}-01`,
    lastDay: `${lastYear}-${pad(lastMonth)}-${pad(lastDate)}`,
  };
}

export const monthPeriod = (year: number, month: number, timeZone: string): Period => build("month", year, month, 1, timeZone);
export const quarterPeriod = (year: number, quarter: number, timeZone: string): Period => build("quarter", year, (quarter - 1) * 3 + 1, 3, timeZone);
export const yearPeriod = (year: number, timeZone: string): Period => build("year", year, 1, 12, timeZone);

/** The period of kind `kind` containing `at`, shifted by `offset` periods. */
export function periodAt(kind: PeriodKind, at: Date, timeZone: string, offset = 0): Period {
  const p = localParts(at, timeZone);
  if (kind === "year") return yearPeriod(p.year + offset, timeZone);
  if (kind === "quarter") {
    const q = Math.floor((p.month - 1) / 3) + offset;
    return quarterPeriod(p.year + Math.floor(q / 4), (((q % 4) + 4) % 4) + 1, timeZone);
  }
  const m = p.month - 1 + offset;
  return monthPeriod(p.year + Math.floor(m / 12), (((m % 12) + 12) % 12) + 1, timeZone);
}

const RELATIVE: Record<string, [PeriodKind, number]> = {
  本月: ["month", 0], 这个月: ["month", 0], 当月: ["month", 0], 这月: ["month", 0], 上月: ["month", -1], 上个月: ["month", -1], 下月: ["month", 1], 下个月: ["month", 1],
  本季: ["quarter", 0], 本季度: ["quarter", 0], 这个季度: ["quarter", 0], 这季度: ["quarter", 0], 上季: ["quarter", -1], 上季度: ["quarter", -1], 上个季度: ["quarter", -1], 下季: ["quarter", 1], 下季度: ["quarter", 1], 下个季度: ["quarter", 1],
  本年: ["year", 0], 今年: ["year", 0], 本年度: ["year", 0], 去年: ["year", -1], 上年: ["year", -1], 明年: ["year", 1],
  // two back, as people look back on results (the future side stops at 下月 / 下季 / 明年)
  上上月: ["month", -2], 上上个月: ["month", -2], 上上季: ["quarter", -2], 上上季度: ["quarter", -2], 上上个季度: ["quarter", -2], 前年: ["year", -2],
};

const QUARTER_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

/** A period from words or a REST value; null when the text names none. */
export function parsePeriod(input: string, now: Date, timeZone: string): Period | null {
  const s = input.trim().replace(/\s+/g, "").replace(/[（(].*[)）]$/, "");
  if (s === "") return null;
  const rel = RELATIVE[s];
  if (rel) return periodAt(rel[0], now, timeZone, rel[1]);
  const thisYear = localParts(now, timeZone).year;
  const year = (y: string | undefined) => (y ? Number(y) : thisYear);
  let m = /^(?:(\d{4})[-/.年])?(\d{1,2})月?$/.exec(s);
  if (m && (m[1] || s.endsWith("月"))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(year(m[1]), month, timeZone) : null;
  }
  m = /^(?:(\d{4})[-年]?)?(?:Q|q|第)([1-4一二三四])(?:季度?)?$/.exec(s);
  if (m) return quarterPeriod(year(m[1]), QUARTER_WORDS[m[2]!]!, timeZone);
  m = /^(\d{4})年?$/.exec(s);
  if (m) return yearPeriod(Number(m[1]), timeZone);
  return null;
}

/** A word meant as a period even when `parsePeriod` cannot read it (下下月, 上上周, 前两个月,
 * 近三个月, 2026-13, 13月, Q5): such a word is a wrong period, never a person's name. Anchored
 * at the start so names are not caught (周明, 上官月). */
const PERIOD_LIKE =
  /^(?:\d{4}|\d{1,2}月|[Qq]\d|第[\d一二三四五六七八九十]+(?:季|周|个?月)|(?:本|上|下|这|当|今|去|明|昨|前|后|大前|大后|近|最近|过去|未来)+个?(?:[\d一二两三四五六七八九十半]+个?)?(?:月|季|年|周|星期|礼拜|天|日))/;

/** A period we read, or a word that clearly tries to be one. */
export const looksLikePeriod = (word: string): boolean => PERIOD_LIKE.test(word.trim()) || parsePeriod(word, new Date(0), "UTC") !== null;

/** The period of a REST query value (YYYY-MM, YYYY-Qn, YYYY), or the current month when absent. */
export function periodFromQuery(value: string | undefined, now: Date, timeZone: string): Period | null {
  if (value === undefined || value === "") return periodAt("month", now, timeZone);
  if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/.test(value)) return null;
  return parsePeriod(value, now, timeZone);
}
