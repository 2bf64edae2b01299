// Reports: forecasts, customer health, campaign conversion and team group pushes. Each part
// is filled in with its report (see the README's "Reports" section).
import { z } from "zod";

const points = z.number().int().min(0).max(100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, e.g. 09:30");

const healthSettingsSchema = z
  .object({
    /** 健康 at or above `healthy`, 关注 at or above `watch`, 风险 below it. */
    bands: z.object({ healthy: points.default(80), watch: points.default(60) }).prefault({}),
    /** No follow-up (else since the customer was created): −perDay for each day past graceDays, at most cap. */
    followUp: z.object({ graceDays: z.number().int().min(0).max(365).default(14), perDay: points.default(1), cap: points.default(30) }).prefault({}),
    /** 回款 instalments past their due date and not fully paid: −perInstalment each, at most cap. */
    overdue: z.object({ perInstalment: points.default(15), cap: points.default(30) }).prefault({}),
    /** Open tickets of these priorities: −perTicket each, at most cap. */
    tickets: z.object({ priorities: z.array(z.string().min(1)).default(["P1", "P2"]), perTicket: points.default(10), cap: points.default(20) }).prefault({}),
    /** The latest survey score (1–5): −(5 − score) × perPoint. */
    survey: z.object({ perPoint: points.default(5) }).prefault({}),
    /** A contact of the customer deleted the rep on WeCom (and has not added them back). */
    deletedRep: z.object({ points: points.default(20) }).prefault({}),
    /** Order value (won deals without a contract + live contracts) over the last `months`
     * against the `months` before: when down by more than dropPercent, −points. */
    orders: z.object({ months: z.number().int().min(1).max(36).default(12), dropPercent: z.number().min(1).max(100).default(30), points: points.default(15) }).prefault({}),
    /** 客户健康度 without a customer: this many lowest-scoring customers. */
    listSize: z.number().int().min(1).max(30).default(10),
    /** The weekly 流失风险 list to owners and managers (ISO weekday, 1 = Monday; local time). */
    churnList: z.object({ enabled: z.boolean().default(true), weekday: z.number().int().min(1).max(7).default(1), at: hhmm.default("09:30") }).prefault({}),
  })
  .strict()
  .refine((h) => h.bands.watch <= h.bands.healthy, { message: "bands.watch must not exceed bands.healthy", path: ["bands"] })
  .prefault({});

export type HealthSettings = z.infer<typeof healthSettingsSchema>;

export const reportSettingsSchema = z
  .object({
    /** Forecast: stage probabilities come from opportunities.stages[].probability. */
    forecast: z
      .object({
        /** Local time on the 1st of each month when every rep's forecast for the month is snapshotted. */
        snapshotAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, e.g. 00:10").default("00:10"),
        /** How many months the cash forecast (回款 plans) covers, from the period's first month (or this month, when later). */
        cashMonths: z.number().int().min(1).max(12).default(3),
      })
      .strict()
      .prefault({}),
    /** Customer health (0–100): it starts at 100 and each factor subtracts, each capped. */
    health: healthSettingsSchema,
    /** Campaign and source conversion (渠道分析, 活动分析, /reports/campaigns). */
    campaigns: z
      .object({
        /** A lead counts as MQL from this score up (a converted lead counts whatever its score). */
        mqlScore: z.number().int().min(0).max(100).default(60),
      })
      .strict()
      .prefault({}),
    /** The monthly report to admins on the 1st (last month: per team, the company, pictures). */
    monthlyReport: z.object({ enabled: z.boolean().default(true), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, e.g. 09:00").default("09:00") }).strict().prefault({}),
    /** Team group robots (群机器人): team name → webhook key; never logged. Each team's group
     * gets the team's weekly report when reminders.weeklyReport runs. */
    groupRobots: z.record(z.string().min(1).max(64), z.string().min(8).max(128)).default({}),
  })
  .strict()
  .prefault({});
