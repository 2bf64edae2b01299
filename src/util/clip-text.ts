// Shortening text for fixed-size places (card fields, titles, one-line notices).

/** At most `max` UTF-16 units (what card schemas count) with "…" at the cut; never splits a
 * character made of two units. */
export function clipText(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}
