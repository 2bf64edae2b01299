import { audit } from "../../auth/audit.ts";
import { findOpportunityInScope, type OpportunityWithCustomer } from "./opportunities.ts";
import { zhOpportunities } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";

/** The opportunity a user named (#code or part of the customer's name), or "not found" —
 * also for one outside their scope, which is audited. */
export async function resolveOpportunity(ctx: ActionContext, ref: string): Promise<{ opp: OpportunityWithCustomer } | { reply: Reply }> {
  const opp = await findOpportunityInScope(ctx.tx, ctx.actor, ref);
  if (opp) return { opp };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "write_denied", entity: "opportunity", detail: { ref }, at: ctx.now });
  return { reply: text(zhOpportunities.oppNotFound(ref)) };
}
