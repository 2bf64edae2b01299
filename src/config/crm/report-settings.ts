// Reports: forecasts, customer health, campaign conversion and team group pushes. Each part
// is filled in with its report (see the README's "Reports" section).
import { z } from "zod";

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
    /** Customer health (0–100): what lowers it and by how much. */
    health: z.object({}).strict().prefault({}),
    /** Campaign and source conversion. */
    campaigns: z.object({}).strict().prefault({}),
    /** Team group robots (群机器人): team name → webhook key; never logged. */
    groupRobots: z.record(z.string().min(1).max(64), z.string().min(8).max(128)).default({}),
  })
  .strict()
  .prefault({});
