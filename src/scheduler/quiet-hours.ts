// Quiet hours (default 21:00–08:00 local): non-urgent pushes wait for the end.
import { minutesOf } from "../config/crm/reminder-settings.ts";
import { atLocal, localParts, spreadOffsetMs } from "../util/local-time.ts";

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

export interface QuietRules {
  quietHours: QuietHours;
  spreadMinutes: number;
  urgentKinds: readonly string[];
}

/** When a deferrable job of `kind` due at `dueAt` is released: null when it runs on time,
 * else the end of the quiet period it falls in plus the recipient's spread offset (the
 * runner holds it exactly so). `spreadKey` is the job's recipient id (else its id). */
export function quietRelease(kind: string, dueAt: Date, rules: QuietRules, timeZone: string, spreadKey: string): Date | null {
  if (rules.urgentKinds.includes(kind)) return null;
  const until = quietUntil(dueAt, rules.quietHours, timeZone);
  return until && new Date(until.getTime() + spreadOffsetMs(spreadKey, rules.spreadMinutes));
}
