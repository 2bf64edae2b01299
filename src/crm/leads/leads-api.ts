// POST /api/v1/leads and /api/v1/events: intake from website forms and ad platforms, and
// behaviour points. Same services, scopes and dedupe as the chat commands. (Reading
// records: records-api.ts.)
import { activeAdmins } from "../../auth/admins.ts";
import express, { type Router } from "express";
import { z } from "zod";
import { ownedWithin } from "../../auth/scope.ts";
import { findLikelyCustomer } from "../customers/index.ts";
import { pickAssignee } from "./lead-assignment.ts";
import { addScore } from "./lead-scoring.ts";
import { createLead, hasContactWay, reassignLead } from "./leads.ts";
import { isMainlandMobile, normalizeMobile } from "../../util/phone.ts";
import { LEAD_SOURCES } from "../../config/crm/crm-settings.ts";
import { zhLeads } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { fieldErrors, handler, jsonBody, onBodyError, type ApiDeps } from "../../http/api/api-context.ts";

const mobile = z
  .string()
  .transform((v) => normalizeMobile(v))
  .refine(isMainlandMobile, "must be an 11-digit mainland mobile number");

const leadBody = z
  .object({
    name: z.string().trim().min(1).max(32),
    phone: mobile.optional(),
    company: z.string().trim().min(1).max(64).optional(),
    wechatId: z.string().trim().min(1).max(64).optional(),
    source: z.enum(LEAD_SOURCES).default("官网表单"),
    region: z.string().trim().min(1).max(32).optional(),
    productLine: z.string().trim().min(1).max(32).optional(),
    note: z.string().trim().max(500).optional(),
    /** The campaign it came from (an ad, a landing page): 活动分析 groups leads by it. */
    campaign: z.string().trim().min(1).max(64).optional(),
    /** Create even when the company likely is an existing customer (else 409). */
    force: z.boolean().default(false),
  })
  .strict()
  .refine(hasContactWay, { message: "give a phone or a wechatId", path: ["phone"] });

const eventBody = z
  .object({
    lead: z.union([z.object({ id: z.uuid() }).strict(), z.object({ phone: mobile }).strict()]),
    kind: z.string().min(1).max(32),
    /** The integration's id for this event: sending it twice scores once. */
    eventId: z.string().min(1).max(128),
  })
  .strict();

export function leadsApiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const { settings } = deps;

  router.post(
    "/leads",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = leadBody.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      const { force, ...input } = parsed.data;
      const likely = input.company && !force ? await findLikelyCustomer(call.tx, input.company) : null;
      if (likely) {
        const match = { id: likely.id, code: likely.code, name: likely.name, owner: likely.owner?.wecomUserId ?? null };
        return { status: 409, body: { error: "likely duplicate of an existing customer; send force: true to create anyway", match } };
      }
      const result = await createLead(call.tx, call.user, input, call.now, settings, null);
      if (result.kind === "duplicate") {
        return { status: 200, body: { id: result.existing.id, code: result.existing.code, duplicate: true, matchedBy: result.matchedBy } };
      }
      let lead = result.lead;
      const rep = await pickAssignee(call.tx, lead, settings, call.now);
      if (rep) {
        lead = await reassignLead(call.tx, call.user, lead, rep, call.now, settings);
        call.notify(rep.wecomUserId, text(zhLeads.leadAssignedToYou(zhLeads.systemActor(lead.source), lead.code, lead.name, lead.company, lead.phone)));
      } else {
        for (const admin of await activeAdmins(call.tx, deps.admins)) call.notify(admin.wecomUserId, text(zhLeads.leadUnassignable(lead.code, lead.name)));
      }
      return {
        status: 201,
        body: { id: lead.id, code: lead.code, owner: rep?.wecomUserId ?? null, score: lead.score, grade: lead.grade },
      };
    }),
  );

  router.post(
    "/events",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = eventBody.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      const { lead: ref, kind, eventId } = parsed.data;
      const points = settings.leads.behaviourPoints[kind];
      if (points === undefined) {
        return { status: 400, body: { error: "invalid body", fields: { kind: `unknown kind; one of ${Object.keys(settings.leads.behaviourPoints).join(", ")}` } } };
      }
      const lead = await call.tx.lead.findFirst({ where: { AND: ["id" in ref ? { id: ref.id } : { phone: ref.phone }, ownedWithin(call.user)] } });
      if (!lead) return { status: 404, body: { error: "lead not found" } };
      const scored = await addScore(
        call.tx,
        lead,
        { delta: points, kind: "behaviour", reason: `行为：${kind}`, eventKey: `${call.tokenId}:${eventId}` },
        call.now,
        settings,
      );
      if (scored) await call.tx.lead.update({ where: { id: lead.id }, data: { lastInteractionAt: call.now } });
      const current = scored ?? lead;
      return { status: scored ? 201 : 200, body: { id: lead.id, applied: scored !== null, score: current.score, grade: current.grade } };
    }),
  );

  router.use(onBodyError);
  return router;
}
