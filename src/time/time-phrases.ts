// Every time phrase in a text, wherever it stands — the one reading of times shared by the
// typed commands (when.ts: 提醒 明天下午3点 …, 跟进 … 下次 …) and the free-text engine
// (nlu/offline/times.ts). Our rules (time-rules.ts) come first; chrono-node's Chinese parser
// reads the rest, corrected where office talk means something else. The rules, on the
// wall clock of the CRM's zone:
//   - a day without an hour is 09:00 that day (the start of the working day);
//   - a day with a part of the day but no hour: 早上 09:00, 上午 10:00, 中午 12:00,
//     下午 14:00, 傍晚 18:00, 晚上 (今晚) 19:00 — 周五下午 is Friday 14:00; 下午 alone is
//     this afternoon (past once gone, never tomorrow's);
//   - a bare hour 1–7 (3点, 三点半) without 凌晨 / 早 / 上午 is the afternoon (15:00, 15:30);
//     8–12 stay as written; with no day, a time already past today is that time tomorrow;
//   - a day followed by a time of day (下周一 上午, 3天后下午3点, 5号下午3点) is one phrase;
//   - the counted and calendar phrases of time-rules.ts (1小时后, 一周后, 下个月, 下周, 5号, 月底).
import * as chrono from "chrono-node";
import { atLocal, localParts, zoneOffsetMinutes } from "../util/local-time.ts";
import { DAY_START, plusDays, RULES, type Day, type Reading, type TimeContext } from "./time-rules.ts";

export interface TimePhrase {
  index: number;
  text: string;
  /** The future instant it means; null for a past time (今天上午, 昨天) or a vague one (这周). */
  at: Date | null;
}

interface Span {
  index: number;
  text: string;
  reading: Reading | null;
}

const PERIOD = "(早上|早晨|上午|中午|下午|傍晚|晚上|晚|早)";
const PERIOD_MINUTES: Readonly<Record<string, number>> = {
  早上: 540,
  早晨: 540,
  早: 540,
  上午: 600,
  中午: 720,
  下午: 840,
  傍晚: 1080,
  晚上: 1140,
  晚: 1140,
};
const PERIOD_ONLY = new RegExp(`^${PERIOD}$`);
const PERIOD_END = new RegExp(`${PERIOD}$`);
const MORNING = /凌晨|早|上午|清晨/;

function parse(text: string, c: TimeContext): chrono.ParsedResult[] {
  return chrono.zh.hans.parse(text, { instant: c.now, timezone: zoneOffsetMinutes(c.timeZone, c.now) }, { forwardDate: true });
}

const dayOf = (s: chrono.ParsedComponents): Day => ({ year: s.get("year")!, month: s.get("month")!, day: s.get("day")! });

const namesDay = (s: chrono.ParsedComponents): boolean => s.isCertain("day") || s.isCertain("weekday") || s.isCertain("month");

/** Minutes after midnight of the hour a result names; a bare 1–7 o'clock in office talk is the afternoon. */
function clockOf(s: chrono.ParsedComponents, text: string): number {
  let hour = s.get("hour") ?? 0;
  if (!s.isCertain("meridiem") && hour >= 1 && hour <= 7 && /点/.test(text) && !MORNING.test(text)) hour += 12;
  return hour * 60 + (s.get("minute") ?? 0);
}

/** The time of day a phrase alone names (下午3点, 3点半, 上午), or null when it names a day. */
function timeOfDay(s: chrono.ParsedComponents, text: string): number | null {
  const period = PERIOD_ONLY.exec(text);
  if (period) return PERIOD_MINUTES[period[1]!]!;
  return s.isCertain("hour") && !namesDay(s) && !s.isCertain("timezoneOffset") ? clockOf(s, text) : null;
}

/** The day a text names all by itself (周五, 明天), or null. */
function dayAlone(text: string, c: TimeContext): Day | null {
  const [r] = parse(text, c);
  return r && r.index === 0 && r.text === text && !r.start.isCertain("hour") ? dayOf(r.start) : null;
}

/** chrono's reading of one phrase, with our rules applied. */
function chronoReading(s: chrono.ParsedComponents, text: string, c: TimeContext): Reading {
  if (s.isCertain("timezoneOffset")) return { at: s.date() };
  const period = PERIOD_END.exec(text);
  // 下午 alone: this afternoon (gone once it has passed).
  if (period && period.index === 0) return { day: c.today, minutes: PERIOD_MINUTES[period[1]!]! };
  const clock = timeOfDay(s, text);
  if (clock !== null) {
    const today = atLocal(c.today.year, c.today.month, c.today.day, clock, c.timeZone);
    return today > c.now ? { at: today } : { day: plusDays(c.today, 1), minutes: clock };
  }
  if (s.isCertain("hour")) return { day: dayOf(s), minutes: clockOf(s, text) };
  if (!period) return { day: dayOf(s) };
  // chrono reads 周五下午 as today's afternoon: the day is read without its period.
  return { day: dayAlone(text.slice(0, period.index).trimEnd(), c) ?? dayOf(s), minutes: PERIOD_MINUTES[period[1]!]! };
}

/** The most a time of day after a day takes (" 下午三点四十五分"). */
const TIME_OF_DAY_MAX = 16;
/** How one can start (a cheap test before asking chrono). */
const TIME_OF_DAY_START = /^\s*[早上中下傍晚凌\d一二两三四五六七八九十零]/;

/** A day without an hour, followed by a time of day (下周一 上午, 5号下午3点): one phrase. */
function withTimeOfDay(text: string, span: Span, c: TimeContext): Span {
  const reading = span.reading;
  if (!reading || !("day" in reading) || reading.minutes !== undefined) return span;
  const end = span.index + span.text.length;
  if (!TIME_OF_DAY_START.test(text.slice(end, end + 4))) return span;
  const [r] = parse(text.slice(end, end + TIME_OF_DAY_MAX), c);
  if (!r || !/^\s*$/.test(text.slice(end, end + r.index))) return span;
  const clock = timeOfDay(r.start, r.text);
  if (clock === null) return span;
  return { index: span.index, text: text.slice(span.index, end + r.index + r.text.length), reading: { day: reading.day, minutes: clock } };
}

const overlaps = (a: { index: number; text: string }, b: { index: number; text: string }) =>
  a.index < b.index + b.text.length && b.index < a.index + a.text.length;

function instantOf(reading: Reading, c: TimeContext): Date {
  if ("at" in reading) return reading.at;
  return atLocal(reading.day.year, reading.day.month, reading.day.day, reading.minutes ?? DAY_START, c.timeZone);
}

/** The last instant a time may be: 9999-12-31 (later years have no plain ISO form, and the
 * database client refuses them — 99999年后 once failed every retry of its message). */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

/** All time phrases in the text, in order; where readings overlap, our rules win over chrono. */
export function findTimePhrases(text: string, now: Date, timeZone: string): TimePhrase[] {
  const local = localParts(now, timeZone);
  const c: TimeContext = { now, timeZone, today: { year: local.year, month: local.month, day: local.day }, weekday: local.weekday };
  const spans: Span[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const span = { index: m.index, text: m[0] };
      if (!spans.some((s) => overlaps(s, span))) spans.push({ ...span, reading: rule.read(m as RegExpExecArray, c) });
    }
  }
  for (const r of parse(text, c)) {
    // chrono sometimes takes the comma before a date along (",1月5日"); a bare number is no time.
    const lead = r.text.length - r.text.replace(/^[\s,，、]+/, "").length;
    const oClock = r.text.endsWith("点") && text[r.index + r.text.length] === "钟" ? "钟" : ""; // chrono leaves 3点钟's 钟
    const span = { index: r.index + lead, text: r.text.slice(lead) + oClock };
    if (spans.some((s) => overlaps(s, span)) || /^\d{1,2}$/.test(r.text)) continue;
    spans.push({ ...span, reading: chronoReading(r.start, span.text, c) });
  }
  const out: Span[] = [];
  for (const s of spans.sort((a, b) => a.index - b.index)) {
    const prev = out[out.length - 1];
    if (!prev || !overlaps(prev, s)) out.push(withTimeOfDay(text, s, c));
  }
  return out.map((s) => {
    const at = s.reading ? instantOf(s.reading, c) : null;
    return { index: s.index, text: s.text, at: at && at > now && at.getTime() <= LATEST ? at : null };
  });
}
