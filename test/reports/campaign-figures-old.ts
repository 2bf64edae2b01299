// 渠道分析 as it was computed before it became one SQL statement (every lead loaded, then its
// customer, wins and 回款 looked up and added up here): the reference campaigns-figures.test.ts
// holds the SQL version to, figure for figure.
import type { CrmSettings } from "../../src/config/crm/crm-settings.ts";
import { LEAD_SOURCES } from "../../src/config/crm/crm-settings.ts";
import type { Tx } from "../../src/db/tx.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import type { Fen } from "../../src/crm/money/index.ts";
import type { CampaignRow, ConversionQuery, ConversionReport, ConversionRow } from "../../src/crm/reports/campaign-figures.ts";

/** The receivables domain's former receiptsByCustomer: confirmed payments per customer. */
async function receiptsByCustomer(tx: Tx, customerIds: readonly string[]): Promise<Map<string, Fen>> {
  if (customerIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<{ customer_id: string; fen: bigint }>>`
    SELECT c.customer_id::text AS customer_id, SUM(p.amount_fen)::bigint AS fen
    FROM payments p JOIN contracts c ON c.id = p.contract_id
    WHERE p.status = 'confirmed' AND c.customer_id IN (${Prisma.join(customerIds.map((id) => Prisma.sql`${id}::uuid`))})
    GROUP BY c.customer_id`;
  return new Map(rows.map((r) => [r.customer_id, Number(r.fen)]));
}

const empty = (): ConversionRow => ({ leads: 0, mql: 0, converted: 0, won: 0, wonFen: 0, receiptsFen: 0 });

/** A Decimal of yuan (Opportunity.amount, 2 decimals) as exact fen. */
function fenOfYuan(amount: Prisma.Decimal | null): Fen {
  if (amount === null) return 0;
  const [whole, frac = ""] = amount.toFixed(2).split(".");
  return Number(BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0")));
}

function wonStage(settings: CrmSettings): string {
  return settings.opportunities.stages.find((s) => s.outcome === "won")!.name;
}

interface LeadFacts {
  source: string;
  campaign: string | null;
  mql: boolean;
  converted: boolean;
  won: boolean;
  wonFen: Fen;
  receiptsFen: Fen;
}

async function leadFacts(tx: Tx, settings: CrmSettings, q: ConversionQuery): Promise<LeadFacts[]> {
  const leads = await tx.lead.findMany({
    where: {
      ...(q.scope.kind === "all" ? {} : { ownerId: { in: q.scope.ids } }),
      ...(q.range ? { createdAt: { gte: q.range.from, lt: q.range.to } } : {}),
      ...(q.campaign !== undefined ? { campaign: q.campaign } : {}),
    },
    select: { id: true, source: true, campaign: true, status: true, score: true },
  });
  const customers = await tx.customer.findMany({ where: { fromLeadId: { in: leads.map((l) => l.id) } }, select: { id: true, fromLeadId: true } });
  const customerOf = new Map(customers.map((c) => [c.fromLeadId!, c.id]));
  const customerIds = customers.map((c) => c.id);
  const wins = await tx.opportunity.findMany({ where: { customerId: { in: customerIds }, stage: wonStage(settings) }, select: { customerId: true, amount: true } });
  const wonFen = new Map<string, Fen>();
  for (const w of wins) wonFen.set(w.customerId, (wonFen.get(w.customerId) ?? 0) + fenOfYuan(w.amount));
  const receipts = await receiptsByCustomer(tx, customerIds);
  const threshold = settings.reports.campaigns.mqlScore;
  return leads.map((l) => {
    const customer = customerOf.get(l.id);
    const converted = l.status === "converted" || customer !== undefined;
    return {
      source: l.source,
      campaign: l.campaign,
      mql: converted || l.score >= threshold,
      converted,
      won: customer !== undefined && wonFen.has(customer),
      wonFen: customer === undefined ? 0 : (wonFen.get(customer) ?? 0),
      receiptsFen: customer === undefined ? 0 : (receipts.get(customer) ?? 0),
    };
  });
}

function add(row: ConversionRow, f: LeadFacts): void {
  row.leads++;
  if (f.mql) row.mql++;
  if (f.converted) row.converted++;
  if (f.won) row.won++;
  row.wonFen += f.wonFen;
  row.receiptsFen += f.receiptsFen;
}

const sourceRank = (s: string) => {
  const i = (LEAD_SOURCES as readonly string[]).indexOf(s);
  return i < 0 ? LEAD_SOURCES.length : i;
};

export async function oldConversionReport(tx: Tx, settings: CrmSettings, q: ConversionQuery): Promise<ConversionReport> {
  const facts = await leadFacts(tx, settings, q);
  const total = empty();
  const bySource = new Map<string, ConversionRow>();
  const byCampaign = new Map<string, ConversionRow>();
  for (const f of facts) {
    add(total, f);
    if (!bySource.has(f.source)) bySource.set(f.source, empty());
    add(bySource.get(f.source)!, f);
    if (f.campaign === null) continue;
    if (!byCampaign.has(f.campaign)) byCampaign.set(f.campaign, empty());
    add(byCampaign.get(f.campaign)!, f);
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
