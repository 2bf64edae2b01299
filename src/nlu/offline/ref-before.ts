// The record named before a word, cut at that word: a name the finder read across it
// (星桥物流报个价 → 星桥物流报, 鼎拓科技付了多少 → 鼎拓科技付) ends where the word begins.
import { cleanName } from "./names.ts";
import { refBefore, type Utterance } from "./utterance.ts";

export function nameBefore(u: Utterance, index: number): string | null {
  const ref = refBefore(u, index);
  const hit = u.names.find((h) => h.name === ref);
  if (!hit || hit.index + hit.name.length <= index || hit.index >= index) return ref ?? wholeHead(u.text.slice(0, index));
  return cleanName(u.text.slice(hit.index, index)) ?? ref;
}

/** 星桥物流报个价 where no name was found: the words before the verb, when they are all a name. */
function wholeHead(head: string): string | null {
  const words = head.replace(/^(帮我|请|麻烦)?(给|为|替)?/, "").replace(/(那单|那边|这边|的)$/, "").trim();
  return /^[\u4e00-\u9fa5A-Za-z0-9]{2,12}$/.test(words) && !/(今天|明天|昨天|我|你|他|她|客户|这个|那个|一下|了)/.test(words) ? cleanName(words) : null;
}
