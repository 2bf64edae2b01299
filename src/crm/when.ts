// Times as reps write them: 明天下午3点, 下周三, 3天后, 月底, 2026-12-01 09:00 — in the CRM's
// time zone. A day without an hour means 09:00 that day (the start of the working day).
import * as chrono from "chrono-node";

const DEFAULT_HOUR = 9;

/** Minutes east of UTC of a zone at an instant (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a local wall-clock time in the zone. */
function localTime(y: number, m: number, d: number, hour: number, offset: number): Date {
  return new Date(Date.UTC(y, m, d, hour) - offset * 60_000);
}

/** Parses a future time; null when the text is not (all) a time. */
export function parseWhen(input: string, now: Date, timeZone: string): Date | null {
  const r = parseLeadingWhen(input, now, timeZone);
  return r && r.rest === "" ? r.at : null;
}

/** A future time at the start of the text, and what follows it: 明天下午3点给张总打电话. */
export function parseLeadingWhen(input: string, now: Date, timeZone: string): { at: Date; rest: string } | null {
  const text = input.trim();
  const offset = zoneOffsetMinutes(timeZone, now);
  const local = new Date(now.getTime() + offset * 60_000); // wall clock, read with getUTC*
  const monthEnd = /^(本月|这个月)?月底/.exec(text);
  if (monthEnd) {
    const end = (monthsAhead: number) =>
      localTime(local.getUTCFullYear(), local.getUTCMonth() + monthsAhead + 1, 0, DEFAULT_HOUR, offset);
    return { at: end(0) > now ? end(0) : end(1), rest: text.slice(monthEnd[0].length).trim() };
  }
  const [r] = chrono.zh.hans.parse(text, { instant: now, timezone: offset }, { forwardDate: true });
  if (!r || r.index !== 0) return null;
  let at = r.start.date();
  if (!r.start.isCertain("hour")) {
    const day = new Date(at.getTime() + offset * 60_000);
    at = localTime(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), DEFAULT_HOUR, offset);
  }
  return at > now ? { at, rest: text.slice(r.text.length).trim() } : null;
}

/** 11月24日 15:00 in the zone. */
export function formatWhen(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
