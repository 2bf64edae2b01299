// GET /api/v1/reports/…: the numbers behind every chat report and picture, in the token
// owner's scope, amounts as yuan strings. Each report registers its routes here through
// `reportRoute`; a bad query is a 400 naming the field.
import express, { type Router } from "express";
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

/** Each report's routes (added as the reports are built). */
const ROUTES: ReportRoute[] = [];

export function reportsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  for (const add of ROUTES) add(router, deps);
  return router;
}
