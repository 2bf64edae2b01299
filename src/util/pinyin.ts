import { pinyin } from "pinyin-pro";

/** Pinyin initials for search: 华为技术 → hwjs; letters and digits are kept as they are. */
export function initialsOf(name: string): string {
  return pinyin(name.normalize("NFKC"), { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
