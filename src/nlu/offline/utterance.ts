// One request, read once: its words as written, the cleaned text, its time phrases and the
// names it mentions, shared by every intent's patterns.
import type { ProposedAction } from "../engine.ts";
import { findNames, primaryRef, type NameHit } from "./names.ts";
import { normalize } from "./text.ts";
import { findTimes, isoLocal, type TimeSpan } from "./times.ts";

export interface Utterance {
  /** As the user wrote it (half-width, single spaces): notes are cut from this. */
  original: string;
  /** Normalised for matching (typos fixed, English read as Chinese). */
  text: string;
  now: Date;
  timeZone: string;
  /** The user's recent names, led by the record an earlier request in the message named. */
  recentNames: readonly string[];
  times: TimeSpan[];
  names: NameHit[];
  /** The record an earlier request of the same message named: what a request without a name is about. */
  carried: string | null;
}

export interface Clock {
  now: Date;
  timeZone: string;
}

export function readUtterance(original: string, clock: Clock, recentNames: readonly string[], carried: string | null = null): Utterance {
  const text = normalize(original);
  const times = findTimes(text, clock.now, clock.timeZone);
  const recent = carried ? [carried, ...recentNames.filter((r) => r !== carried)] : recentNames;
  return { original, text, ...clock, recentNames: recent, times, names: findNames(text, times, recent), carried };
}

/** The same request cut down to a part of its text (times and names read again for it). */
export function part(u: Utterance, text: string): Utterance {
  const times = findTimes(text, u.now, u.timeZone);
  return { ...u, text, times, names: findNames(text, times, u.recentNames) };
}

/** The record the request is about, or null. */
export const refOf = (u: Utterance): string | null => primaryRef(u.names, u.text, u.recentNames, u.carried);

/** The record named before a position (the subject of 推进/签了/丢了), else the request's. */
export function refBefore(u: Utterance, index: number): string | null {
  const hits = u.names.filter((h) => h.index < index);
  return primaryRef(hits, u.text.slice(0, index), u.recentNames, u.carried) ?? refOf(u);
}

export const iso = (u: Utterance, at: Date): string => isoLocal(at, u.timeZone);

export const propose = (action: string, params: Record<string, unknown>): ProposedAction => ({ action, params });

/** A #code written in the request (#12, 12号, 第12个), digits only. */
export function codeIn(text: string, around: RegExp): string | null {
  const m = new RegExp(`(?:${around.source})\\s*(?:#|第)?(\\d{1,9})|(?:#|第)?(\\d{1,9})\\s*(?:号|个)?\\s*(?:${around.source})`).exec(text);
  return m ? (m[1] ?? m[2] ?? null) : null;
}
