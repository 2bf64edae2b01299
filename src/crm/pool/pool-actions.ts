// Actions on the public pool (公海), releases, leaving reps and merges.
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { formatAmountYuan } from "../money/index.ts";
import { formatDay, wholeDaysBetween } from "../../time/calendar.ts";
import { claimCustomer, listPool, moveToPool, type PoolEntry } from "./pool.ts";
import { findCustomerByRef } from "../customers/index.ts";
import { formatWhen } from "../../time/when.ts";
import type { Customer } from "../../generated/prisma/client.ts";
import { zhPool } from "./messages.ts";
import { zhRules } from "../opportunities/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext, type ActionDef, type TokenResult } from "../../actions/action.ts";
import { confirmFirst } from "../../actions/confirm-first.ts";
import { customerInScope, nameOf } from "../customers/index.ts";

const PAGE_SIZE = 10;

function poolLine(c: PoolEntry, now: Date): string {
  const event = c.poolEvents[0];
  const why = event ? zhPool.poolWhy(event.kind, event.reason) : "";
  const since = wholeDaysBetween(c.pooledAt ?? c.updatedAt, now);
  return zhPool.poolLine(c.code, c.name, [c.industry, c.level, c.region].filter((x): x is string => Boolean(x)), since, why);
}

export const poolListAction = defineAction({
  name: "pool.list",
  command: "公海",
  aliases: ["pool"],
  summary: "公海里可领取的客户",
  usage: "公海 [页码]",
  example: "公海 2",
  params: z.object({ page: z.string().regex(/^[1-9]\d{0,5}$/, zhPool.poolBadPage).transform(Number).default(1) }),
  labels: { page: "页码" },
  positional: ["page"],
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const { items, total } = await listPool(ctx.tx, p.page, PAGE_SIZE);
    if (total === 0) return [text(zhPool.poolEmpty)];
    const pages = Math.ceil(total / PAGE_SIZE);
    if (items.length === 0) return [text(zhPool.poolPageBeyond(pages))];
    const lines = items.map((c) => poolLine(c, ctx.now));
    return [text([zhPool.poolTitle(total, p.page, pages), ...lines, zhPool.poolFooter(items[0]!.code, p.page < pages ? p.page + 1 : null)].join("\n"))];
  },
});

async function claim(ctx: ActionContext, ref: string): Promise<Reply> {
  const inPool = await findCustomerByRef(ctx.tx, ref, { ownerId: null });
  if (!inPool) {
    const any = await findCustomerByRef(ctx.tx, ref, {});
    if (any?.ownerId === ctx.actor.id) return text(zhPool.claimAlreadyYours(any.code, any.name));
    // Someone else's customer: the same answer as a missing one, and the attempt is kept.
    if (any) await audit(ctx.tx, { actorId: ctx.actor.id, action: "write_denied", entity: "customer", entityId: any.id, detail: { ref, op: "claim" }, at: ctx.now });
    return text(zhPool.claimNotInPool(ref));
  }
  const r = await claimCustomer(ctx.tx, ctx.actor, inPool, ctx.now, ctx.settings, ctx.timeZone);
  switch (r.kind) {
    case "claimed":
      return text(zhPool.claimed(r.customer.code, r.customer.name, r.claimedThisMonth, r.limit, ctx.settings.pool.returnAfterDays, r.opportunities));
    case "limit":
      return text(zhPool.claimLimitReached(r.limit, formatWhen(r.resetsAt, ctx.timeZone)));
    case "cooldown":
      return text(zhPool.claimCooldown(inPool.code, inPool.name, formatDay(r.until, ctx.timeZone)));
    case "taken":
      return text(zhPool.claimTaken(inPool.code, inPool.name));
  }
}

export const poolClaimAction = defineAction({
  name: "pool.claim",
  command: "领取",
  aliases: ["claim"],
  summary: "从公海领取客户（每月有上限）",
  usage: "领取 <客户名|#编号>",
  example: "领取 #12",
  params: z.object({ ref: z.string().trim().min(1).max(64) }),
  labels: { ref: "客户名或编号" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "write",
  run: async (ctx, p) => [await claim(ctx, p.ref)],
});

/** 释放 <客户> [确认] [原因…]: the reason may have spaces; 确认 right after the customer
 * confirms a release that takes open opportunities along. */
function releaseTokens(tokens: string[]): TokenResult {
  const [ref, ...rest] = tokens;
  const confirmed = rest[0] === "确认";
  const reason = confirmed ? rest.slice(1) : rest;
  return { ok: true, raw: { ref, reason: reason.length ? reason.join(" ") : undefined, ...(confirmed ? { confirmed: true } : {}) } };
}

/** A release that would take open opportunities into the pool asks first. */
async function askBeforeRelease(ctx: ActionContext, customer: Customer, reason: string | undefined): Promise<Reply | null> {
  const open = await ctx.tx.opportunity.findMany({ where: { customerId: customer.id, closedAt: null }, orderBy: { code: "asc" } });
  if (open.length === 0) return null;
  return confirmFirst(ctx, {
    action: "pool.release",
    params: { ref: `#${customer.code}`, ...(reason ? { reason } : {}), confirmed: true },
    title: zhRules.releaseConfirmTitle(customer.code, customer.name),
    fields: [
      ...open.slice(0, 4).map((o) => ({ label: zhRules.releaseOppLabel, value: zhRules.releaseOpp(o.code, o.stage, o.amount ? formatAmountYuan(Number(o.amount)) : null) })),
      { label: zhRules.releaseAfterLabel, value: zhRules.releaseAfter(ctx.settings.pool.returnAfterDays) },
    ],
    confirmText: zhRules.releaseConfirmButton,
  });
}

export const poolReleaseAction = defineAction({
  name: "pool.release",
  command: "释放",
  aliases: ["release"],
  summary: "把客户放回公海",
  usage: "释放 <客户名|#编号> [确认] [原因]",
  example: "释放 #12 客户暂无预算",
  params: z.object({
    ref: z.string().trim().min(1).max(64),
    reason: z.string().trim().min(1).max(200, zhPool.releaseReasonTooLong).optional(),
    /** Confirms taking open opportunities along (the card's 确认 sets it). */
    confirmed: z.boolean().optional(),
  }),
  labels: { ref: "客户名或编号", reason: "原因" },
  fromTokens: releaseTokens,
  roles: ALL_ROLES,
  effect: "write",
  freeText: "typed",
  refs: { ref: "customer" },
  async run(ctx, p) {
    const found = await customerInScope(ctx, p.ref);
    if ("reply" in found) return [found.reply];
    const { customer } = found;
    if (!customer.ownerId) return [text(zhPool.releaseAlreadyInPool(customer.code, customer.name))];
    const ask = p.confirmed ? null : await askBeforeRelease(ctx, customer, p.reason);
    if (ask) return [ask];
    const owner = await ctx.tx.user.findUniqueOrThrow({ where: { id: customer.ownerId } });
    const how = { actorId: ctx.actor.id, kind: "released", reason: p.reason ?? null, guard: { ownerId: owner.id } } as const;
    const moved = await moveToPool(ctx.tx, [customer], how, ctx.now);
    if (moved.length === 0) return [text(zhPool.releaseAlreadyInPool(customer.code, customer.name))];
    if (owner.id !== ctx.actor.id && owner.active) {
      ctx.notify(owner, text(zhPool.releasedYourCustomer(nameOf(ctx.actor), customer.code, customer.name, p.reason ?? null)));
    }
    return [text(zhPool.released(customer.code, customer.name, owner.id === ctx.actor.id ? null : nameOf(owner)))];
  },
});

export const poolActions: ActionDef[] = [poolListAction, poolClaimAction, poolReleaseAction];
