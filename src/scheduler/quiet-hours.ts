// Quiet hours (default 21:00–08:00 local): non-urgent pushes wait for the end.
import { minutesOf } from "../crm/settings/reminder-settings.ts";
import { atLocal, localParts } from "../util/local-time.ts";

export interface QuietHours {
  start: string;
  end: string;
}

/** The end of the quiet period `at` falls in, or null when `at` is not in quiet hours. */
export function quietUntil(at: Date, quiet: QuietHours, timeZone: string): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const p = localParts(at, timeZone);
  const wraps = start > end; // 21:00–08:00 spans midnight
  const inQuiet = wraps ? p.minutes >= start || p.minutes < end : p.minutes >= start && p.minutes < end;
  if (!inQuiet) return null;
  const endsTomorrow = wraps && p.minutes >= start;
  return atLocal(p.year, p.month, p.day + (endsTomorrow ? 1 : 0), end, timeZone);
}
