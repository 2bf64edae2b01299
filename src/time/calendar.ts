// Days and calendar months in the CRM's time zone for the pool: claim limits reset on the
// 1st, once-a-day notices are keyed by the local date.
import { atLocal, localParts } from "../util/local-time.ts";

export { localDateKey } from "../util/local-time.ts";

const DAY_MS = 86_400_000;

export const days = (n: number): number => n * DAY_MS;

/** The calendar month containing `now`: its first instant and the next month's. */
export function monthWindow(now: Date, timeZone: string): { start: Date; next: Date } {
  const { year, month } = localParts(now, timeZone);
  return { start: atLocal(year, month, 1, 0, timeZone), next: atLocal(year, month + 1, 1, 0, timeZone) };
}

/** 11月26日 */
export function formatDay(at: Date, timeZone: string): string {
  const { month, day } = localParts(at, timeZone);
  return `${month}月${day}日`;
}

/** Whole days from `from` to `to` (0 when less than a day). */
export const wholeDaysBetween = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
