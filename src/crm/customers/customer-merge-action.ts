// 合并 <客户A> <客户B>: B is merged into A (managers, admins; both in their scope).
import { z } from "zod";
import { zhCustomers } from "./messages.ts";
import { mergeCustomers } from "./customer-merge.ts";
import { text } from "../../render/reply.ts";
import { defineAction } from "../../actions/action.ts";
import { customerInScope, nameOf } from "./customer-ref.ts";

const ref = z.string().trim().min(1).max(64);

export const customerMergeAction = defineAction({
  name: "customer.merge",
  command: "合并",
  aliases: ["merge"],
  summary: "重复客户 B 并入 A，B 删除（主管、管理员）",
  usage: "合并 <保留的客户A> <并入的客户B>",
  example: "合并 #12 #15",
  params: z.object({ into: ref, from: ref }),
  labels: { into: "保留的客户A", from: "并入的客户B" },
  positional: ["into", "from"],
  roles: ["manager", "admin"],
  effect: "write",
  freeText: "typed",
  async run(ctx, p) {
    const a = await customerInScope(ctx, p.into);
    if ("reply" in a) return [a.reply];
    const b = await customerInScope(ctx, p.from);
    if ("reply" in b) return [b.reply];
    if (a.customer.id === b.customer.id) return [text(zhCustomers.mergeSelf(a.customer.code, a.customer.name))];
    const r = await mergeCustomers(ctx.tx, ctx.actor, a.customer, b.customer, ctx.now);
    const bOwner = b.customer.ownerId;
    if (bOwner && bOwner !== ctx.actor.id && bOwner !== a.customer.ownerId) {
      const owner = await ctx.tx.user.findUniqueOrThrow({ where: { id: bOwner } });
      if (owner.active) ctx.notify(owner, text(zhCustomers.mergedYourCustomer(nameOf(ctx.actor), b.customer.code, b.customer.name, a.customer.code, a.customer.name)));
    }
    return [text(zhCustomers.merged(b.customer.code, b.customer.name, a.customer.code, a.customer.name, r))];
  },
});
