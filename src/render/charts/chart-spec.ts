// What a chart shows, independent of how it is drawn: reports build these from their numbers,
// `renderChart` (ECharts SSR + resvg) turns them into a PNG. Values are plain numbers in the
// unit named by `unit` (e.g. 万元, 个); `valueLabels`, when given, are printed instead of the
// raw values so a picture shows exactly the figures of the text that goes with it.
import { z } from "zod";

const title = z.string().min(1).max(40);
const subtitle = z.string().max(80).optional();
const name = z.string().min(1).max(24);
const unit = z.string().max(8).optional();

export const chartSpecSchema = z.discriminatedUnion("type", [
  /** Bars per category, one or more series (grouped); horizontal for rankings. */
  z.object({
    type: z.literal("bar"),
    title,
    subtitle,
    unit,
    horizontal: z.boolean().optional(),
    categories: z.array(name).min(1).max(40),
    series: z.array(z.object({ name, values: z.array(z.number().finite()), valueLabels: z.array(z.string().max(24)).optional() })).min(1).max(4),
  }),
  /** A funnel, widest first (stages in order). */
  z.object({
    type: z.literal("funnel"),
    title,
    subtitle,
    unit,
    stages: z.array(z.object({ name, value: z.number().finite().min(0), valueLabel: z.string().max(32).optional() })).min(1).max(12),
  }),
  /** Progress against targets: one row per person or team, actual and target. */
  z.object({
    type: z.literal("progress"),
    title,
    subtitle,
    unit,
    rows: z.array(z.object({ name, actual: z.number().finite().min(0), target: z.number().finite().min(0), valueLabel: z.string().max(32).optional() })).min(1).max(30),
  }),
  /** Lines over time (months), one or more series. */
  z.object({
    type: z.literal("line"),
    title,
    subtitle,
    unit,
    categories: z.array(name).min(1).max(36),
    series: z.array(z.object({ name, values: z.array(z.number().finite()) })).min(1).max(4),
  }),
]);

export type ChartSpec = z.infer<typeof chartSpecSchema>;
