// GET /api/v1/reports/…: the numbers behind every chat report and picture, in the token
// owner's scope, amounts as yuan strings. Each report registers its routes here through
// `reportRoute` (report-route.ts); a bad query is a 400 naming the field.
import express, { type Router } from "express";
import type { ApiDeps } from "../../http/api/api-context.ts";
import { campaignRoutes } from "./campaigns-api.ts";
import { forecastRoutes } from "./forecast-api.ts";
import { funnelRoutes } from "./funnel-api.ts";
import { healthRoutes } from "./health-api.ts";
import type { ReportRoute } from "./report-route.ts";
import { serviceStatsRoutes } from "./service-stats-actions.ts";
import { targetRoutes } from "./targets-api.ts";

export { reportRoute, type ReportRoute } from "./report-route.ts";

/** Each report's routes (added as the reports are built). */
const ROUTES: ReportRoute[] = [targetRoutes, funnelRoutes, forecastRoutes, healthRoutes, serviceStatsRoutes, campaignRoutes];

export function reportsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  for (const add of ROUTES) add(router, deps);
  return router;
}
