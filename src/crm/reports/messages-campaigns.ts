// What 渠道分析, 活动分析 and 活动 say (zh-CN).
import { formatFenZh, type Fen } from "../money/index.ts";

const pct = (part: number, whole: number) => (whole > 0 ? `（${Math.round((part / whole) * 100)}%）` : "");
const roiText = (roi: number) => `${Number((roi * 100).toFixed(2))}%`;

export interface RowFigures {
  leads: number;
  mql: number;
  converted: number;
  won: number;
  wonFen: Fen;
  receiptsFen: Fen;
}

export const zhCampaigns = {
  sourcesTitle: (period: string, whose: string) => `线索来源分析 · ${period} · ${whose}`,
  campaignsTitle: (period: string, whose: string) => `活动分析 · ${period} · ${whose}`,
  oneCampaignTitle: (name: string, whose: string) => `活动「${name}」· 全部线索 · ${whose}`,
  allTime: "全部时间",
  whoseAll: "全公司",
  whoseTeam: "本团队",
  whoseSelf: "你本人",
  whosePerson: (name: string) => name,
  legend: (mqlScore: number) => `MQL：评分≥${mqlScore}或已转化；赢单、成交额、回款统计到今天。`,
  row: (name: string, r: RowFigures) =>
    `${name}：线索 ${r.leads}，MQL ${r.mql}${pct(r.mql, r.leads)}，转化 ${r.converted}${pct(r.converted, r.leads)}，赢单 ${r.won}，成交 ${formatFenZh(r.wonFen)}，回款 ${formatFenZh(r.receiptsFen)}`,
  spend: (costFen: Fen | null, perLeadFen: Fen | null, roi: number | null) =>
    costFen === null ? "，未记成本" : `，成本 ${formatFenZh(costFen)}${perLeadFen === null ? "" : `，单条线索 ${formatFenZh(perLeadFen)}`}${roi === null ? "" : `，ROI ${roiText(roi)}`}`,
  total: (r: RowFigures) => zhCampaigns.row("合计", r),
  more: (n: number) => `……另有 ${n} 项，完整数字见 GET /api/v1/reports/campaigns。`,
  roiAdminOnly: "单条线索成本和 ROI 按全公司线索计算，仅管理员可见。",
  noLeads: (period: string) => `${period}没有新线索。`,
  noCampaigns: (period: string) => `${period}没有带活动的线索，也没有记录活动成本。用「活动 <名称> 成本 2万」记录花费。`,
  noSuchCampaign: (name: string) => `没有找到活动「${name}」：没有线索带这个活动，也没有记录过它的成本。`,
  badPeriod: (text: string) => `看不懂期间「${text}」，可以写 本月、上月、本季、2026-11、2026年。`,
  personNotVisible: (ref: string) => `看不到「${ref}」的数据：销售只能看自己的，经理看本团队的。`,
  teamNotVisible: (team: string) => `看不到团队「${team}」的数据：只有管理员和该团队的主管可以查看。`,
  costWriteDenied: "只有经理和管理员可以记录活动成本。",
  costMissing: "成本后面要写金额。例：活动 双11直播 成本 2万",
  costTooLarge: (v: string) => `成本「${v}」太大：一个活动最多记 1亿元，请检查金额和单位。例：活动 双11直播 成本 2万`,
  costBad: (v: string, why: string) => `成本「${v}」不对：${why}。例：活动 双11直播 成本 2万`,
  costSet: (name: string, fen: Fen, beforeFen: Fen | null) =>
    beforeFen === null ? `已记录活动「${name}」成本 ${formatFenZh(fen)}。` : `已更新活动「${name}」成本：${formatFenZh(beforeFen)} → ${formatFenZh(fen)}（以最新一次为准）。`,
  chartSources: (period: string) => `线索来源转化 ${period}`,
  chartCampaigns: (period: string) => `活动转化 ${period}`,
  seriesLeads: "线索",
  seriesMql: "MQL",
  seriesConverted: "转化",
  seriesWon: "赢单",
};
