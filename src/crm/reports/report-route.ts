// One report's GET route under /api/v1/reports: the query checked by zod (a bad query is a
// 400 naming the field), then the report run in the token owner's scope. Kept apart from
// reports-api.ts so each report's routes can use it while reports-api.ts lists them (no cycle).
import type { Router } from "express";
import type { z } from "zod";
import { fieldErrors, handler, type ApiCall, type ApiDeps, type ApiResult } from "../../http/api/api-context.ts";

export type ReportRoute = (router: Router, deps: ApiDeps) => void;

/** A GET route whose query is checked by `query` before `fn` runs in the token owner's scope. */
export function reportRoute<S extends z.ZodType>(
  router: Router,
  deps: ApiDeps,
  path: string,
  query: S,
  fn: (q: z.infer<S>, call: ApiCall) => Promise<ApiResult>,
): void {
  router.get(
    `/reports/${path}`,
    handler(deps, async (req, call) => {
      const q = query.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      return fn(q.data, call);
    }),
  );
}
