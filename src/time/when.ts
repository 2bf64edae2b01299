// Times as reps write them: 明天下午3点, 3点, 下周三, 1小时后, 下个月, 月底, 2026-12-01 09:00 —
// in the CRM's time zone. The rules (a day without an hour is 09:00, a bare 3点 is 15:00,
// 周五下午 is 14:00, …) live in time-phrases.ts, shared with the free-text engine.
import { zoneOffsetMinutes } from "../util/local-time.ts";
import { findTimePhrases } from "./time-phrases.ts";

export { zoneOffsetMinutes };

/** Parses a future time; null when the text is not (all) a time. */
export function parseWhen(input: string, now: Date, timeZone: string): Date | null {
  const r = parseLeadingWhen(input, now, timeZone);
  return r && r.rest === "" ? r.at : null;
}

/** A future time at the start of the text, and what follows it: 明天下午3点给张总打电话. */
export function parseLeadingWhen(input: string, now: Date, timeZone: string): { at: Date; rest: string } | null {
  const text = input.trim();
  const [first] = findTimePhrases(text, now, timeZone);
  if (!first || first.index !== 0 || !first.at) return null;
  return { at: first.at, rest: text.slice(first.text.length).trim() };
}

/** 11月24日 15:00 in the zone. */
export function formatWhen(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
