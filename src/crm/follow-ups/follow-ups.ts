// Follow-ups (跟进): who contacted which customer or lead, when, how, what was said, and
// when to follow up next (stored as a Reminder that the scheduler fires).
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Customer, FollowUp, Lead } from "../../generated/prisma/client.ts";
import { normalizeCompany } from "../customers/index.ts";
import { createReminder } from "../reminders/index.ts";

export type FollowUpTarget = { kind: "customer"; customer: Customer } | { kind: "lead"; lead: Lead };

/** `#12` (a customer, else a lead), a customer's name (however the company is typed), one
 * of its contacts' names, or a lead's name — within the actor's scope. */
export async function resolveTarget(tx: Tx, actor: User, ref: string): Promise<FollowUpTarget | null> {
  const scope = ownedWithin(actor);
  // 客户#12 / 线索#7 say which kind a code is (free text resolves names to these).
  const typed = /^(客户|线索)\s*#\s*(\d{1,9})$/.exec(ref);
  if (typed?.[1] === "客户") {
    const customer = await tx.customer.findFirst({ where: { AND: [{ code: Number(typed[2]) }, scope] } });
    return customer ? { kind: "customer", customer } : null;
  }
  if (typed?.[1] === "线索") {
    const lead = await tx.lead.findFirst({ where: { AND: [{ code: Number(typed[2]) }, scope, { status: { not: "converted" } }] } });
    return lead ? { kind: "lead", lead } : null;
  }
  const code = /^#?(\d{1,9})$/.exec(ref)?.[1];
  const customerMatch = code
    ? { code: Number(code) }
    : { OR: [{ name: ref }, { nameKey: normalizeCompany(ref) || ref }, { contacts: { some: { name: ref } } }] };
  const customer =
    (await tx.customer.findFirst({ where: { AND: [customerMatch, scope] }, orderBy: { updatedAt: "desc" } })) ??
    (code ? null : await uniqueByPartOfName(tx, ref, scope));
  if (customer) return { kind: "customer", customer };
  const lead = await tx.lead.findFirst({
    where: { AND: [code ? { code: Number(code) } : { name: ref }, scope, { status: { not: "converted" } }] },
    orderBy: { createdAt: "desc" },
  });
  return lead ? { kind: "lead", lead } : null;
}

/** 华为 for 华为技术有限公司 — only when exactly one visible customer fits. */
async function uniqueByPartOfName(tx: Tx, part: string, scope: ReturnType<typeof ownedWithin>): Promise<Customer | null> {
  const found = await tx.customer.findMany({ where: { AND: [{ name: { contains: part } }, scope] }, take: 2 });
  return found.length === 1 ? found[0]! : null;
}

export interface NewFollowUp {
  content: string;
  channel: string;
  nextAt?: Date;
}

export const targetName = (t: FollowUpTarget): string => (t.kind === "customer" ? t.customer.name : t.lead.name);

/** A follow-up makes a new lead contacted and brings an archived one back. */
const reactivated = (lead: Lead) =>
  lead.status === "new" || lead.status === "archived" ? { status: "contacted", archivedAt: null } : {};

export async function recordFollowUp(tx: Tx, actor: User, target: FollowUpTarget, input: NewFollowUp, now: Date): Promise<FollowUp> {
  const ref = target.kind === "customer" ? { customerId: target.customer.id } : { leadId: target.lead.id };
  const followUp = await tx.followUp.create({
    data: { ...ref, authorId: actor.id, channel: input.channel, content: input.content, at: now, nextAt: input.nextAt },
  });
  if (target.kind === "customer") {
    await tx.customer.update({ where: { id: target.customer.id }, data: { lastFollowUpAt: now, poolWarnedAt: null, updatedAt: now } });
  } else {
    await tx.lead.update({
      where: { id: target.lead.id },
      data: { lastInteractionAt: now, updatedAt: now, ...reactivated(target.lead) },
    });
  }
  if (input.nextAt) {
    await createReminder(
      tx,
      actor,
      {
        userId: actor.id,
        dueAt: input.nextAt,
        content: `跟进 ${targetName(target)}：${input.content}`,
        kind: "follow_up",
        refType: target.kind,
        refId: target.kind === "customer" ? target.customer.id : target.lead.id,
      },
      now,
    );
  }
  await audit(tx, { actorId: actor.id, action: "create", entity: "follow_up", entityId: followUp.id, detail: { ...ref }, at: now });
  return followUp;
}

export async function followUpHistory(tx: Tx, target: FollowUpTarget, limit: number) {
  const where = target.kind === "customer" ? { customerId: target.customer.id } : { leadId: target.lead.id };
  const [items, total] = await Promise.all([
    tx.followUp.findMany({ where, orderBy: { at: "desc" }, take: limit, include: { author: true } }),
    tx.followUp.count({ where }),
  ]);
  return { items, total };
}
