// A rep's own forecast category for a deal (商机 #3 预测:承诺): how sure they are it closes
// when they said, next to the stage's configured probability. Stored as the English key.
export const FORECAST_CATEGORIES = ["commit", "probable", "upside"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const FORECAST_CATEGORY_LABELS: Record<ForecastCategory, string> = { commit: "承诺", probable: "可能", upside: "乐观" };

/** Words that clear the category (back to 未分类). */
const CLEAR_WORDS = new Set(["无", "清除", "未分类", "空", "none"]);
const BY_WORD: Record<string, ForecastCategory> = {
  承诺: "commit",
  commit: "commit",
  可能: "probable",
  probable: "probable",
  乐观: "upside",
  upside: "upside",
};

/** The category a rep wrote; null to clear it; undefined when the word is none of them. */
export function parseForecastCategory(word: string): ForecastCategory | null | undefined {
  const w = word.trim().toLowerCase();
  if (CLEAR_WORDS.has(w)) return null;
  return BY_WORD[w];
}

export const isForecastCategory = (v: string | null): v is ForecastCategory => (FORECAST_CATEGORIES as readonly string[]).includes(v ?? "");
