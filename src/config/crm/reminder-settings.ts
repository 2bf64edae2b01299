// When the bot nudges people: quiet hours, SLAs, digests. Part of the CRM settings.
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, e.g. 09:00");
const positiveInt = z.number().int().positive();
/** Date fields the scheduler can remind about (see src/scheduler/kinds/date-fields.ts). */
export const DATE_FIELDS = ["opportunity.expectedCloseDate"] as const;

export const reminderSettingsSchema = z
  .object({
    /** Non-urgent pushes inside these hours wait until the end (local time, CRM_TIMEZONE). */
    quietHours: z.object({ start: hhmm, end: hhmm }).default({ start: "21:00", end: "08:00" }),
    /** Recurring pushes to many people are spread over this many minutes. */
    spreadMinutes: z.number().int().min(0).max(60).default(5),
    /** Hours a new lead may wait for its first follow-up; then the owner is reminded. */
    leadFirstContactHours: positiveInt.default(24),
    /** …for grade A leads and leads tagged urgent (备注 contains 紧急). */
    urgentLeadFirstContactHours: positiveInt.default(12),
    /** Still not followed up this long after the reminder: the manager is told. */
    leadEscalationHours: positiveInt.default(24),
    /** Reminders of these kinds ignore quiet hours. */
    urgentKinds: z.array(z.string()).default(["lead_sla_escalation"]),
    birthdayDaysBefore: positiveInt.default(7),
    /** Reminders on date fields of records: days before (and after, when overdue) the date,
     * to the record's owner. Contracts (end: 30, 7) and payments (due, overdue) join here
     * when those records exist. */
    dateReminders: z
      .array(z.object({ field: z.enum(DATE_FIELDS), daysBefore: z.array(z.number().int().min(0).max(365)).default([]), daysAfter: z.array(z.number().int().min(1).max(365)).default([]) }))
      .default([{ field: "opportunity.expectedCloseDate", daysBefore: [7, 1], daysAfter: [1] }]),
    dailyAgenda: z.object({ enabled: z.boolean().default(true), at: hhmm.default("09:00") }).prefault({}),
    weeklyReport: z
      .object({ enabled: z.boolean().default(true), weekday: z.number().int().min(1).max(7).default(1), at: hhmm.default("09:00") })
      .prefault({}),
    /** The daily sweep (public pool, lead archive, birthdays, date fields) runs at this time. */
    dailySweepAt: hhmm.default("08:30"),
    /** A late reminder (downtime) says so when it is later than this. */
    lateAfterMinutes: positiveInt.default(5),
    /** Recurring digests missed for longer than this are skipped, not piled up. */
    skipDigestsOlderThanHours: positiveInt.default(24),
  })
  .prefault({});

export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** Minutes since midnight of "HH:MM". */
export const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
