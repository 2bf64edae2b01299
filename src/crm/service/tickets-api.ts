// POST /api/v1/tickets: a service ticket from an integration (a web form, a call centre), for
// a customer in the token's scope, routed and timed like one opened in chat.
import express, { type Router } from "express";
import { z } from "zod";
import { ticketContext } from "./ticket-staff-context.ts";
import { findCustomerInScope } from "../customers/index.ts";
import { TICKET_PRIORITIES } from "../../config/crm/service-settings.ts";
import { MAX_TICKET_TITLE, openTicket } from "./open-ticket.ts";
import { fieldErrors, handler, jsonBody, onBodyError, recordCode, type ApiDeps } from "../../http/api/api-context.ts";

const ticketBody = z
  .object({
    /** The customer's code (12, "#12") or name. */
    customer: z.union([recordCode, z.string().trim().min(1).max(64)]),
    title: z.string().trim().min(1).max(MAX_TICKET_TITLE),
    type: z.string().trim().min(1).max(8).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
  })
  .strict();

export function ticketsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const { settings } = deps;

  router.post(
    "/tickets",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = ticketBody.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      const b = parsed.data;
      if (b.type && !settings.service.types.includes(b.type)) {
        return { status: 400, body: { error: "invalid body", fields: { type: `unknown type; one of ${settings.service.types.join(", ")}` } } };
      }
      const ref = typeof b.customer === "number" || /^\d+$/.test(b.customer) ? `#${b.customer}` : b.customer;
      const customer = await findCustomerInScope(call.tx, call.user, ref);
      if (!customer) return { status: 404, body: { error: "customer not found", fields: { customer: `no customer "${b.customer}" in this token's scope` } } };
      const ctx = ticketContext({ tx: call.tx, now: call.now, settings, timeZone: deps.timeZone, notify: (u, reply) => call.notify(u.wecomUserId, reply), sendTo: (channel, to, reply) => call.send(channel, to, reply) });
      const t = await openTicket(ctx, { customerId: customer.id, title: b.title, type: b.type, priority: b.priority, source: "api", createdBy: call.user });
      return {
        status: 201,
        body: {
          id: t.id,
          code: t.code,
          customer: { id: customer.id, code: customer.code, name: customer.name },
          type: t.type,
          priority: t.priority,
          status: t.status,
          dueAt: t.dueAt.toISOString(),
          assignee: t.assignee?.wecomUserId ?? null,
          serviceGroup: t.serviceGroup,
        },
      };
    }),
  );
  router.use(onBodyError);
  return router;
}
