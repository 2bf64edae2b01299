// Customer health 0–100 from its facts: start at 100, each factor subtracts (capped) and says
// why in Chinese. Pure: the facts come from health-facts.ts, the weights from reports.health.
import type { HealthSettings } from "../../config/crm/report-settings.ts";
import { formatFenZh } from "../money/index.ts";
import { zhHealth, type HealthBand } from "./messages-health.ts";

export interface HealthFacts {
  /** Whole days since the last follow-up (or since creation, when never followed up). */
  idleDays: number;
  neverFollowedUp: boolean;
  overdue: { count: number; owedFen: number };
  /** Open tickets of the configured priorities. */
  urgentTickets: Array<{ code: number; priority: string }>;
  lastSurvey: { score: number; code: number } | null;
  /** Contacts whose WeCom friendship the customer ended. */
  deletedBy: string[];
  /** Order value (fen) over the last window and the one before it. */
  orders: { recentFen: number; previousFen: number };
}

export type HealthFactor = "followUp" | "overdue" | "tickets" | "survey" | "deletedRep" | "orders";

export interface HealthReason {
  factor: HealthFactor;
  points: number;
  detail: string;
}

export interface Health {
  score: number;
  band: HealthBand;
  reasons: HealthReason[];
}

export function bandOf(score: number, s: HealthSettings): HealthBand {
  return score >= s.bands.healthy ? "healthy" : score >= s.bands.watch ? "watch" : "risk";
}

export function scoreHealth(f: HealthFacts, s: HealthSettings): Health {
  const reasons: HealthReason[] = [];
  const add = (factor: HealthFactor, points: number, detail: string) => {
    if (points > 0) reasons.push({ factor, points, detail });
  };
  const late = f.idleDays - s.followUp.graceDays;
  if (late > 0) add("followUp", Math.min(late * s.followUp.perDay, s.followUp.cap), f.neverFollowedUp ? zhHealth.followUpNever(f.idleDays) : zhHealth.followUpDays(f.idleDays));
  if (f.overdue.count > 0) add("overdue", Math.min(f.overdue.count * s.overdue.perInstalment, s.overdue.cap), zhHealth.overdue(f.overdue.count, formatFenZh(f.overdue.owedFen)));
  if (f.urgentTickets.length > 0) {
    const codes = f.urgentTickets.map((t) => `#${t.code}（${t.priority}）`).join("、");
    add("tickets", Math.min(f.urgentTickets.length * s.tickets.perTicket, s.tickets.cap), zhHealth.tickets(codes));
  }
  if (f.lastSurvey) add("survey", (5 - f.lastSurvey.score) * s.survey.perPoint, zhHealth.survey(f.lastSurvey.score, f.lastSurvey.code));
  if (f.deletedBy.length > 0) add("deletedRep", s.deletedRep.points, zhHealth.deletedRep(f.deletedBy.join("、")));
  const { recentFen, previousFen } = f.orders;
  if (previousFen > 0 && (previousFen - recentFen) * 100 > previousFen * s.orders.dropPercent) {
    const pct = Math.round(((previousFen - recentFen) * 100) / previousFen);
    add("orders", s.orders.points, zhHealth.orders(s.orders.months, formatFenZh(recentFen), formatFenZh(previousFen), pct));
  }
  const score = Math.max(0, 100 - reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, band: bandOf(score, s), reasons };
}
