// The agenda as text, for the 09:00 push and for 今日待办.
import type { agendaFor } from "./agenda.ts";
import { daysInStage } from "../opportunities/index.ts";
import { formatWhen } from "../../time/when.ts";
import { zhReminders } from "../reminders/index.ts";
import { formatFenZh } from "../money/index.ts";
import { zhReceivables } from "../receivables/index.ts";
import { localParts } from "../../util/local-time.ts";

type Agenda = Awaited<ReturnType<typeof agendaFor>>;

/** How long a lead has waited, in the unit a rep thinks in: hours the first day, then days. */
function waited(since: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000));
  return hours < 24 ? zhReminders.agendaWaitedHours(hours) : zhReminders.agendaWaitedDays(Math.floor(hours / 24));
}

/** The agenda text, or null when there is nothing on it. */
export function renderAgenda({ today, overdue, newLeads, stalled, instalments }: Agenda, now: Date, timeZone: string): string | null {
  if (today.length + overdue.length + newLeads.length + stalled.length + instalments.length === 0) return null;
  const time = (d: Date) => formatWhen(d, timeZone).split(" ")[1]!;
  const local = localParts(now, timeZone);
  const section = (title: string, items: string[]) => (items.length ? [title, ...items.map(zhReminders.agendaItem)] : []);
  return [
    zhReminders.agendaTitle(`${local.month}月${local.day}日`),
    ...section(zhReminders.agendaToday, today.map((r) => zhReminders.agendaReminder(r.code, time(r.dueAt), r.content))),
    ...section(zhReminders.agendaOverdue, overdue.map((r) => zhReminders.agendaReminder(r.code, formatWhen(r.dueAt, timeZone), r.content))),
    ...section(zhReminders.agendaNewLeads, newLeads.map((l) => zhReminders.agendaNewLead(l.code, l.name, l.company, waited(l.createdAt, now)))),
    ...section(zhReminders.agendaStalled, stalled.map((o) => zhReminders.agendaStalledItem(o.code, o.customer.name, o.stage, daysInStage(o, now)))),
    ...section(zhReceivables.agendaTitle, instalments.map((i) => zhReceivables.agendaLine(i.contract, i.customer, i.position, i.dueDate, formatFenZh(i.owedFen), i.status))),
  ].join("\n");
}
