// GET /api/v1/contracts (pages within the token creator's scope, by code) and
// GET /api/v1/contracts/<code or number>. Amounts are strings of yuan with two decimals,
// dates YYYY-MM-DD, rates and discounts decimal strings, the status its code.
import express, { type Router } from "express";
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { fieldErrors, handler, type ApiDeps } from "../../http/api/api-context.ts";
import { cursorOf, encodeCursor } from "../../http/api/cursor.ts";
import { formatQuantity, formatRate, formatYuan } from "../money/index.ts";
import { dayOf, linesOf } from "./contract-render.ts";
import { CONTRACT_INCLUDE, contractScope, findContractInScope, type ContractFull } from "./contracts.ts";

const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: cursorOf("contracts").optional() }).strict();

const lineSchema = z.object({
  name: z.string(),
  unit: z.string().nullable(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  discount: z.number().int(),
  taxRate: z.number().int(),
  amount: z.number().int(),
  tax: z.number().int(),
  net: z.number().int(),
});

export function contractJson(c: ContractFull) {
  const lines = linesOf(c).flatMap((raw) => {
    const l = lineSchema.safeParse(raw);
    if (!l.success) return [];
    const v = l.data;
    return [
      {
        name: v.name,
        unit: v.unit,
        quantity: formatQuantity(v.quantity),
        unitPrice: formatYuan(v.unitPrice),
        discount: formatRate(v.discount),
        taxRate: formatRate(v.taxRate),
        amount: formatYuan(v.amount),
        tax: formatYuan(v.tax),
        net: formatYuan(v.net),
      },
    ];
  });
  return {
    code: c.code,
    number: c.number,
    title: c.title,
    customer: { code: c.customer.code, name: c.customer.name },
    opportunity: c.opportunity ? { code: c.opportunity.code, name: c.opportunity.name } : null,
    owner: c.owner?.wecomUserId ?? null,
    status: c.status,
    amount: formatYuan(Number(c.amountFen)),
    signDate: dayOf(c.signDate),
    startDate: dayOf(c.startDate),
    endDate: dayOf(c.endDate),
    paymentTerms: c.paymentTerms,
    legalChanged: c.legalChanged,
    renewalOpportunity: c.renewalOpportunity?.code ?? null,
    lines,
  };
}

export function contractsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();

  router.get(
    "/contracts",
    handler(deps, async (req, call) => {
      const q = pageQuery.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      const rows = await call.tx.contract.findMany({
        where: { AND: [contractScope(call.user, deps.settings), { code: { gt: q.data.cursor ?? 0 } }] },
        orderBy: { code: "asc" },
        take: q.data.limit,
        include: CONTRACT_INCLUDE,
      });
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "contract", detail: { via: "api", token: call.tokenId, rows: rows.length }, at: call.now });
      return { status: 200, body: { items: rows.map(contractJson), nextCursor: rows.length === q.data.limit ? encodeCursor("contracts", rows.at(-1)!.code) : null } };
    }),
  );

  router.get(
    "/contracts/:ref",
    handler(deps, async (req, call) => {
      const raw = String(req.params["ref"] ?? "");
      if (!/^(\d{1,9}|[A-Za-z0-9][A-Za-z0-9_\-/.]{0,63})$/.test(raw)) return { status: 400, body: { error: "invalid contract code or number" } };
      const c = await findContractInScope(call.tx, call.user, deps.settings, /^\d+$/.test(raw) ? `#${raw}` : raw);
      if (!c) return { status: 404, body: { error: "contract not found" } };
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "contract", entityId: c.id, detail: { via: "api", token: call.tokenId }, at: call.now });
      return { status: 200, body: contractJson(c) };
    }),
  );
  return router;
}
