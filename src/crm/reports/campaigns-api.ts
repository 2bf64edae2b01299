// GET /api/v1/reports/campaigns?from=YYYY-MM-DD&to=YYYY-MM-DD: conversion per lead source and
// per campaign of the leads created on those local days (both inclusive; default this month),
// in the token owner's scope. Amounts are yuan strings; cost, costPerLead and roi are null
// when unknown or not shown to this owner (see campaign-figures.ts).
import { z } from "zod";
import { atLocal, localDateKey } from "../../util/local-time.ts";
import { formatYuan, type Fen } from "../money/index.ts";
import { conversionReport, type ConversionRow } from "./campaign-figures.ts";
import { periodAt } from "./period.ts";
import { reportScope } from "./report-scope.ts";
import { reportRoute, type ReportRoute } from "./report-route.ts";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a calendar day");

const query = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: "give both from and to, or neither", path: ["to"] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "must not be before from", path: ["to"] });

const yuanOrNull = (fen: Fen | null) => (fen === null ? null : formatYuan(fen));

const figures = (r: ConversionRow) => ({
  leads: r.leads,
  mql: r.mql,
  converted: r.converted,
  won: r.won,
  wonAmount: formatYuan(r.wonFen),
  receipts: formatYuan(r.receiptsFen),
});

/** The instant a local day starts (`shift` days later). */
function dayStart(d: string, timeZone: string, shift = 0): Date {
  const [y, m, dd] = d.split("-").map(Number) as [number, number, number];
  return atLocal(y, m, dd + shift, 0, timeZone);
}

export const campaignRoutes: ReportRoute = (router, deps) => {
  reportRoute(router, deps, "campaigns", query, async (q, call) => {
    const month = periodAt("month", call.now, deps.timeZone);
    const from = q.from ?? month.firstDay;
    const to = q.to ?? month.lastDay;
    const scope = await reportScope(call.tx, call.user);
    const report = await conversionReport(call.tx, deps.settings, {
      scope,
      viewerSeesCost: call.user.role !== "rep",
      range: { from: dayStart(from, deps.timeZone), to: dayStart(to, deps.timeZone, 1) },
    });
    return {
      status: 200,
      body: {
        from,
        to,
        asOf: localDateKey(call.now, deps.timeZone),
        mqlScore: report.mqlScore,
        sources: report.sources.map((s) => ({ source: s.source, ...figures(s) })),
        campaigns: report.campaigns.map((c) => ({
          campaign: c.campaign,
          ...figures(c),
          cost: yuanOrNull(c.costFen),
          costPerLead: yuanOrNull(c.costPerLeadFen),
          roi: c.roi,
        })),
      },
    };
  });
};
