import { audit } from "../../auth/audit.ts";
import { zhCustomers } from "./messages.ts";
import { ownedWithin } from "../../auth/scope.ts";
import { findCustomerByRef } from "./customers.ts";
import type { Customer } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";

/** A customer the actor may change, or the "not found" reply — also for one outside their
 * scope, which is audited as a denied write. */
export async function customerInScope(ctx: ActionContext, ref: string): Promise<{ customer: Customer } | { reply: Reply }> {
  const customer = await findCustomerByRef(ctx.tx, ref, ownedWithin(ctx.actor));
  if (customer) return { customer };
  await audit(ctx.tx, { actorId: ctx.actor.id, action: "write_denied", entity: "customer", detail: { ref }, at: ctx.now });
  return { reply: text(zhCustomers.poolCustomerNotFound(ref)) };
}

export const nameOf = (u: { name: string | null; wecomUserId: string }): string => zh.whoName(u.name, u.wecomUserId);
