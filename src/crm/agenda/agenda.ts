// "What do I do today": today's reminders, overdue ones, new leads still waiting for their
// first contact, stalled deals, instalments due within receivables.remindDaysBefore and the
// overdue ones — for one person (their own records).
import type { Tx } from "../../db/tx.ts";
import { atLocal, localDateKey, localParts } from "../../util/local-time.ts";
import { daysInStage, stallDaysOf } from "../opportunities/index.ts";
import { instalmentsDueFor } from "../receivables/index.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export async function agendaFor(tx: Tx, userId: string, now: Date, timeZone: string, settings: CrmSettings) {
  const p = localParts(now, timeZone);
  const dayStart = atLocal(p.year, p.month, p.day, 0, timeZone);
  const dayEnd = atLocal(p.year, p.month, p.day + 1, 0, timeZone);
  const [today, overdue, open, newLeads, due] = await Promise.all([
    tx.reminder.findMany({ where: { userId, status: "pending", dueAt: { gte: dayStart, lt: dayEnd } }, orderBy: { dueAt: "asc" }, take: 20 }),
    tx.reminder.findMany({ where: { userId, status: { in: ["pending", "fired"] }, dueAt: { lt: dayStart } }, orderBy: { dueAt: "asc" }, take: 20 }),
    tx.opportunity.findMany({
      where: { ownerId: userId, closedAt: null },
      include: { customer: { select: { name: true } } },
      orderBy: { stageChangedAt: "asc" },
      take: 200,
    }),
    // Status new: nobody has followed it up yet (a follow-up makes it contacted).
    tx.lead.findMany({ where: { ownerId: userId, status: "new", archivedAt: null }, orderBy: { createdAt: "asc" }, take: 20 }),
    instalmentsDueFor(tx, [userId], localDateKey(now, timeZone), settings.receivables.remindDaysBefore),
  ]);
  const stalled = open.filter((o) => daysInStage(o, now) >= stallDaysOf(settings, o.stage)).slice(0, 20);
  return { today, overdue, newLeads, stalled, instalments: (due.get(userId) ?? []).slice(0, 20) };
}
