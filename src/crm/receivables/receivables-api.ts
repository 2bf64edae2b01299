// GET /api/v1/receivables (instalments in scope with their derived status; ?status=overdue,
// ?contract=HT-…|<code>), GET /api/v1/payments, POST /api/v1/payments (idempotent by
// externalId: 201 the first time, 200 with the same payment on a replay). Money is a string of
// yuan with two decimals; a bad body is a 400 naming the field, a broken rule a 422 in Chinese,
// a contract outside the token owner's scope a 404.
import { randomBytes } from "node:crypto";
import express, { type Router } from "express";
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { fieldErrors, handler, jsonBody, type ApiDeps } from "../../http/api/api-context.ts";
import { cursorOf, encodeCursor } from "../../http/api/cursor.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { localDateKey } from "../../util/local-time.ts";
import { contractScope, findContractInScope } from "../contracts/index.ts";
import { formatFenZh, formatYuan, isLocalDate, MONEY_ERROR_TEXT, parseYuan } from "../money/index.ts";
import { zhReceivables } from "./messages.ts";
import { sendConfirmCards } from "./payment-card.ts";
import { confirmers, recordPayment } from "./payments.ts";
import { dateOf, dayOf, planOwed, planStatus, STATUS_BY_KEY, STATUS_KEYS } from "./status.ts";
import type { Tx } from "../../db/tx.ts";

/** Instalments page by (contract code, position), one number: code × 200 + position (≤ 120 instalments). */
const PLAN_KEY = 200;

const contractRef = z.union([z.number().int().positive().max(2_147_483_647), z.string().trim().min(1).max(40)]).transform((v) => (typeof v === "number" || /^\d+$/.test(v) ? `#${v}` : v));

const paymentBody = z
  .object({
    contract: contractRef,
    amount: z.string().max(32).transform((s, ctx) => {
      const r = parseYuan(s);
      if (r.ok && r.value > 0) return r.value;
      ctx.addIssue({ code: "custom", message: r.ok ? MONEY_ERROR_TEXT.zero : MONEY_ERROR_TEXT[r.error] });
      return z.NEVER;
    }),
    receivedOn: z.string().refine(isLocalDate, "a calendar day YYYY-MM-DD"),
    method: z.string().trim().min(1).max(32).optional(),
    externalId: z.string().trim().min(1).max(128).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: cursorOf("receivables").optional(),
    status: z.enum(["pending", "partial", "paid", "overdue", "void"]).optional(),
    contract: contractRef.optional(),
  })
  .strict();

const paymentsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: cursorOf("payments").optional(), contract: contractRef.optional() }).strict();

/** The status filter in SQL, the same rule as planStatus (tests check they agree). */
function statusWhere(tx: Tx, key: string, today: Date): Prisma.PaymentPlanWhereInput {
  const paidUp = { paidFen: { gte: tx.paymentPlan.fields.amountFen } };
  const owing = { paidFen: { lt: tx.paymentPlan.fields.amountFen } };
  const live = { contract: { status: { not: "void" } } };
  switch (key) {
    case "void":
      return { contract: { status: "void" } };
    case "paid":
      return { AND: [live, paidUp] };
    case "overdue":
      return { AND: [live, owing, { dueDate: { lt: today } }] };
    case "partial":
      return { AND: [live, owing, { paidFen: { gt: 0 } }, { dueDate: { gte: today } }] };
    default:
      return { AND: [live, owing, { paidFen: 0 }, { dueDate: { gte: today } }] };
  }
}

async function paymentJson(tx: Tx, id: string) {
  const p = await tx.payment.findUniqueOrThrow({ where: { id }, include: { contract: { select: { number: true, code: true } }, allocations: { include: { plan: { select: { position: true } } } } } });
  return {
    code: p.code,
    contract: p.contract.number,
    amount: formatYuan(Number(p.amountFen)),
    receivedOn: dayOf(p.receivedOn),
    method: p.method,
    note: p.note,
    externalId: p.externalId,
    status: p.status,
    prepaid: formatYuan(Number(p.prepaidFen)),
    allocations: p.allocations.sort((a, b) => a.plan.position - b.plan.position).map((a) => ({ instalment: a.plan.position, amount: formatYuan(Number(a.amountFen)) })),
  };
}

export function receivablesApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const today = (now: Date) => localDateKey(now, deps.timeZone);

  router.get(
    "/receivables",
    handler(deps, async (req, call) => {
      const q = listQuery.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      const day = today(call.now);
      const and: Prisma.PaymentPlanWhereInput[] = [{ contract: contractScope(call.user, deps.settings) }];
      if (q.data.contract) {
        const c = await findContractInScope(call.tx, call.user, deps.settings, q.data.contract);
        if (!c) return { status: 404, body: { error: "contract not found" } };
        and.push({ contractId: c.id });
      }
      if (q.data.status) and.push(statusWhere(call.tx, q.data.status, dateOf(day)));
      if (q.data.cursor) {
        const code = Math.floor(q.data.cursor / PLAN_KEY);
        const position = q.data.cursor % PLAN_KEY;
        and.push({ OR: [{ contract: { code: { gt: code } } }, { contract: { code }, position: { gt: position } }] });
      }
      const rows = await call.tx.paymentPlan.findMany({
        where: { AND: and },
        orderBy: [{ contract: { code: "asc" } }, { position: "asc" }],
        take: q.data.limit,
        include: { contract: { select: { code: true, number: true, status: true, customer: { select: { name: true } } } } },
      });
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "payment_plan", detail: { via: "api", token: call.tokenId, rows: rows.length }, at: call.now });
      const items = rows.map((p) => ({
        contract: p.contract.number,
        customer: p.contract.customer.name,
        instalment: p.position,
        dueDate: dayOf(p.dueDate),
        status: STATUS_KEYS[planStatus(p, p.contract.status, day)],
        statusText: planStatus(p, p.contract.status, day),
        amount: formatYuan(Number(p.amountFen)),
        paid: formatYuan(Number(p.paidFen)),
        owed: formatYuan(planOwed(p, p.contract.status)),
      }));
      const last = rows.at(-1);
      return { status: 200, body: { items, nextCursor: last && rows.length === q.data.limit ? encodeCursor("receivables", last.contract.code * PLAN_KEY + last.position) : null } };
    }),
  );

  router.get(
    "/payments",
    handler(deps, async (req, call) => {
      const q = paymentsQuery.safeParse(req.query);
      if (!q.success) return { status: 400, body: { error: "invalid query", fields: fieldErrors(q.error) } };
      const where: Prisma.PaymentWhereInput = { contract: contractScope(call.user, deps.settings), code: { gt: q.data.cursor ?? 0 } };
      if (q.data.contract) {
        const c = await findContractInScope(call.tx, call.user, deps.settings, q.data.contract);
        if (!c) return { status: 404, body: { error: "contract not found" } };
        where.contractId = c.id;
      }
      const rows = await call.tx.payment.findMany({ where, orderBy: { code: "asc" }, take: q.data.limit, select: { id: true, code: true } });
      await audit(call.tx, { actorId: call.user.id, action: "read", entity: "payment", detail: { via: "api", token: call.tokenId, rows: rows.length }, at: call.now });
      const items = [];
      for (const r of rows) items.push(await paymentJson(call.tx, r.id));
      return { status: 200, body: { items, nextCursor: rows.length === q.data.limit ? encodeCursor("payments", rows.at(-1)!.code) : null } };
    }),
  );

  router.post(
    "/payments",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = paymentBody.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      const b = parsed.data;
      const c = await findContractInScope(call.tx, call.user, deps.settings, b.contract);
      if (!c) return { status: 404, body: { error: "contract not found" } };
      if (b.receivedOn > today(call.now)) return { status: 422, body: { error: zhReceivables.futureDate(b.receivedOn), field: "receivedOn" } };
      const r = await recordPayment(call.tx, call.user, deps.settings, c, { amountFen: b.amount, receivedOn: b.receivedOn, method: b.method, note: b.note, externalId: b.externalId }, call.now);
      switch (r.kind) {
        case "replay":
          return { status: 200, body: await paymentJson(call.tx, r.payment.id) };
        case "conflict":
          return { status: 409, body: { error: "externalId already used for another payment", field: "externalId" } };
        case "void":
          return { status: 422, body: { error: zhReceivables.contractVoid(c.number), field: "contract" } };
        case "not_live":
          return { status: 422, body: { error: zhReceivables.contractNotLive(c.number, zhReceivables.contractStatus[r.status] ?? r.status), field: "contract" } };
        case "no_plan":
          return { status: 422, body: { error: zhReceivables.noPlanForPayment(c.number), field: "contract" } };
        case "over":
          return { status: 422, body: { error: zhReceivables.overpaid(formatFenZh(r.owedFen), formatFenZh(b.amount)), field: "amount" } };
        case "before_sign":
          return { status: 422, body: { error: zhReceivables.beforeSign(b.receivedOn, c.number, r.signedOn), field: "receivedOn" } };
        case "no_confirmers":
          return { status: 422, body: { error: zhReceivables.noConfirmers(r.group) } };
        case "recorded":
          if (r.pending) {
            const notifier = { tx: call.tx, admins: deps.admins, newId: () => randomBytes(6).toString("hex"), notify: (u: { wecomUserId: string }, reply: Parameters<typeof call.notify>[1]) => call.notify(u.wecomUserId, reply) };
            await sendConfirmCards(notifier, confirmers(deps.settings) ?? [], r.payment, c, call.user);
          }
          return { status: 201, body: await paymentJson(call.tx, r.payment.id) };
      }
    }),
  );
  return router;
}
