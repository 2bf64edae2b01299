// GET /api/v1/leads, /customers, /opportunities: pages of records within the token
// creator's scope, by code, with an opaque cursor; `?format=csv` (or `/leads.csv`) gives
// every matching record as one CSV file, audited as an export.
import express, { type Router } from "express";
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { exportCsv } from "./export-csv.ts";
import { recordPage, RECORD_KINDS, type RecordKind } from "./export-records.ts";
import { fieldErrors, handler, type ApiDeps } from "../../http/api/api-context.ts";
import { cursorOf, encodeCursor } from "../../http/api/cursor.ts";

/** `status` filters leads and `stage` opportunities; elsewhere they are refused. */
const FILTER_FIELD: Record<RecordKind, "status" | "stage" | null> = { leads: "status", customers: null, opportunities: "stage" };

const querySchema = (kind: RecordKind) =>
  z
    .object({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: cursorOf(kind).optional(),
      updatedSince: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z" }).transform((s) => new Date(s)).optional(),
      owner: z.string().min(1).max(64).optional(),
      status: z.string().min(1).max(16).optional(),
      stage: z.string().min(1).max(16).optional(),
      format: z.enum(["json", "csv"]).default("json"),
    })
    .strict()
    .superRefine((q, ctx) => {
      for (const f of ["status", "stage"] as const) {
        if (q[f] !== undefined && FILTER_FIELD[kind] !== f) ctx.addIssue({ code: "custom", path: [f], message: `not a filter of ${kind}` });
      }
    });

const ENTITY = { leads: "lead", customers: "customer", opportunities: "opportunity" } as const;

export function recordsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  for (const kind of RECORD_KINDS) {
    const schema = querySchema(kind);
    router.get(
      [`/${kind}`, `/${kind}.csv`],
      handler(deps, async (req, call) => {
        const q = schema.safeParse(req.query);
        if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
        const { limit, cursor, updatedSince, owner, format, status, stage } = q.data;
        const filter = { afterCode: cursor, updatedSince, owner, stage: stage ?? status };
        if (format === "csv" || req.path.endsWith(".csv")) {
          const out = await exportCsv(call.tx, call.user, kind, { now: call.now, timeZone: deps.timeZone, via: "api", settings: deps.settings, filter });
          return { status: 200, body: null, file: { name: out.name, content: out.content, type: "text/csv; charset=utf-8" } };
        }
        const page = await recordPage(call.tx, call.user, kind, { ...filter, limit });
        const detail = JSON.parse(JSON.stringify({ via: "api", token: call.tokenId, rows: page.items.length, filter }));
        await audit(call.tx, { actorId: call.user.id, action: "read", entity: ENTITY[kind], detail, at: call.now });
        return { status: 200, body: { items: page.items, nextCursor: page.lastCode === null ? null : encodeCursor(kind, page.lastCode) } };
      }),
    );
  }
  return router;
}
