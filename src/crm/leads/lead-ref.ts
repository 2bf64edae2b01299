import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { findLeadInScope, type LeadWithOwner } from "./leads.ts";
import { zhLeads } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";

/** The parameters of an action whose one argument is a lead: `#12` or a name. */
export const leadRefParams = {
  params: z.object({ ref: z.string().trim().min(1).max(32) }),
  labels: { ref: "线索编号或姓名" },
  positional: ["ref"],
} as const;

/** The lead a user named, or the reply for "not found". A lead outside the user's scope
 * gets the same answer as a missing one, and the attempt is audited. */
export async function resolveLead(
  ctx: ActionContext,
  ref: string,
  intent: "read" | "write",
): Promise<{ lead: LeadWithOwner } | { reply: Reply }> {
  const lead = await findLeadInScope(ctx.tx, ctx.actor, ref);
  if (lead) return { lead };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: `${intent}_denied`, entity: "lead", detail: { ref }, at: ctx.now });
  return { reply: text(zhLeads.leadNotFound(ref)) };
}
