// On the 1st of each month (reports.forecast.snapshotAt, local time): every rep's forecast
// for the month is snapshotted for `预测 准确度`. Silent; a rerun writes nothing.
import { z } from "zod";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { snapshotForecast } from "./forecast-accuracy.ts";

export const FORECAST_SNAPSHOT_JOB = "forecast-snapshot";

export const forecastSnapshotJob = defineJobKind({
  kind: FORECAST_SNAPSHOT_JOB,
  // the occurrence is the month it is for (YYYY-MM), whenever it runs
  payload: z.object({ occurrence: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  quiet: "run",
  async run(ctx, p) {
    await snapshotForecast(ctx.tx, p.occurrence, ctx.settings, ctx.timeZone, ctx.now);
    return [];
  },
});
