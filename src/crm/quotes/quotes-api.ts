// POST /api/v1/quotes (a quote with its lines, priced here — never totals from the client),
// GET /api/v1/quotes (pages within the token creator's scope), GET /api/v1/quotes/<code> and
// /api/v1/quotes/<code>/pdf. Money is a string of yuan with two decimals, rates and
// discounts decimal strings; a bad body is a 400 naming the field, a broken rule a 422 in Chinese.
import express, { type Router } from "express";
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { fieldErrors, handler, jsonBody, recordCode, type ApiDeps } from "../../http/api/api-context.ts";
import { cursorOf, encodeCursor } from "../../http/api/cursor.ts";
import { localDateKey } from "../../util/local-time.ts";
import {
  computeQuote,
  discountRateString,
  formatQuantity,
  formatRate,
  formatYuan,
  MONEY_ERROR_TEXT,
  parseDiscountDecimal,
  parseQuantity,
  parseTaxRateDecimal,
  parseYuan,
  PPM_ONE,
  quantityFromNumber,
  toDaxie,
  type MoneyResult,
} from "../money/index.ts";
import { findOpportunityInScope } from "../opportunities/index.ts";
import { zhQuotes } from "./messages.ts";
import { renderQuotePdf } from "./quote-pdf.ts";
import { pdfDataOf, statusOf, viewOf, type QuoteView } from "./quote-render.ts";
import { addLines, findQuoteInScope, MAX_LINES, quoteScope, startQuote, type NewLine } from "./quotes.ts";

const money = <T>(parse: (s: string) => MoneyResult<T>) =>
  z.string().max(32).transform((s, ctx) => {
    const r = parse(s);
    if (r.ok) return r.value;
    ctx.addIssue({ code: "custom", message: MONEY_ERROR_TEXT[r.error] });
    return z.NEVER;
  });

const quantity = z.union([z.number(), z.string().max(32)]).transform((v, ctx) => {
  const r = typeof v === "number" ? quantityFromNumber(v) : parseQuantity(v);
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: MONEY_ERROR_TEXT[r.error] });
  return z.NEVER;
});

const lineBody = z
  .object({
    product: recordCode.optional(),
    name: z.string().trim().min(1).max(64).optional(),
    unit: z.string().trim().min(1).max(8).optional(),
    quantity,
    unitPrice: money(parseYuan).optional(),
    discount: money(parseDiscountDecimal).optional(),
    taxRate: money(parseTaxRateDecimal).optional(),
  })
  .strict()
  .refine((l) => l.product !== undefined || l.name !== undefined, { message: "product or name is required", path: ["name"] });

const quoteBody = z.object({ opportunity: recordCode, lines: z.array(lineBody).min(1).max(MAX_LINES) }).strict();

const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: cursorOf("quotes").optional() }).strict();

/** The quote as the API answers it (figures are the stored ones, formatted exactly). */
export function quoteJson(v: QuoteView) {
  return {
    code: v.code,
    version: v.version,
    status: v.status,
    customer: v.customer,
    validUntil: v.validUntil,
    lines: v.lines.map((l) => ({
      name: l.name,
      unit: l.unit,
      quantity: formatQuantity(l.quantity),
      unitPrice: formatYuan(l.unitPrice),
      discount: formatRate(l.discount),
      taxRate: formatRate(l.taxRate),
      amount: formatYuan(l.amount),
      tax: formatYuan(l.tax),
      net: formatYuan(l.net),
    })),
    total: formatYuan(v.totals.total),
    tax: formatYuan(v.totals.tax),
    net: formatYuan(v.totals.net),
    listTotal: formatYuan(v.totals.listTotal),
    discountRate: discountRateString(v.totals.total, v.totals.listTotal) ?? "1.0000",
    totalInWords: toDaxie(v.totals.total),
  };
}

export function quotesApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const today = (now: Date) => localDateKey(now, deps.timeZone);

  router.post(
    "/quotes",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = quoteBody.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      const opp = await findOpportunityInScope(call.tx, call.user, `#${parsed.data.opportunity}`);
      if (!opp) return { status: 404, body: { error: "opportunity not found" } };
      const lines: NewLine[] = [];
      for (const [i, l] of parsed.data.lines.entries()) {
        const product = l.product === undefined ? null : await call.tx.product.findFirst({ where: { code: l.product, active: true } });
        if (l.product !== undefined && !product) return { status: 422, body: { error: zhQuotes.productInactive(`#${l.product}`), field: `lines.${i}.product` } };
        if (!product && l.unitPrice === undefined) return { status: 422, body: { error: zhQuotes.needPrice(l.name!), field: `lines.${i}.unitPrice` } };
        const list = product ? Number(product.listPriceFen) : l.unitPrice!;
        lines.push({
          productId: product?.id ?? null,
          name: l.name ?? product!.name,
          unit: l.unit ?? product?.unit ?? null,
          quantity: l.quantity,
          unitPrice: l.unitPrice ?? list,
          listUnitPrice: list,
          discount: l.discount ?? PPM_ONE,
          taxRate: l.taxRate ?? product?.taxRatePpm ?? deps.settings.quotes.defaultTaxRatePpm,
        });
      }
      const check = computeQuote(lines);
      if (!check.ok) return { status: 422, body: { error: zhQuotes.moneyProblem(MONEY_ERROR_TEXT[check.error]) } };
      const started = await startQuote(call.tx, call.user, opp.id, call.now);
      const r = await addLines(call.tx, call.user, started, lines, call.now);
      if (r.kind !== "ok") throw new Error(`quote lines refused after checking: ${r.kind}`);
      return { status: 201, body: quoteJson(viewOf(r.quote, "draft")) };
    }),
  );

  router.get(
    "/quotes",
    handler(deps, async (req, call) => {
      const q = pageQuery.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      const rows = await call.tx.quote.findMany({
        where: { ...quoteScope(call.user), code: { gt: q.data.cursor ?? 0 } },
        orderBy: { code: "asc" },
        take: q.data.limit,
        include: { lines: { orderBy: { position: "asc" } }, owner: true, opportunity: { include: { customer: { include: { contacts: { take: 1 } } } } } },
      });
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "quote", detail: { via: "api", token: call.tokenId, rows: rows.length }, at: call.now });
      const items = rows.map((row) => quoteJson(viewOf(row, statusOf(row, today(call.now)))));
      return { status: 200, body: { items, nextCursor: rows.length === q.data.limit ? encodeCursor("quotes", rows.at(-1)!.code) : null } };
    }),
  );

  router.get(
    ["/quotes/:code", "/quotes/:code/pdf"],
    handler(deps, async (req, call) => {
      const code = recordCode.safeParse(Number(req.params["code"]));
      if (!code.success) return { status: 400, body: { error: "invalid quote code" } };
      const quote = await findQuoteInScope(call.tx, call.user, code.data);
      if (!quote) return { status: 404, body: { error: "quote not found" } };
      const v = viewOf(quote, statusOf(quote, today(call.now)));
      if (!req.path.endsWith("/pdf")) return { status: 200, body: quoteJson(v) };
      if (!v.lines.length) return { status: 422, body: { error: zhQuotes.cannotSendEmpty(quote.code) } };
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "quote", entityId: quote.id, detail: { via: "api", pdf: true, version: v.version }, at: call.now });
      const pdf = await renderQuotePdf(pdfDataOf(v, quote, deps.settings.quotes, call.now, deps.timeZone));
      return { status: 200, body: null, file: { name: `报价单-${quote.code}-V${v.version}.pdf`, content: pdf, type: "application/pdf" } };
    }),
  );
  return router;
}
