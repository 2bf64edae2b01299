// Typo tolerance for 查, as Chinese users make typos: a homophone picked by the input
// method (华伟 for 华为, 腾迅 for 腾讯), or one character wrong, missing, extra or swapped.
import { pinyin } from "pinyin-pro";

const HAN = /^\p{Script=Han}+$/u;
const REGEX_SPECIAL = /[\\.^$|?*+()[\]{}]/g;

export const isHan = (s: string): boolean => HAN.test(s);

const esc = (chars: string[]): string => chars.join("").replace(REGEX_SPECIAL, "\\$&");

/** A regular expression (PostgreSQL and JavaScript) matching any text that contains the
 * query with at most one edit: a character wrong, missing, extra, or two swapped. Extra
 * characters in the query are only forgiven from 4 characters on, and 2-character
 * queries get no edits (one edit would be half the query). */
export function oneEditPattern(query: string): string | null {
  const q = [...query];
  const n = q.length;
  if (n < 3) return null;
  const variants = new Set<string>();
  for (let i = 0; i < n; i++) {
    variants.add(`${esc(q.slice(0, i))}.${esc(q.slice(i + 1))}`); // wrong character
    if (i > 0) variants.add(`${esc(q.slice(0, i))}.${esc(q.slice(i))}`); // a character missing from the query
    if (n >= 4) variants.add(esc([...q.slice(0, i), ...q.slice(i + 1)])); // an extra character in it
    if (i < n - 1) variants.add(esc([...q.slice(0, i), q[i + 1]!, q[i]!, ...q.slice(i + 2)])); // two swapped
  }
  return [...variants].join("|");
}

/** Parts of the query of which a text within one edit contains at least one unchanged:
 * the two halves (from 4 characters), or the first and last pair of a 3-character query
 * (which misses only a wrong middle character; homophones cover most of those). */
export function intactParts(query: string): string[] {
  const q = [...query];
  if (q.length < 3) return [];
  if (q.length === 3) return [q.slice(0, 2).join(""), q.slice(1).join("")];
  const mid = Math.floor(q.length / 2);
  return [q.slice(0, mid).join(""), q.slice(mid).join("")];
}

/** How to look for texts within one edit of the query: candidates containing an intact
 * part (indexable), a cheap test that they hold a character of every part (one edit
 * cannot remove both characters of a pair), then the exact pattern. */
export interface OneEdit {
  pattern: string;
  parts: string[];
  charClasses: string[];
}

export function oneEditQuery(query: string): OneEdit | null {
  const pattern = oneEditPattern(query);
  if (!pattern) return null;
  const parts = intactParts(query);
  return { pattern, parts, charClasses: parts.map((p) => `[${[...new Set(p)].join("").replace(/[\\\][^-]/g, "\\$&")}]`) };
}

const syllables = (s: string): string[] => pinyin(s, { toneType: "none", type: "array" });

/** Whether `text` contains a run of characters that sounds like the (Chinese) query but is
 * written differently: 华为技术有限公司 for 华伟. */
export function soundsLike(query: string, text: string): boolean {
  if (!isHan(query) || text.includes(query)) return false;
  const q = syllables(query);
  const t = syllables(text);
  for (let i = 0; i + q.length <= t.length; i++) {
    if (q.every((s, j) => t[i + j] === s)) return true;
  }
  return false;
}
