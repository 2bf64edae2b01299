// Every time phrase in a message, wherever it stands: chrono-node's Chinese parser read
// through our own rules (parseLeadingWhen: 月底, a day without an hour = 09:00), plus the
// phrases chrono misses or misreads (一周后, 下个月, 下周, 5号, 2小时后, 周五下午, bare 3点).
import * as chrono from "chrono-node";
import { parseLeadingWhen, zoneOffsetMinutes } from "../../crm/when.ts";
import { smallCount } from "./numbers.ts";

export interface TimeSpan {
  index: number;
  text: string;
  /** The future instant it means; null for a past time (今天上午, 昨天). */
  at: Date | null;
}

const DAY_HOUR = 9;
const CN_COUNT = "(\\d+|[一二两三四五六七八九十]+|半)";

interface Wall {
  y: number;
  m: number;
  d: number;
}

function wallOf(now: Date, offset: number): Wall {
  const local = new Date(now.getTime() + offset * 60_000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth(), d: local.getUTCDate() };
}

/** 09:00 local on a wall-clock day (months and days may overflow, Date.UTC normalises). */
function dayAt(w: Wall, offset: number, hour = DAY_HOUR): Date {
  return new Date(Date.UTC(w.y, w.m, w.d, hour) - offset * 60_000);
}

type Rule = { re: RegExp; at: (m: RegExpExecArray, now: Date, offset: number) => Date | null };

const weekdayOf = (now: Date, offset: number) => new Date(now.getTime() + offset * 60_000).getUTCDay();

/** Phrases chrono does not read (or reads wrongly); tried where chrono found nothing. */
const RULES: readonly Rule[] = [
  {
    re: new RegExp(`${CN_COUNT}(个)?(小时|钟头|分钟)(后|之后|以后)`, "g"),
    at: (m, now) => {
      const n = smallCount(m[1]!);
      return n === null ? null : new Date(now.getTime() + n * (m[3] === "分钟" ? 60_000 : 3_600_000));
    },
  },
  {
    re: new RegExp(`${CN_COUNT}(个)?(周|星期|礼拜|月|天)(后|之后|以后)`, "g"),
    at: (m, now, offset) => {
      const n = smallCount(m[1]!);
      if (n === null || !Number.isInteger(n)) return null;
      const w = wallOf(now, offset);
      if (m[3] === "月") return dayAt({ ...w, m: w.m + n }, offset);
      return dayAt({ ...w, d: w.d + n * (m[3] === "天" ? 1 : 7) }, offset);
    },
  },
  { re: /过两天/g, at: (_m, now, offset) => dayAt({ ...wallOf(now, offset), d: wallOf(now, offset).d + 2 }, offset) },
  {
    re: /下个?月(初|中|底)?/g,
    at: (m, now, offset) => {
      const w = wallOf(now, offset);
      const day = m[1] === "中" ? 15 : m[1] === "底" ? 0 : 1;
      return dayAt({ y: w.y, m: w.m + (m[1] === "底" ? 2 : 1), d: day }, offset);
    },
  },
  {
    re: /(下|这|本)(周|星期|礼拜)(?![一二三四五六日天1-7])/g,
    at: (m, now, offset) => {
      const w = wallOf(now, offset);
      const wd = weekdayOf(now, offset) || 7;
      // 下周: next Monday; 这周 (this week) is too vague.
      return m[1] === "下" ? dayAt({ ...w, d: w.d + 8 - wd }, offset) : null;
    },
  },
  {
    re: /(?<![月\d])(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(号|日)(?!\d)/g,
    at: (m, now, offset) => {
      const day = smallCount(m[1]!);
      if (day === null || day > 31) return null;
      const w = wallOf(now, offset);
      const thisMonth = dayAt({ ...w, d: day }, offset);
      return thisMonth > now ? thisMonth : dayAt({ ...w, m: w.m + 1, d: day }, offset);
    },
  },
  {
    re: /年底|年末/g,
    at: (_m, now, offset) => {
      const w = wallOf(now, offset);
      const end = dayAt({ y: w.y, m: 11, d: 31 }, offset);
      return end > now ? end : dayAt({ y: w.y + 1, m: 11, d: 31 }, offset);
    },
  },
  {
    re: /(本月|这个月)?月(底|末)|月中/g,
    at: (m, now, offset) => {
      if (m[0] !== "月中") return atMonthEnd(now, offset);
      const w = wallOf(now, offset);
      const mid = dayAt({ ...w, d: 15 }, offset);
      return mid > now ? mid : dayAt({ ...w, m: w.m + 1, d: 15 }, offset);
    },
  },
];

function atMonthEnd(now: Date, offset: number): Date {
  const w = wallOf(now, offset);
  const end = dayAt({ y: w.y, m: w.m + 1, d: 0 }, offset);
  return end > now ? end : dayAt({ y: w.y, m: w.m + 2, d: 0 }, offset);
}

const PERIOD_ONLY = /^((?:下|这|本|上)?(?:周|星期|礼拜)[一二三四五六日天1-7])(上午|下午|晚上|早上|中午|傍晚)$/;
const BARE_HOUR = /^(\d{1,2}|[一二两三四五六七八九十]+)点(半|钟|\d{1,2}分?)?$/;

/** chrono's reading of one phrase, with our rules and its known slips corrected. */
function chronoAt(phrase: string, now: Date, timeZone: string, offset: number): Date | null {
  const period = PERIOD_ONLY.exec(phrase);
  // chrono reads 周五下午 as today's afternoon; the day is what matters (09:00, like 明天下午).
  if (period) return parseLeadingWhen(period[1]!, now, timeZone)?.at ?? null;
  const bare = BARE_HOUR.exec(phrase);
  if (bare) {
    // A bare 3点 in office talk is 15:00, not 03:00 tomorrow.
    const hour = smallCount(bare[1]!);
    if (hour === null || hour > 23) return null;
    const minutes = bare[2] === "半" ? 30 : bare[2] && /\d/.test(bare[2]) ? Number(bare[2].replace("分", "")) : 0;
    const h = hour >= 1 && hour <= 7 ? hour + 12 : hour;
    const w = wallOf(now, offset);
    const today = new Date(dayAt(w, offset, h).getTime() + minutes * 60_000);
    return today > now ? today : new Date(today.getTime() + 86_400_000);
  }
  return parseLeadingWhen(phrase, now, timeZone)?.at ?? null;
}

const overlaps = (a: { index: number; text: string }, b: { index: number; text: string }) =>
  a.index < b.index + b.text.length && b.index < a.index + a.text.length;

/** All time phrases in the text, in order, longest reading first where they overlap. */
export function findTimes(text: string, now: Date, timeZone: string): TimeSpan[] {
  const offset = zoneOffsetMinutes(timeZone, now);
  const spans: TimeSpan[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const span = { index: m.index, text: m[0] };
      if (spans.some((s) => overlaps(s, span))) continue;
      const at = rule.at(m as RegExpExecArray, now, offset);
      spans.push({ ...span, at: at && at > now ? at : null });
    }
  }
  const found = chrono.zh.hans.parse(text, { instant: now, timezone: offset }, { forwardDate: true });
  for (const r of found) {
    // chrono sometimes takes the comma before a date along (",1月5日").
    const lead = r.text.length - r.text.replace(/^[\s,，、]+/, "").length;
    const span = { index: r.index + lead, text: r.text.slice(lead) };
    if (spans.some((s) => overlaps(s, span)) || /^\d{1,2}$/.test(r.text)) continue;
    spans.push({ ...span, at: chronoAt(span.text, now, timeZone, offset) });
  }
  return mergePeriods(text, spans.sort((a, b) => a.index - b.index));
}

/** 下周一 + 上午 (chrono splits them) read as one phrase: the day's reading stands. */
function mergePeriods(text: string, spans: TimeSpan[]): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && prev.index + prev.text.length === s.index && /^(上午|下午|晚上|早上|中午|傍晚)$/.test(s.text)) {
      out[out.length - 1] = { ...prev, text: text.slice(prev.index, s.index + s.text.length) };
      continue;
    }
    out.push(s);
  }
  return out;
}

/** 2026-11-25T15:00:00+08:00: the local time in the zone, with its offset. */
export function isoLocal(at: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(timeZone, at);
  const local = new Date(at.getTime() + offset * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The text with the given spans cut out (and the gaps closed). */
export function without(text: string, spans: readonly { index: number; text: string }[]): string {
  let out = "";
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.index - b.index)) {
    if (s.index < pos) continue;
    out += text.slice(pos, s.index);
    pos = s.index + s.text.length;
  }
  return out + text.slice(pos);
}
