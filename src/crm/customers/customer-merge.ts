// 合并: customer B (a duplicate) is merged into A and deleted. Everything hanging off B moves
// to A: contacts (a contact with the same name and phone as one of A's is collapsed into
// it), follow-ups, opportunities, reminders and pool history. Tags are united; fields and
// custom fields B has and A lacks are filled in. Both sides are audited, B with a
// snapshot of what it was.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Contact, Customer, Prisma } from "../../generated/prisma/client.ts";

export interface MergeResult {
  customer: Customer;
  contactsMoved: number;
  contactsCollapsed: number;
  followUps: number;
  opportunities: number;
  reminders: number;
}

const toJson = (v: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

type JsonObject = Record<string, Prisma.JsonValue>;
const asObject = (v: Prisma.JsonValue): JsonObject => (v && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : {});
/** A's values win; B fills what A lacks. */
const fillObject = (a: Prisma.JsonValue, b: Prisma.JsonValue): Prisma.InputJsonValue => toJson({ ...asObject(b), ...asObject(a) });

const sameContact = (x: Contact, y: Contact) => x.name === y.name && (x.phone ?? "") === (y.phone ?? "");

/** Moves B's contacts to A, collapsing duplicates into A's (whose empty fields B fills). */
async function mergeContacts(tx: Tx, a: Customer, b: Customer): Promise<{ moved: number; collapsed: number }> {
  const [mine, theirs] = await Promise.all([
    tx.contact.findMany({ where: { customerId: a.id } }),
    tx.contact.findMany({ where: { customerId: b.id } }),
  ]);
  let collapsed = 0;
  for (const contact of theirs) {
    const twin = mine.find((m) => sameContact(m, contact));
    if (!twin) continue;
    await tx.contact.update({
      where: { id: twin.id },
      data: {
        wechatId: twin.wechatId ?? contact.wechatId,
        title: twin.title ?? contact.title,
        email: twin.email ?? contact.email,
        birthday: twin.birthday ?? contact.birthday,
        customFields: fillObject(twin.customFields, contact.customFields),
      },
    });
    await tx.contact.delete({ where: { id: contact.id } });
    collapsed++;
  }
  const moved = await tx.contact.updateMany({ where: { customerId: b.id }, data: { customerId: a.id } });
  return { moved: moved.count, collapsed };
}

export async function mergeCustomers(tx: Tx, actor: User, a: Customer, b: Customer, now: Date): Promise<MergeResult> {
  const snapshot = toJson({ ...b, contacts: await tx.contact.findMany({ where: { customerId: b.id } }) });
  const contacts = await mergeContacts(tx, a, b);
  const move = { where: { customerId: b.id }, data: { customerId: a.id } };
  const followUps = (await tx.followUp.updateMany(move)).count;
  const opportunities = (await tx.opportunity.updateMany(move)).count;
  await tx.poolEvent.updateMany(move);
  const reminders = (await tx.reminder.updateMany({ where: { refType: "customer", refId: b.id }, data: { refId: a.id } })).count;
  await tx.customer.delete({ where: { id: b.id } });
  const latest = [a.lastFollowUpAt, b.lastFollowUpAt].filter((d): d is Date => d !== null).sort((x, y) => y.getTime() - x.getTime())[0];
  const fill = {
    tags: [...new Set([...a.tags, ...b.tags])],
    industry: a.industry ?? b.industry,
    level: a.level ?? b.level,
    region: a.region ?? b.region,
    note: a.note ?? b.note,
    fromLeadId: a.fromLeadId ?? b.fromLeadId,
    lastFollowUpAt: latest ?? null,
  };
  const customer = await tx.customer.update({
    where: { id: a.id },
    data: { ...fill, customFields: fillObject(a.customFields, b.customFields), updatedAt: now },
  });
  const before = toJson(Object.fromEntries(Object.keys(fill).map((k) => [k, a[k as keyof typeof fill]])));
  const counts = { contactsMoved: contacts.moved, contactsCollapsed: contacts.collapsed, followUps, opportunities, reminders };
  await tx.auditEntry.createMany({
    data: [
      { actorId: actor.id, action: "merge", entity: "customer", entityId: a.id, detail: { before, after: toJson(fill), mergedFrom: snapshot, ...counts }, at: now },
      { actorId: actor.id, action: "merge_into", entity: "customer", entityId: b.id, detail: { before: snapshot, into: a.id }, at: now },
    ],
  });
  return { customer, ...counts };
}
