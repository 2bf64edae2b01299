// GET /api/v1/reports/funnel: ?view=snapshot (default) → {"stages":[{stage,count,amount,
// weightedAmount}]}, amounts yuan strings; ?view=cohort&from=YYYY-MM-DD&to=YYYY-MM-DD (local days,
// both inclusive) → {"cohort": n, "stages":[{stage,reached,share,medianDays}]}, share a number
// 0–1 with 4 decimals, medianDays a number (1 decimal) or null. ?rep=<WeCom id or name> narrows
// to one person the token's owner may see (404 otherwise).
import { z } from "zod";
import { formatYuan, isLocalDate } from "../money/index.ts";
import { funnelCohort, funnelSnapshot, dayRange } from "./funnel.ts";
import { personScope, reportScope } from "./report-scope.ts";
import { reportRoute, type ReportRoute } from "./report-route.ts";

const day = z.string().refine(isLocalDate, "a calendar day YYYY-MM-DD");

const funnelQuery = z
  .object({
    view: z.enum(["snapshot", "cohort"]).default("snapshot"),
    from: day.optional(),
    to: day.optional(),
    rep: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.view !== "cohort") return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "required for view=cohort" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "required for view=cohort" });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  });

export const funnelRoutes: ReportRoute = (router, deps) =>
  reportRoute(router, deps, "funnel", funnelQuery, async (q, call) => {
    const scope = q.rep ? await personScope(call.tx, call.user, q.rep) : await reportScope(call.tx, call.user);
    if (!scope) return { status: 404, body: { error: "rep not found" } };
    if (q.view === "snapshot") {
      const rows = await funnelSnapshot(call.tx, scope, deps.settings);
      return { status: 200, body: { stages: rows.map((r) => ({ stage: r.stage, count: r.count, amount: formatYuan(r.amountFen), weightedAmount: formatYuan(r.weightedFen) })) } };
    }
    const range = dayRange(q.from!, q.to!, deps.timeZone);
    const cohort = await funnelCohort(call.tx, scope, deps.settings, range.from, range.to);
    return { status: 200, body: { from: q.from, to: q.to, cohort: cohort.size, stages: cohort.rows } };
  });
