// Every time phrase in a message, wherever it stands, read by the same rules as the typed
// commands (src/crm/time-phrases.ts); and what the patterns do with them.
import { zoneOffsetMinutes } from "../../util/local-time.ts";

export { findTimePhrases as findTimes, type TimePhrase as TimeSpan } from "../../time/time-phrases.ts";

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
