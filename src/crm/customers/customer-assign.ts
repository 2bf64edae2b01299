// 分配 客户 <客户> <销售>: a manager or admin gives a customer — one of their scope's, or one
// in the pool (undoing a release) — to a rep in their scope; open opportunities follow it.
import { findUserInScope } from "../../auth/find-user.ts";
import { zhCustomers } from "./messages.ts";
import { ownedWithin } from "../../auth/scope.ts";
import { assignCustomer } from "./customer-assignment.ts";
import { findCustomerByRef } from "./customers.ts";
import { zh } from "../../messages/zh.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";
import { customerInScope, nameOf } from "./customer-ref.ts";

export async function assignCustomerTo(ctx: ActionContext, ref: string, toRef: string): Promise<Reply[]> {
  const pooled = await findCustomerByRef(ctx.tx, ref, { ownerId: null });
  const found = pooled ? { customer: pooled } : await customerInScope(ctx, ref);
  if ("reply" in found) return [found.reply];
  const { customer } = found;
  const to = await findUserInScope(ctx.tx, ctx.actor, toRef);
  if (!to) return [text(zh.userNotFound(toRef))];
  if (customer.ownerId === to.id) return [text(zhCustomers.customerAssignedAlready(customer.code, customer.name, nameOf(to)))];
  const before = customer.ownerId ? await ctx.tx.user.findUnique({ where: { id: customer.ownerId } }) : null;
  const done = await assignCustomer(ctx.tx, ctx.actor, customer, to, ctx.now);
  if (!done) return [text(zhCustomers.customerAssignRaced(customer.code, customer.name))];
  const by = nameOf(ctx.actor);
  if (to.id !== ctx.actor.id) ctx.notify(to, text(zhCustomers.customerAssignedToYou(by, customer.code, customer.name, done.opportunities)));
  if (before && before.id !== ctx.actor.id && before.active) ctx.notify(before, text(zhCustomers.customerTakenFromYou(by, customer.code, customer.name, nameOf(to))));
  return [text(zhCustomers.customerAssigned(customer.code, customer.name, nameOf(to), done.opportunities, done.fromPool))];
}

/** Is `分配 …` about a customer (`分配 客户 <客户> <销售>`, or `分配 客户#12 <销售>`)? */
export function customerAssignTokens(tokens: string[]): { ref: string; to: string | undefined } | null {
  const [first, ...rest] = tokens;
  if (first === "客户" && rest.length) return { ref: rest[0]!, to: rest[1] };
  const glued = /^客户\s*[#＃]?\s*(\d{1,9})$/.exec(first ?? "");
  return glued ? { ref: `#${glued[1]}`, to: rest[0] } : null;
}
