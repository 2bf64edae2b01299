// GET /api/v1/invoices (pages within the token creator's money scope, ?contract=<code or
// number> narrows to one contract) and GET /api/v1/invoices/<code>. Amounts are strings of
// yuan with two decimals; times ISO 8601 UTC.
import express, { type Router } from "express";
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { fieldErrors, handler, recordCode, type ApiDeps } from "../../http/api/api-context.ts";
import { cursorOf, encodeCursor } from "../../http/api/cursor.ts";
import { findContractInScope } from "../contracts/index.ts";
import { formatYuan } from "../money/index.ts";
import { findInvoiceInScope, INVOICE_INCLUDE, invoiceScope, type InvoiceFull } from "./invoices.ts";

const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: cursorOf("invoices").optional(),
    contract: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const invoiceJson = (i: InvoiceFull) => ({
  code: i.code,
  contract: i.contract.number,
  contractCode: i.contract.code,
  customer: i.contract.customer.name,
  title: i.title,
  taxId: i.taxId,
  type: i.type,
  amount: formatYuan(Number(i.amountFen)),
  status: i.status,
  invoiceNumber: i.invoiceNumber,
  issuedAt: i.issuedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
});

export function invoicesApiRouter(deps: ApiDeps): Router {
  const router = express.Router();

  router.get(
    "/invoices",
    handler(deps, async (req, call) => {
      const q = pageQuery.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      let contractId: string | undefined;
      if (q.data.contract !== undefined) {
        const ref = /^\d+$/.test(q.data.contract) ? `#${q.data.contract}` : q.data.contract;
        const contract = await findContractInScope(call.tx, call.user, deps.settings, ref);
        if (!contract) return { status: 404, body: { error: "contract not found" } };
        contractId = contract.id;
      }
      const rows = await call.tx.invoice.findMany({
        where: { AND: [invoiceScope(call.user, deps.settings), { code: { gt: q.data.cursor ?? 0 } }, contractId ? { contractId } : {}] },
        orderBy: { code: "asc" },
        take: q.data.limit,
        include: INVOICE_INCLUDE,
      });
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "invoice", detail: { via: "api", token: call.tokenId, rows: rows.length }, at: call.now });
      return { status: 200, body: { items: rows.map(invoiceJson), nextCursor: rows.length === q.data.limit ? encodeCursor("invoices", rows.at(-1)!.code) : null } };
    }),
  );

  router.get(
    "/invoices/:code",
    handler(deps, async (req, call) => {
      const code = recordCode.safeParse(Number(req.params["code"]));
      if (!code.success) return { status: 400, body: { error: "invalid invoice code" } };
      const invoice = await findInvoiceInScope(call.tx, call.user, deps.settings, code.data);
      if (!invoice) return { status: 404, body: { error: "invoice not found" } };
      return { status: 200, body: invoiceJson(invoice) };
    }),
  );
  return router;
}
