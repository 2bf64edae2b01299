// Is a new company name likely one we already have? Names are reduced to their core: width,
// case, spaces, punctuation and bracketed parts (（中国）, (深圳)) go, then a leading region
// (上海, 深圳市, 广东省…) and trailing legal and generic words (有限公司, 股份, 集团, 科技,
// 信息, 技术…), as long as two characters remain. Two names are likely the same company when
// their cores are equal, sound the same (3+ characters), or differ by one edit (4+
// characters) — and they do not name two different regions (上海银行 ≠ 中国银行). A core
// that merely contains another is NOT enough: 腾讯音乐 is not 腾讯科技.
import { pinyin } from "pinyin-pro";

const PROVINCES = "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门";
const CITIES =
  "深圳|广州|杭州|南京|苏州|无锡|常州|宁波|温州|嘉兴|绍兴|金华|台州|合肥|厦门|福州|泉州|济南|青岛|烟台|郑州|武汉|长沙|成都|西安|沈阳|大连|长春|哈尔滨|石家庄|太原|南昌|南宁|昆明|贵阳|兰州|海口|三亚|珠海|佛山|东莞|中山|惠州|汕头|昆山|常熟|南通|扬州|徐州|盐城|芜湖|洛阳|宜昌|襄阳|株洲|绵阳|呼和浩特|乌鲁木齐|拉萨|银川|西宁";
const REGION = new RegExp(`^(中国|${PROVINCES}|${CITIES})(省|市|自治区|特别行政区)?`, "u");
const DISTRICT = /^[\p{Script=Han}]{2,3}(区|县)/u;
/** Legal forms and words that many company names end with, longest first. */
const SUFFIXES = [
  "股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "集团", "控股", "股份", "有限",
  "科技", "信息", "技术", "网络", "软件", "电子", "系统", "计算机", "数据", "智能", "数字",
  "实业", "贸易", "商贸", "国际", "中国", "发展", "服务", "咨询", "管理", "工程", "工作室", "企业", "事务所",
];
const MIN_CORE = 2;

export interface CompanyCore {
  core: string;
  /** The region the name started with, if any (上海, 深圳). */
  region: string | null;
}

const chars = (s: string) => [...s].length;

export function companyCore(name: string): CompanyCore {
  let s = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\([^)]*\)|（[^）]*）|【[^】]*】|\[[^\]]*\]/gu, "")
    .replace(/[\s\p{P}\p{S}]/gu, "");
  let region: string | null = null;
  const r = REGION.exec(s);
  if (r && chars(s.slice(r[0].length)) >= MIN_CORE) {
    region = r[1]!;
    s = s.slice(r[0].length);
    const d = DISTRICT.exec(s);
    if (d && chars(s.slice(d[0].length)) >= MIN_CORE + 2) s = s.slice(d[0].length);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (s.endsWith(suffix) && chars(s) - chars(suffix) >= MIN_CORE) {
        s = s.slice(0, s.length - suffix.length);
        changed = true;
        break;
      }
    }
  }
  return { core: s, region };
}

function editDistanceAtMostOne(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

const numerals = (s: string) => s.replace(/[^0-9一二三四五六七八九十零〇两百千]/gu, "");

const sound = (s: string) => pinyin(s, { toneType: "none", type: "array" }).join(" ");

/** Whether two company names likely mean the same company (see the file's comment). */
export function likelySameCompany(a: string, b: string): boolean {
  const x = companyCore(a);
  const y = companyCore(b);
  if (x.region && y.region && x.region !== y.region) return false;
  if (x.core === y.core) return true;
  // Numbered units (一部 / 二部, 分公司1 / 分公司2) are different companies, however close.
  const [nx, ny] = [numerals(x.core), numerals(y.core)];
  if (nx && ny && nx !== ny) return false;
  const [p, q] = [[...x.core], [...y.core]];
  const shortest = Math.min(p.length, q.length);
  if (shortest >= 3 && p.length === q.length && /^\p{Script=Han}+$/u.test(x.core + y.core) && sound(x.core) === sound(y.core)) return true;
  return shortest >= 4 && editDistanceAtMostOne(p, q);
}

/** Substrings of the core worth searching for candidates (indexable `contains`). */
export function candidateParts(name: string): string[] {
  const { core } = companyCore(name);
  const c = [...core];
  if (c.length <= 3) return [core];
  const mid = Math.floor(c.length / 2);
  return [core, c.slice(0, mid).join(""), c.slice(mid).join("")];
}

/** Company names as people type them: no spaces or brackets, no legal-form suffix. */
export function normalizeCompany(company: string): string {
  return company
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s()（）·.,，、]/g, "")
    .replace(/(股份)?有限(责任)?公司$|集团$|公司$/u, "");
}
