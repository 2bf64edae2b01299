// Report questions in plain words: 本月业绩怎么样, 王芳上个月的业绩, 这个月谁回款最多, 漏斗发我,
// 本季预测, 华为的健康度, 团队待办, 给杨帆设12月目标 成交60万… The period is read at `now` into
// its key (2026-11, 2026-Q4, 2026) by the reports' own reader; a person is a short name before
// 的 / a period / 手里; 我 is nobody. Feelings, announcements and asks to write a text are left
// alone (业绩压力好大, 周一开会过业绩, 帮我写一份周报).
import type { ProposedAction } from "../engine.ts";
import { parsePeriod } from "../../crm/assembly.ts";
import { localParts } from "../../util/local-time.ts";
import { amountYuan } from "./numbers.ts";
import { propose, type Utterance } from "./utterance.ts";

const PERIOD_WORDS =
  "上上个?月|上上个?季度?|前年|本月|这个月|这月|当月|上个?月|下个?月|本季度?|这个?季度|上个?季度|下个?季度|今年|本年度?|去年|明年|全年|\\d{4}\\s*[-年./]\\s*\\d{1,2}\\s*月?份?|\\d{4}\\s*-?\\s*[Qq][1-4]|\\d{4}\\s*年?\\s*第?[一二三四1-4]季度|第[一二三四1-4]季度|[Qq][1-4]|\\d{4}\\s*年(?:全年)?|\\d{4}(?=全年)|(?:明年|今年|去年)?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?";
const PERIOD = new RegExp(`(${PERIOD_WORDS})`);

const CN_MONTH: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/** The period the words name, as a key (2026-11, 2026-Q4, 2026), or undefined. */
export function periodKeyOf(text: string, now: Date, timeZone: string): string | undefined {
  const m = PERIOD.exec(text);
  if (!m) return undefined;
  let w = m[1]!.replace(/\s+/g, "").replace(/份$/, "");
  if (w === "全年") w = "今年";
  w = w.replace(/^(\d{4})全年$/, "$1").replace(/年全年$/, "年");
  const year = localParts(now, timeZone).year;
  const rel = /^(明年|今年|去年)(.+月)$/.exec(w);
  if (rel) w = `${year + (rel[1] === "明年" ? 1 : rel[1] === "去年" ? -1 : 0)}年${rel[2]}`;
  w = w.replace(/(十[一二]?|[一二三四五六七八九])月$/, (_s, cn: string) => `${CN_MONTH[cn]}月`);
  w = w.replace(/^(\d{4})[./]/, "$1-");
  return parsePeriod(w, now, timeZone)?.key;
}

/** Words that are never a person. */
const NOT_PERSON = /^(我|我们|我的|咱|咱们|团队|公司|大家|全员|全部|所有|整体|本月|这个|那个|今年|去年|明年|上个|下个|本季|这季|哪个|哪些|谁|什么|客户|销售|部门|老板|本周|上周|每个|各个|每人|全公司|月度|年度|季度|业绩|目标)$/;
const PERSON_BEFORE = new RegExp(`^(?:看下|看看|查下|查一下|帮我看下|帮我看看|给我看看|拉一下|拉下)?([\\u4e00-\\u9fa5]{2,3}?)(?=的|(?:${PERIOD_WORDS})|手里|手上|名下|负责|在跟|跟的|做的|本季|这季|今年)`);

function personOf(text: string): string | undefined {
  const m = PERSON_BEFORE.exec(text);
  const name = m?.[1];
  if (!name || NOT_PERSON.test(name) || /^(我|咱|你|他|她|给|把|帮|让|设|定|看|查|拉|发|出|团队|本|这|上|下|今|去|明)/.test(name) || PERIOD.test(name)) return undefined;
  return name;
}

const AMOUNT = /(\d+(?:\.\d+)?\s*(?:万|w|W|千|k|K)?(?:元|块)?|[一二两三四五六七八九十百千]+万)/;

const METRICS: ReadonlyArray<[RegExp, string]> = [
  [/回款/, "回款"],
  [/跟进|拜访/, "跟进"],
  [/新客户|新客|开发客户|开.{0,2}客户/, "新客户"],
  [/签单|成交|赢单|业绩|开单|销售额|金额/, "成交"],
];

/** Not a request: feelings, praise, announcements, asks to compose a text. */
const NOT_A_REQUEST = /(冲业绩|冲刺|新年快乐|交周报|周报交|把周报|提醒我|提醒一下|记得|导出|导一份|下载|推到|推进|改成|改为|改到|签约|签了|拿下|赢单|输单|没戏|申请|回电话|打电话|报价|卡片|压力|好烦|愁死|烦死|太难|上不去|辛苦|达标了|请喝|请客|大家注意|通知|开会|写一份|写个|写份|起草|草拟|整理一份|帮我写|润色|区别|笑话|哈哈)/;

/** A request for a read: asked (怎么样, 多少, 看, 发我, ？) or short like a command (本月业绩). */
const ASK = /(怎么样|咋样|如何|多少|几个|几条|几件|哪些|哪个|哪几|谁|看|查|发|给我|拉|出个|出一份|列|情况|数据|怎样|进度|统计|分析|排行|排名|第几|[?？吗呢]|\b(show|how|what|list|send)\b)/i;
const asked = (t: string) => ASK.test(t) || t.replace(new RegExp(PERIOD_WORDS, "g"), "").replace(/\s+/g, "").length <= 8;

function leaderboardOf(t: string, period: string | undefined): ProposedAction | null {
  const named = /(排行|排名|排位|名次|榜|leaderboard|top\s*\d*\s*sales?)/i.test(t);
  // 谁…最多 / 第几 / 前三 rank people only when about sales (not 谁是世界上最高的人, 今天是第几天)
  const asked = /(第几|谁.{0,8}(最多|最高|第一|最勤|最好|最猛|最快)|前[三五十]名?)/.test(t) && (METRICS.some(([re]) => re.test(t)) || /销售|单/.test(t));
  if (!named && !asked) return null;
  const metric = METRICS.find(([re]) => re.test(t))?.[1];
  return propose("report.leaderboard", { ...(period ? { period } : {}), ...(metric ? { metric } : {}) });
}

function targetOf(t: string, period: string | undefined, who: string | undefined): ProposedAction | null {
  if (!/(目标|target|指标)/i.test(t)) return null;
  const set = /(设|定|制定|调|改|订)/.test(t) && AMOUNT.test(t);
  if (!set && !/(多少|几|进度|完成|看|查|发|给我|怎么样|[?？]|target)/i.test(t)) return null;
  const won = new RegExp(`(?:成交|签单|业绩|销售额)(?:目标)?(?:定为|定成|设为|设成|是|为|:|：)?\\s*${AMOUNT.source}`).exec(t)?.[1];
  const receipts = new RegExp(`回款(?:目标)?(?:定为|定成|设为|设成|是|为|:|：)?\\s*${AMOUNT.source}`).exec(t)?.[1];
  const target = who ?? /(?:给|把|帮)([\u4e00-\u9fa5]{2,3}?)(?:设|定|制定|的|下个?月|本月|这个月|\d|十)/.exec(t)?.[1];
  const params: Record<string, unknown> = {};
  if (target && !NOT_PERSON.test(target)) params["who"] = target;
  if (period) params["period"] = period;
  if (set) {
    const w = won ? amountYuan(won) : null;
    const r = receipts ? amountYuan(receipts) : null;
    if (w !== null) params["won"] = w;
    if (r !== null) params["receipts"] = r;
  }
  return propose("report.target", params);
}

function teamViewOf(t: string, who: string | undefined): ProposedAction | null {
  const stage = /(初步沟通|需求确认|方案演示|报价谈判|合同签署)/.exec(t)?.[1];
  if (/团队待办|团队.{0,6}(逾期|没处理|待办|要处理|没办)|大家.{0,4}(逾期|待办)/.test(t)) return propose("report.team_todo", {});
  const team = /团队|组里|手下|下属|team/i.test(t);
  const deals = /(商机|单子|pipeline|deals?)/i.test(t);
  const customers = /(客户)/.test(t) && !/健康|满意/.test(t);
  const leads = /线索/.test(t) && !/来源|渠道/.test(t);
  if (team && stage) return propose("report.team_deals", { who: stage });
  if (!team && !who) return null;
  // 林娜手里在跟的单子, 郭涛负责哪些客户 — not 腾讯的商机 (a customer's deal)
  const named = who && /(手里|手上|名下|负责|在跟|跟的)/.test(t) ? { who } : team ? {} : null;
  if (!named) return null;
  if (deals || (stage && team)) return propose("report.team_deals", named);
  if (leads) return propose("report.team_leads", named);
  if (customers) return propose("report.team_customers", named);
  if (team && /团队.{0,4}(商机|进行中)/.test(t)) return propose("report.team_deals", named);
  return null;
}

function healthOf(t: string): ProposedAction | null {
  if (!/(健康度|健不健康|健康分|health|流失风险|快流失|要流失)/i.test(t)) return null;
  const ref = /^(?:看下|看看|查下|查一下)?([\u4e00-\u9fa5A-Za-z0-9]{2,10}?)(?:这个客户|这家|那家)?(?:的)?(?:客户)?(?:健康度|健不健康|健康分|health)/i.exec(t)?.[1];
  return propose("report.health", ref && !/^(客户|最差|最低|哪些|哪几个|所有|全部|我的|团队)/.test(ref) ? { ref } : {});
}

/** The report actions a question asks for (one or two), or none. */
export function reportsOf(u: Utterance): ProposedAction[] {
  const t = u.text.replace(/\s+/g, " ").trim();
  const low = `${t} ${u.original}`.toLowerCase();
  if (t.length > 40 || NOT_A_REQUEST.test(t)) return [];
  const period = periodKeyOf(t, u.now, u.timeZone);
  // 业绩 2026-11 何军: a name typed last, after the report's words
  const who = personOf(t) ?? (/^\S+(\s+\S+)?\s+([\u4e00-\u9fa5]{2,3})$/.exec(t)?.[2] ?? undefined);
  const out: ProposedAction[] = [];
  const forecast = /(预测|forecast|预计能成交|能成交多少)/i.test(low);
  const target = !forecast ? targetOf(t, period, who) : null;
  // 业绩, a person's deals or customers, a target: words that also come up in talk — only when asked
  if (target && (target.params["won"] !== undefined || target.params["receipts"] !== undefined || asked(t))) return [target];
  if (forecast) {
    const accuracy = /(准确|误差|偏差|差多少|准不准|accuracy)/i.test(low);
    return [propose("report.forecast", { ...(accuracy ? { accuracy: true } : {}), ...(period ? { period } : {}), ...(who ? { rep: who } : {}) })];
  }
  if (/周报|weekly\s*report/i.test(low)) {
    const week = /本周|这周|这星期|这个星期/.test(t) ? "本周" : /上周|上星期|上礼拜/.test(t) ? "上周" : undefined;
    return [propose("report.weekly", week ? { period: week } : {})];
  }
  const health = healthOf(t);
  if (health) return [health];
  if (/满意度|打分|评分怎么样|好评率|satisfaction/i.test(low)) return [propose("report.satisfaction", period ? { period } : {})];
  if (/工单(统计|数量|新建|解决|超时|多少|情况)|ticket\s*stat/i.test(low)) return [propose("report.tickets", period ? { period } : {})];
  const spend = /^活动\s*(\S{2,20}?)\s*(?:成本|花了|花费|投入)\s*(\S+)$/.exec(t) ?? /(\S{2,20}?)(?:这个)?活动\s*(?:花了|成本|花费|投入)\s*(\S+)$/.exec(t);
  const spendYuan = spend ? amountYuan(spend[2]!) : null;
  if (spend && spendYuan !== null) return [propose("report.campaign", { name: spend[1]!, cost: String(spendYuan) })];
  if (/(活动分析|活动.{0,4}(效果|转化|roi|ROI|回报|怎么样))/.test(t)) return [propose("report.campaigns", { ...(period ? { period } : {}), ...(who ? { person: who } : {}) })];
  if (/(渠道分析|线索来源|来源分析|渠道.{0,4}(效果|转化|roi|ROI|质量)|哪个渠道|来源.{0,4}(转化|效果))/.test(t)) return [propose("report.sources", { ...(period ? { period } : {}), ...(who ? { person: who } : {}) })];
  if (/(漏斗|funnel|漏抖)/i.test(low)) return [propose("report.funnel", { ...(period ? { period } : {}), ...(who ? { who } : {}) })];
  const board = leaderboardOf(low, period);
  const perf = asked(t) && /(业绩|业际|performance|kpi|完成率|完成情况|完成了多少)/i.test(low) && (!/(排行|排名)/.test(t) || /业绩(和|、|跟|以及|加)/.test(t));
  if (perf) out.push(propose("report.performance", { ...(period ? { period } : {}), ...(who ? { who } : {}) }));
  if (board && (!perf || /排行|排名/.test(t))) out.push(board);
  if (out.length) return out;
  const view = asked(t) || /^团队(商机|客户|线索|待办)/.test(t) ? teamViewOf(t, who) : null;
  return view ? [view] : [];
}
