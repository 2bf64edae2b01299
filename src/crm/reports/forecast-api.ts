// GET /api/v1/reports/forecast?period=YYYY-MM|YYYY-Qn|YYYY[&rep=<WeCom id or name>][&view=accuracy]:
// the same numbers as `预测` and `预测 准确度`, in the token owner's scope, amounts as yuan strings.
import { z } from "zod";
import type { Router } from "express";
import type { ApiDeps, ApiResult } from "../../http/api/api-context.ts";
import { formatYuan } from "../money/index.ts";
import type { User } from "../../auth/users.ts";
import { CATEGORY_KEYS, forecastFor, type Forecast, type PipelineFigures } from "./forecast.ts";
import { errorPct, forecastAccuracy, type Accuracy, type AccuracyFigures } from "./forecast-accuracy.ts";
import { periodAt, periodFromQuery } from "./period.ts";
import { personScope, reportScope } from "./report-scope.ts";
import { reportRoute } from "./report-route.ts";

const query = z.object({
  period: z.string().max(16).optional(),
  view: z.enum(["forecast", "accuracy"]).default("forecast"),
  rep: z.string().trim().min(1).max(64).optional(),
});

const byCategory = (p: PipelineFigures) => Object.fromEntries(CATEGORY_KEYS.map((k) => [k, formatYuan(p.byCategory[k])]));
const person = (u: User) => ({ rep: u.wecomUserId, name: u.name });

function forecastBody(f: Forecast) {
  const t = f.total;
  return {
    period: f.period.key,
    from: f.period.firstDay,
    to: f.period.lastDay,
    weighted: formatYuan(t.weightedFen),
    byCategory: byCategory(t),
    won: formatYuan(t.wonFen),
    deals: t.deals,
    wonDeals: t.wonDeals,
    undated: f.undated,
    reps: f.reps.map((r) => ({
      ...person(r.user),
      weighted: formatYuan(r.weightedFen),
      byCategory: byCategory(r),
      won: formatYuan(r.wonFen),
      deals: r.deals,
      wonDeals: r.wonDeals,
    })),
    cash: f.cash.months.map((m) => ({ month: m.month, due: formatYuan(m.owedFen) })),
    cashOverdue: formatYuan(f.cash.earlierFen),
  };
}

const accuracyFigures = (a: AccuracyFigures) => ({
  weighted: formatYuan(a.weightedFen),
  commit: formatYuan(a.commitFen),
  actual: formatYuan(a.actualFen),
  weightedErrorPct: errorPct(a.weightedFen, a.actualFen),
  commitErrorPct: errorPct(a.commitFen, a.actualFen),
});

function accuracyBody(a: Accuracy) {
  return {
    period: a.period.key,
    view: "accuracy",
    months: a.months,
    complete: a.complete,
    ...accuracyFigures(a.total),
    reps: a.reps.map((r) => ({ ...person(r.user), ...accuracyFigures(r) })),
  };
}

const badPeriod: ApiResult = { status: 400, body: { error: "invalid query", fields: { period: "use YYYY-MM, YYYY-Qn or YYYY" } } };

export function forecastRoutes(router: Router, deps: ApiDeps): void {
  reportRoute(router, deps, "forecast", query, async (q, call) => {
    const accuracy = q.view === "accuracy";
    // accuracy looks back: last month unless a period is given
    const period = accuracy && !q.period ? periodAt("month", call.now, deps.timeZone, -1) : periodFromQuery(q.period, call.now, deps.timeZone);
    if (!period) return badPeriod;
    const scope = q.rep ? await personScope(call.tx, call.user, q.rep) : await reportScope(call.tx, call.user);
    if (!scope) return { status: 404, body: { error: "rep not found in your scope" } };
    if (accuracy) return { status: 200, body: accuracyBody(await forecastAccuracy(call.tx, scope, period, deps.settings, call.now, deps.timeZone)) };
    return { status: 200, body: forecastBody(await forecastFor(call.tx, scope, period, deps.settings, call.now, deps.timeZone)) };
  });
}
