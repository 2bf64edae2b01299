// Recurring work expands into one-off jobs with a unique key per occurrence, so any number
// of replicas planning at once create each occurrence once. Occurrences missed for longer
// than the skip window are not planned at all (no pile-up after downtime).
import { minutesOf } from "../config/crm/reminder-settings.ts";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import { atLocal, isoWeekKey, localDateKey, localParts } from "../util/local-time.ts";
import type { NewJob } from "./jobs.ts";

export interface RecurringRule {
  name: string;
  /** Occurrences due from `from` up to `to`. */
  occurrences(from: Date, to: Date, timeZone: string): NewJob[];
}

const DAY_MS = 86_400_000;

/** A local time every day (optionally only on one weekday, or one day of the month), keyed by
 * date, ISO week or month (YYYY-MM). */
export function dailyAt(name: string, kind: string, at: string, opts: { weekday?: number; monthDay?: number; enabled?: boolean } = {}): RecurringRule {
  return {
    name,
    occurrences(from, to, timeZone) {
      if (opts.enabled === false) return [];
      const jobs: NewJob[] = [];
      for (let t = from.getTime() - DAY_MS; t <= to.getTime() + DAY_MS; t += DAY_MS) {
        const p = localParts(new Date(t), timeZone);
        if (opts.weekday && p.weekday !== opts.weekday) continue;
        if (opts.monthDay && p.day !== opts.monthDay) continue;
        const dueAt = atLocal(p.year, p.month, p.day, minutesOf(at), timeZone);
        if (dueAt < from || dueAt > to) continue;
        const key = opts.weekday ? isoWeekKey(dueAt, timeZone) : opts.monthDay ? localDateKey(dueAt, timeZone).slice(0, 7) : localDateKey(dueAt, timeZone);
        jobs.push({ kind, dueAt, uniqueKey: `${kind}:${key}`, payload: { occurrence: key } });
      }
      return jobs;
    },
  };
}

/** The recurring work of the CRM, from its settings. */
export function crmRecurringRules(settings: CrmSettings): RecurringRule[] {
  const r = settings.reminders;
  const churn = settings.reports.health.churnList;
  return [
    dailyAt("daily agenda", "agenda-fanout", r.dailyAgenda.at, { enabled: r.dailyAgenda.enabled }),
    dailyAt("weekly report", "weekly-report-fanout", r.weeklyReport.at, { weekday: r.weeklyReport.weekday, enabled: r.weeklyReport.enabled }),
    dailyAt("churn risk list", "churn-risk-fanout", churn.at, { weekday: churn.weekday, enabled: churn.enabled }),
    dailyAt("daily sweep", "daily-sweep", r.dailySweepAt),
    dailyAt("pool sweep", "pool-sweep", r.dailySweepAt),
    dailyAt("receivables check", "receivables-check", `${String(settings.receivables.checkHour).padStart(2, "0")}:00`),
    dailyAt("forecast snapshot", "forecast-snapshot", settings.reports.forecast.snapshotAt, { monthDay: 1 }),
    dailyAt("monthly report", "monthly-report-fanout", settings.reports.monthlyReport.at, { monthDay: 1, enabled: settings.reports.monthlyReport.enabled }),
    dailyAt("team group report", "team-group-report", r.weeklyReport.at, {
      weekday: r.weeklyReport.weekday,
      enabled: r.weeklyReport.enabled && Object.keys(settings.reports.groupRobots).length > 0,
    }),
  ];
}
