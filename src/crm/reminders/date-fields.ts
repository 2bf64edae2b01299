// Reminders generic over a date field of a record: "N days before" and "overdue by N days",
// to the record's owner. Each field says how to find its records dated on a local day.
import type { ReminderSettings } from "../../config/crm/reminder-settings.ts";
import type { Tx } from "../../db/tx.ts";

export interface DatedRecord {
  id: string;
  ownerId: string;
  title: string;
}

export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

export interface DateField {
  label: string;
  /** Records whose date is this local calendar day. */
  on(tx: Tx, day: LocalDay, timeZone: string): Promise<DatedRecord[]>;
}

/** A DATE column holds a calendar day; Prisma reads it as UTC midnight of that day. */
export const calendarDay = (d: LocalDay): Date => new Date(Date.UTC(d.year, d.month - 1, d.day));

export const DATE_FIELD_SOURCES: Record<ReminderSettings["dateReminders"][number]["field"], DateField> = {
  "opportunity.expectedCloseDate": {
    label: "预计成交日期",
    async on(tx, day) {
      const rows = await tx.opportunity.findMany({
        where: { closedAt: null, ownerId: { not: null }, expectedCloseDate: calendarDay(day) },
        include: { customer: { select: { name: true } } },
      });
      return rows.map((o) => ({ id: o.id, ownerId: o.ownerId!, title: `商机 #${o.code} ${o.customer.name}` }));
    },
  },
};
