// The customers, contacts and leads a user dealt with lately, newest first: free text says
// "张总" or "那家公司" and means one of these (the engines get them as context).
import type { Prisma } from "../../db/database.ts";

const RECENT_FOLLOW_UPS = 20;
export const MAX_RECENT_NAMES = 10;

export async function recentNames(db: Prisma, userId: string): Promise<string[]> {
  const followUps = await db.followUp.findMany({
    where: { authorId: userId },
    orderBy: { at: "desc" },
    take: RECENT_FOLLOW_UPS,
    select: {
      customer: { select: { name: true, contacts: { select: { name: true }, orderBy: { createdAt: "desc" }, take: 2 } } },
      lead: { select: { name: true } },
    },
  });
  const names = new Set<string>();
  for (const f of followUps) {
    if (f.customer) {
      names.add(f.customer.name);
      for (const c of f.customer.contacts) names.add(c.name);
    }
    if (f.lead) names.add(f.lead.name);
  }
  return [...names].slice(0, MAX_RECENT_NAMES);
}
