// The agenda as text, for the 09:00 push and for 今日待办.
import type { agendaFor } from "./agenda.ts";
import { daysInStage } from "../opportunities/opportunity-stall.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { localParts } from "../../util/local-time.ts";

type Agenda = Awaited<ReturnType<typeof agendaFor>>;

/** How long a lead has waited, in the unit a rep thinks in: hours the first day, then days. */
function waited(since: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000));
  return hours < 24 ? zh.agendaWaitedHours(hours) : zh.agendaWaitedDays(Math.floor(hours / 24));
}

/** The agenda text, or null when there is nothing on it. */
export function renderAgenda({ today, overdue, newLeads, stalled }: Agenda, now: Date, timeZone: string): string | null {
  if (today.length + overdue.length + newLeads.length + stalled.length === 0) return null;
  const time = (d: Date) => formatWhen(d, timeZone).split(" ")[1]!;
  const local = localParts(now, timeZone);
  const section = (title: string, items: string[]) => (items.length ? [title, ...items.map(zh.agendaItem)] : []);
  return [
    zh.agendaTitle(`${local.month}月${local.day}日`),
    ...section(zh.agendaToday, today.map((r) => zh.agendaReminder(r.code, time(r.dueAt), r.content))),
    ...section(zh.agendaOverdue, overdue.map((r) => zh.agendaReminder(r.code, formatWhen(r.dueAt, timeZone), r.content))),
    ...section(zh.agendaNewLeads, newLeads.map((l) => zh.agendaNewLead(l.code, l.name, l.company, waited(l.createdAt, now)))),
    ...section(zh.agendaStalled, stalled.map((o) => zh.agendaStalledItem(o.code, o.customer.name, o.stage, daysInStage(o, now)))),
  ].join("\n");
}
