// Wall-clock arithmetic in a named time zone (CRM_TIMEZONE), without a date library.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of a zone at an instant (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  let format = formatters.get(timeZone);
  if (!format) {
    const options = { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" } as const;
    format = new Intl.DateTimeFormat("en-US", options);
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const local = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The instant of a local wall-clock time; day overflow (day 32, minutes 1500) rolls over. */
export function atLocal(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - zoneOffsetMinutes(timeZone, new Date(guess)) * 60_000;
  return new Date(guess - zoneOffsetMinutes(timeZone, new Date(first)) * 60_000);
}

/** "2026-11-23": the local calendar date. */
export function localDateKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** ISO week key "2026-W48" of the local date. */
export function isoWeekKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + 4 - p.weekday)); // Thursday of the week
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** A stable spread of 0…spreadMinutes-1 minutes for a key (user id), in ms. */
export function spreadOffsetMs(key: string, spreadMinutes: number): number {
  if (spreadMinutes <= 0) return 0;
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h % (spreadMinutes * 60)) * 1000;
}
