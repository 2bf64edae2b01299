// Reports: forecasts, customer health, campaign conversion and team group pushes. Each part
// is filled in with its report (see the README's "Reports" section).
import { z } from "zod";

export const reportSettingsSchema = z
  .object({
    /** Forecast: stage probabilities come from opportunities.stages[].probability. */
    forecast: z.object({}).strict().prefault({}),
    /** Customer health (0–100): what lowers it and by how much. */
    health: z.object({}).strict().prefault({}),
    /** Campaign and source conversion (渠道分析, 活动分析, /reports/campaigns). */
    campaigns: z
      .object({
        /** A lead counts as MQL from this score up (a converted lead counts whatever its score). */
        mqlScore: z.number().int().min(0).max(100).default(60),
      })
      .strict()
      .prefault({}),
    /** Team group robots (群机器人): team name → webhook key; never logged. */
    groupRobots: z.record(z.string().min(1).max(64), z.string().min(8).max(128)).default({}),
  })
  .strict()
  .prefault({});
