// GET /api/v1/products (pages by code with an opaque cursor, like the other list endpoints)
// and POST /api/v1/products (a catalogue entry from an ERP or price list). Amounts are yuan
// strings with two decimals, rates decimal strings; nothing passes through a float.
import express, { type Router } from "express";
import { z } from "zod";
import { DEFAULT_TAX_RATE, MONEY_ERROR_TEXT, parseTaxRateDecimal, parseYuan } from "../money/index.ts";
import { fieldErrors, handler, jsonBody, onBodyError, type ApiDeps } from "../../http/api/api-context.ts";
import { cursorOf, encodeCursor } from "../../http/api/cursor.ts";
import { createProduct } from "./products.ts";
import { MAX_PRODUCT_NAME, MAX_UNIT, productJson, skuParam } from "./product-fields.ts";

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: cursorOf("products").optional(),
    updatedSince: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z" }).transform((s) => new Date(s)).optional(),
    /** Default: every product, each with its `active` flag. */
    active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  })
  .strict();

/** English, like the other API errors: "must be a string of yuan with at most two decimals, e.g. \"12000.00\" (…)". */
const yuan = z.string({ error: 'must be a string of yuan, e.g. "12000.00"' }).transform((v, ctx) => {
  const r = parseYuan(v);
  if (!r.ok || r.value === 0) {
    const why = r.ok ? "zero" : r.error;
    ctx.addIssue({ code: "custom", message: `must be a positive amount of yuan with at most two decimals, e.g. "12000.00" (${why}: ${r.ok ? MONEY_ERROR_TEXT.zero : MONEY_ERROR_TEXT[r.error]})` });
    return z.NEVER;
  }
  return r.value;
});

const rate = z.string({ error: 'must be a decimal string, e.g. "0.13"' }).transform((v, ctx) => {
  const r = parseTaxRateDecimal(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: 'must be one of "0.13", "0.09", "0.06", "0.03", "0"' });
    return z.NEVER;
  }
  return r.value;
});

const body = z
  .object({
    name: z.string().trim().min(1).max(MAX_PRODUCT_NAME),
    sku: z.string().pipe(skuParam).nullable().optional(),
    unit: z.string().trim().min(1).max(MAX_UNIT).optional(),
    listPrice: yuan,
    taxRate: rate.optional(),
  })
  .strict();

export function productsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();

  router.get(
    "/products",
    handler(deps, async (req, call) => {
      const q = query.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      const { limit, cursor: after, updatedSince, active } = q.data;
      const where = {
        AND: [after !== undefined ? { code: { gt: after } } : {}, updatedSince ? { updatedAt: { gte: updatedSince } } : {}, active !== undefined ? { active } : {}],
      };
      const items = await call.tx.product.findMany({ where, orderBy: { code: "asc" }, take: limit });
      const last = items.at(-1);
      return { status: 200, body: { items: items.map(productJson), nextCursor: items.length === limit && last ? encodeCursor("products", last.code) : null } };
    }),
  );

  router.post(
    "/products",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = body.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      const b = parsed.data;
      const input = { name: b.name, sku: b.sku ?? null, unit: b.unit, listPriceFen: b.listPrice, taxRatePpm: b.taxRate ?? DEFAULT_TAX_RATE };
      const r = await createProduct(call.tx, call.user.id, input, call.now, { via: "api" });
      if (r.kind === "saved") return { status: 201, body: productJson(r.product) };
      const field = r.kind === "name_taken" ? "name" : "sku";
      const existing = { code: r.existing.code, name: r.existing.name, sku: r.existing.sku, active: r.existing.active };
      return { status: 409, body: { error: `${field} already used by product ${r.existing.code}`, fields: { [field]: "already used by another product" }, existing } };
    }),
  );

  router.use(onBodyError);
  return router;
}
