// Where a lead came from, as reps say it, mapped to the configured lead sources
// (LEAD_SOURCES): 百度推广 → 广告投放, 官网留言 → 官网表单, 进博会 → 展会, 朋友推荐 → 转介绍.
// A table, read by the longest phrase said: 公众号留言 is 公众号, not the 留言 of 官网留言.
import { LEAD_SOURCES, type LeadSource } from "../../config/crm/crm-settings.ts";

/** Phrases per source. Latin phrases match whole words, any case. */
const PHRASES: Readonly<Record<Exclude<LeadSource, "其他">, readonly string[]>> = {
  广告投放: [
    "广告投放", "广告线索", "广告", "投放", "百度推广", "百度竞价", "百度搜索", "百度", "竞价", "推广", "信息流", "抖音广告", "抖音",
    "巨量引擎", "巨量", "今日头条", "头条", "朋友圈广告", "小红书", "sem", "ads", "google ads",
  ],
  官网表单: ["官网表单", "官网留言", "官网", "官方网站", "网站", "网页", "表单", "在线留言", "留言", "website", "web form", "webform", "landing page"],
  展会: ["展会", "展台", "展位", "展览", "会展", "博览会", "进博会", "广交会", "交易会", "峰会", "论坛", "沙龙", "研讨会", "发布会", "名片", "expo", "trade show", "exhibition", "booth"],
  转介绍: ["转介绍", "老客户介绍", "客户介绍", "老客户推荐", "客户推荐", "朋友推荐", "朋友介绍", "同事介绍", "同行介绍", "熟人介绍", "推荐", "介绍", "referral", "referred"],
  公众号: ["公众号", "公众号留言", "服务号", "微信公众号"],
  电话咨询: ["电话咨询", "来电", "来电咨询", "打电话进来", "电话进来", "电话打进来", "打进来", "打电话来", "打来电话", "打来", "400电话", "热线", "咨询", "inbound call", "inbound", "called in", "phone inquiry"],
};

/** Words said of many sources: they decide only when nothing more telling is said. */
const WEAK = new Set(["留言", "咨询", "介绍", "推荐", "推广", "表单", "投放"]);

interface Entry {
  re: RegExp;
  source: LeadSource;
  weight: number;
}

const configured = new Set<string>(LEAD_SOURCES);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const TABLE: readonly Entry[] = Object.entries(PHRASES)
  .filter(([source]) => configured.has(source))
  .flatMap(([source, phrases]) =>
    phrases.map((p) => ({
      re: /^[a-z ]+$/i.test(p) ? new RegExp(`\\b${escape(p).replace(/ /g, "\\s*")}\\b`, "i") : new RegExp(escape(p)),
      source: source as LeadSource,
      weight: WEAK.has(p) ? 1 : p.length,
    })),
  );

/** The configured source the text names, or undefined: the most telling phrase, then the first said. */
export function leadSourceIn(text: string): LeadSource | undefined {
  let best: { source: LeadSource; weight: number; index: number } | undefined;
  for (const e of TABLE) {
    const m = e.re.exec(text);
    if (!m) continue;
    if (!best || e.weight > best.weight || (e.weight === best.weight && m.index < best.index)) best = { source: e.source, weight: e.weight, index: m.index };
  }
  return best?.source;
}

/** Is the word itself only a source (展会, 官网来的, 来源百度)? */
export const isSourceWord = (word: string): boolean => {
  const bare = word.replace(/^(来源|来自|从|通过|是)[:：]?/, "").replace(/(来的|过来的|进来的|上认识的?|认识的?|上加的|上的|加的|那边的|的)$/, "");
  return bare.length > 0 && TABLE.some((e) => e.re.test(bare) && bare.replace(e.re, "").length <= 2);
};

/** 杭州云帆网络展会 → [杭州云帆网络, 展会]: a word ending in a source phrase, split; else null. */
export function splitSourceTail(word: string): [string, string] | null {
  for (const e of TABLE) {
    const m = new RegExp(`(?:${e.re.source})(?:来的|上认识的?|认识的?|的)?$`, e.re.flags).exec(word);
    if (m && m.index >= 2) return [word.slice(0, m.index), word.slice(m.index)];
  }
  return null;
}
