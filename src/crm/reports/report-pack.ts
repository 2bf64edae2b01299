// The pictures a pushed report carries — the weekly report to managers, the monthly report to
// admins, a team group's weekly report, 周报 on demand: the funnel of open deals now, target
// progress and the 成交 ranking for a month, and their numbers as one text for people who
// cannot see pictures. Drawn by the same functions as 销售漏斗, 业绩 and 排行, so they agree.
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { chartImage } from "../../render/charts/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import { localDateKey, localParts } from "../../util/local-time.ts";
import { formatFenZh } from "../money/index.ts";
import { snapshotChart } from "./funnel-chat.ts";
import { funnelSnapshot } from "./funnel.ts";
import { zhWeekly } from "./messages-weekly.ts";
import { displayName, progressChart, rankChart } from "./performance-charts.ts";
import { leaderboard, targetProgress, type Figure, type TargetProgress } from "./performance.ts";
import { periodAt, type Period } from "./period.ts";
import type { User } from "../../auth/users.ts";
import type { ReportScope } from "./report-scope.ts";

export interface PackInput {
  scope: ReportScope;
  /** The team whose target the total is measured against (a manager's), or null. */
  teamId: string | null;
  /** Target progress and the ranking are for this month. */
  month: Period;
  now: Date;
  timeZone: string;
  settings: CrmSettings;
  /** How the funnel's subtitle names the scope (团队, 全公司, a team's name). */
  label: string;
  /** Makes file names unique per recipient and occasion. */
  tag: string;
}

export interface Pack {
  /** The month's total against its target, when one is set (for the report's text). */
  progressLine: string | null;
  /** The pictures, then the text with their numbers (empty when there is nothing to draw). */
  replies: Reply[];
}

const RANK_LINES = 10;
/** 48万/50万（96%）, or the actual alone without a target. */
export const fig = (f: Figure) => zhWeekly.figure(formatFenZh(f.actualFen), f.targetFen === null ? null : formatFenZh(f.targetFen), f.percent);

function progressLine(p: TargetProgress): string | null {
  if (p.total.won.targetFen === null && p.total.receipts.targetFen === null) return null;
  return zhWeekly.progressLine(p.period.label, fig(p.total.won), fig(p.total.receipts));
}

/** A person's own progress this month (今日待办), or null without a target. */
export async function monthTargetLine(tx: Tx, user: User, now: Date, timeZone: string, settings: CrmSettings): Promise<string | null> {
  const month = periodAt("month", now, timeZone);
  const p = await targetProgress(tx, { users: [user], ids: [user.id], kind: "self" }, month, { settings });
  const row = p.rows[0];
  if (!row || (row.won.targetFen === null && row.receipts.targetFen === null)) return null;
  return zhWeekly.progressLine(month.label, fig(row.won), fig(row.receipts));
}

export async function reportPack(tx: Tx, i: PackInput): Promise<Pack> {
  const [funnel, progress, ranks] = await Promise.all([
    funnelSnapshot(tx, i.scope, i.settings),
    targetProgress(tx, i.scope, i.month, { settings: i.settings, teamId: i.teamId }),
    leaderboard(tx, i.scope, i.month, "won", i.settings),
  ]);
  const p = localParts(i.now, i.timeZone);
  const day = `${p.month}月${p.day}日`;
  const date = localDateKey(i.now, i.timeZone);
  const images: Reply[] = [];
  const numbers: string[] = [];
  const open = funnel.filter((r) => r.count > 0);
  if (open.length > 0) {
    images.push(chartImage(snapshotChart(funnel, i.label, day), `funnel-${i.tag}-${date}.png`));
    numbers.push(zhWeekly.funnelNumbers(day, open.map((r) => zhWeekly.funnelStage(r.stage, r.count, formatFenZh(r.amountFen))).join("，")));
  }
  const targeted = progress.rows.filter((r) => r.won.targetFen !== null || r.receipts.targetFen !== null);
  if (targeted.length > 0) {
    images.push(chartImage(progressChart({ ...progress, rows: targeted }), `targets-${i.tag}-${i.month.key}.png`));
    numbers.push(zhWeekly.progressNumbers(i.month.label, targeted.map((r) => zhWeekly.progressPerson(displayName(r.user), fig(r.won), fig(r.receipts))).join("；")));
  }
  const winners = ranks.filter((r) => r.value > 0);
  if (winners.length > 1) {
    images.push(chartImage(rankChart(winners, "won", i.month.label), `leaderboard-${i.tag}-${i.month.key}.png`));
    const shown = winners.slice(0, RANK_LINES).map((r) => zhWeekly.rankRow(r.rank, displayName(r.user), formatFenZh(r.value)));
    numbers.push(zhWeekly.rankNumbers(i.month.label, [...shown, ...(winners.length > RANK_LINES ? [zhWeekly.more(winners.length)] : [])].join(" ")));
  }
  const replies = images.length ? [...images, text([zhWeekly.numbersTitle, ...numbers].join("\n"))] : [];
  return { progressLine: progressLine(progress), replies };
}
