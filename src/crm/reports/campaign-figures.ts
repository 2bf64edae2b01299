// Conversion per lead source and per campaign: of the leads created in a range (owned within
// the report scope; an admin also counts unowned ones) → MQL (score ≥ reports.campaigns.mqlScore,
// or converted) → converted (status converted) → won (the customer made from the lead has a
// won deal) → won amount and 回款 (confirmed payments on that customer's contracts), both to
// date. Spend comes from `campaigns`: cost per lead and ROI = (won amount − cost) / cost.
// Chat, pictures and REST all read `conversionReport`, so they show the same numbers.
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { LEAD_SOURCES } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Fen } from "../money/index.ts";
import { receiptsByCustomerSql } from "../receivables/index.ts";
import type { ReportScope } from "./report-scope.ts";

export interface ConversionRow {
  leads: number;
  mql: number;
  converted: number;
  won: number;
  wonFen: Fen;
  receiptsFen: Fen;
}

export interface SourceRow extends ConversionRow {
  source: string;
}

export interface CampaignRow extends ConversionRow {
  campaign: string;
  /** null: no spend recorded, or not shown to this viewer. */
  costFen: Fen | null;
  costPerLeadFen: Fen | null;
  /** (won amount − cost) / cost, 4 decimals; null without a cost or outside the whole company. */
  roi: number | null;
}

export interface ConversionReport {
  sources: SourceRow[];
  campaigns: CampaignRow[];
  total: ConversionRow;
  /** Whether cost per lead and ROI could be worked out (the figures cover every lead). */
  roiShown: boolean;
  mqlScore: number;
}

/** Created at or after `from`, before `to`; null: all time. */
export interface LeadRange {
  from: Date;
  to: Date;
}

export interface ConversionQuery {
  scope: ReportScope;
  /** Managers and admins see spend; reps do not. */
  viewerSeesCost: boolean;
  range: LeadRange | null;
  /** Only this campaign (活动 <名称>). */
  campaign?: string;
}

const empty = (): ConversionRow => ({ leads: 0, mql: 0, converted: 0, won: 0, wonFen: 0, receiptsFen: 0 });

function wonStage(settings: CrmSettings): string {
  return settings.opportunities.stages.find((s) => s.outcome === "won")!.name;
}

/** The leads counted: owned within the scope (an admin also counts unowned ones), created in
 * the range, of the campaign asked for. */
function leadFilter(q: ConversionQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (q.scope.kind !== "all") {
    parts.push(q.scope.ids.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`l.owner_id IN (${Prisma.join(q.scope.ids.map((id) => Prisma.sql`${id}::uuid`))})`);
  }
  if (q.range) parts.push(Prisma.sql`l.created_at >= ${q.range.from} AND l.created_at < ${q.range.to}`);
  if (q.campaign !== undefined) parts.push(Prisma.sql`l.campaign = ${q.campaign}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/** GROUPING(source, campaign): which grouping set a row adds up. */
const BY_SOURCE = 1;
const BY_CAMPAIGN = 2;

interface FigureRow {
  g: number;
  source: string | null;
  campaign: string | null;
  leads: number;
  mql: number;
  converted: number;
  won: number;
  won_fen: bigint;
  receipts_fen: bigint;
}

/** One statement: each lead with the customer made from it (from_lead_id, one at most), that
 * customer's won deals (amount in yuan, 2 decimals: × 100 is exact fen) and 回款 (the
 * receivables rule), added up per source, per campaign and in total. Wins and receipts are
 * summed per customer over the whole (small) tables and hash-joined: the planner's estimates
 * stay sound, where a CTE of the leads misleads it into JIT-compiling (seconds). */
async function figureRows(tx: Tx, settings: CrmSettings, q: ConversionQuery): Promise<FigureRow[]> {
  const converted = Prisma.sql`(c.id IS NOT NULL OR l.status = 'converted')`;
  return tx.$queryRaw<FigureRow[]>`
    SELECT GROUPING(l.source, l.campaign)::int AS g, l.source, l.campaign,
      COUNT(*)::int AS leads,
      (COUNT(*) FILTER (WHERE ${converted} OR l.score >= ${settings.reports.campaigns.mqlScore}))::int AS mql,
      (COUNT(*) FILTER (WHERE ${converted}))::int AS converted,
      COUNT(w.customer_id)::int AS won,
      COALESCE(SUM(w.fen), 0)::bigint AS won_fen,
      COALESCE(SUM(r.fen), 0)::bigint AS receipts_fen
    FROM leads l
    LEFT JOIN customers c ON c.from_lead_id = l.id
    LEFT JOIN (
      SELECT o.customer_id, (COALESCE(SUM(o.amount), 0) * 100)::bigint AS fen
      FROM opportunities o WHERE o.stage = ${wonStage(settings)} GROUP BY o.customer_id
    ) w ON w.customer_id = c.id
    LEFT JOIN (${receiptsByCustomerSql}) r ON r.customer_id = c.id
    WHERE ${leadFilter(q)}
    GROUP BY GROUPING SETS ((l.source), (l.campaign), ())`;
}

const figures = (r: FigureRow): ConversionRow => ({
  leads: r.leads,
  mql: r.mql,
  converted: r.converted,
  won: r.won,
  wonFen: Number(r.won_fen),
  receiptsFen: Number(r.receipts_fen),
});

const sourceRank = (s: string) => {
  const i = (LEAD_SOURCES as readonly string[]).indexOf(s);
  return i < 0 ? LEAD_SOURCES.length : i;
};

export async function conversionReport(tx: Tx, settings: CrmSettings, q: ConversionQuery): Promise<ConversionReport> {
  let total = empty();
  const bySource = new Map<string, ConversionRow>();
  const byCampaign = new Map<string, ConversionRow>();
  for (const r of await figureRows(tx, settings, q)) {
    if (r.g === BY_SOURCE) bySource.set(r.source!, figures(r));
    else if (r.g === BY_CAMPAIGN) {
      if (r.campaign !== null) byCampaign.set(r.campaign, figures(r));
    } else total = figures(r);
  }
  const spend = q.viewerSeesCost
    ? await tx.campaign.findMany({ where: q.campaign !== undefined ? { name: q.campaign } : {}, select: { name: true, costFen: true } })
    : [];
  const cost = new Map(spend.map((s) => [s.name, Number(s.costFen)]));
  // A campaign with spend and no lead yet is shown too (money out, nothing in), and so is the
  // one asked for by name.
  for (const name of [...cost.keys(), ...(q.campaign !== undefined ? [q.campaign] : [])]) if (!byCampaign.has(name)) byCampaign.set(name, empty());
  const roiShown = q.scope.kind === "all";
  const campaigns = [...byCampaign.entries()].map(([campaign, row]): CampaignRow => {
    const costFen = cost.get(campaign) ?? null;
    const priced = roiShown && costFen !== null && costFen > 0;
    return {
      campaign,
      ...row,
      costFen,
      costPerLeadFen: priced && row.leads > 0 ? Math.round(costFen / row.leads) : null,
      roi: priced ? Math.round(((row.wonFen - costFen) / costFen) * 10_000) / 10_000 : null,
    };
  });
  campaigns.sort((a, b) => b.leads - a.leads || a.campaign.localeCompare(b.campaign, "zh-CN"));
  const sources = [...bySource.entries()].map(([source, row]) => ({ source, ...row }));
  sources.sort((a, b) => sourceRank(a.source) - sourceRank(b.source) || a.source.localeCompare(b.source));
  return { sources, campaigns, total, roiShown, mqlScore: settings.reports.campaigns.mqlScore };
}
