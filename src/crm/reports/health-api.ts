// GET /api/v1/reports/health?customer=<code>: one customer's score, band and reasons;
// without customer: every owned customer in the token owner's scope, lowest first.
import { z } from "zod";
import { reportRoute, type ReportRoute } from "./report-route.ts";
import { findCustomerInScope } from "../customers/index.ts";
import { customerHealth, healthJson, healthOfOwners } from "./health-report.ts";
import { reportScope } from "./report-scope.ts";

const query = z.object({
  customer: z.string().regex(/^\d{1,9}$/, "a customer code (digits)").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const healthRoutes: ReportRoute = (router, deps) =>
  reportRoute(router, deps, "health", query, async (q, call) => {
    const clock = { now: call.now, timeZone: deps.timeZone, settings: deps.settings };
    if (q.customer !== undefined) {
      const customer = await findCustomerInScope(call.tx, call.user, `#${q.customer}`);
      if (!customer) return { status: 404, body: { error: "customer not found" } };
      return { status: 200, body: healthJson(await customerHealth(call.tx, customer.id, clock)) };
    }
    const scope = await reportScope(call.tx, call.user);
    const all = await healthOfOwners(call.tx, scope.ids, clock);
    return { status: 200, body: { scope: scope.kind, total: all.length, customers: all.slice(0, q.limit).map(healthJson) } };
  });
