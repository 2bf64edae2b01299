// 预测 [期间] [销售] and 预测 准确度 [期间] [销售]: the forecast (本月 by default) and how
// last month's forecast (by default) compared with what was won — in the asker's scope.
import { z } from "zod";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { zh } from "../../messages/zh.ts";
import { text, type Reply } from "../../render/reply.ts";
import { forecastFor } from "./forecast.ts";
import { forecastAccuracy } from "./forecast-accuracy.ts";
import { accuracyReplies, forecastReplies } from "./forecast-render.ts";
import { zhForecast } from "./messages-forecast.ts";
import { parsePeriod, periodAt } from "./period.ts";
import { periodAndWho } from "./report-args.ts";
import { personScope, reportScope } from "./report-scope.ts";

const USAGE = "预测 [本月|本季|2026-12] [销售]；预测 准确度 [上月|2026-11|本季] [销售]";
const EXAMPLE = "预测 本季";
const ACCURACY_WORDS = new Set(["准确度", "准确率", "accuracy"]);

const usage = (problem: string): Reply[] => [text(zh.badParams([problem], USAGE, EXAMPLE))];

export const forecastAction = defineAction({
  name: "report.forecast",
  command: "预测",
  aliases: ["销售预测", "forecast"],
  summary: "销售预测：加权商机、承诺/可能/乐观、本期已赢单、未来几个月的计划回款；「预测 准确度」看预测与实际的误差",
  usage: USAGE,
  example: EXAMPLE,
  params: z.object({
    accuracy: z.boolean().default(false),
    period: z.string().trim().min(1).max(16).optional(),
    rep: z.string().trim().min(1).max(32).optional(),
  }),
  labels: { accuracy: "准确度（预测与实际比较）", period: "期间（本月、本季、2026-12）", rep: "销售（姓名或企业微信账号）" },
  fromTokens: (tokens) => {
    const accuracy = tokens.length > 0 && ACCURACY_WORDS.has(tokens[0]!.toLowerCase());
    const read = periodAndWho(accuracy ? tokens.slice(1) : tokens, zhForecast.badPeriod);
    if (!read.ok) return read;
    const { period, who, extra } = read.raw;
    if (extra.length) return { ok: false, problem: zh.tooManyParams(extra.join(" ")) };
    return { ok: true, raw: { accuracy, ...(period !== undefined ? { period } : {}), ...(who !== undefined ? { rep: who } : {}) } };
  },
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const period = p.period === undefined ? null : parsePeriod(p.period, ctx.now, ctx.timeZone);
    if (p.period !== undefined && !period) return usage(zhForecast.badPeriod(p.period));
    const scope = p.rep ? await personScope(ctx.tx, ctx.actor, p.rep) : await reportScope(ctx.tx, ctx.actor);
    if (!scope) return [text(zhForecast.notInScope(p.rep!))];
    const who = p.rep ? scope.users[0]! : null;
    if (p.accuracy) {
      const accuracy = await forecastAccuracy(ctx.tx, scope, period ?? periodAt("month", ctx.now, ctx.timeZone, -1), ctx.settings, ctx.now, ctx.timeZone);
      return accuracyReplies(accuracy, who, ctx.timeZone);
    }
    const forecast = await forecastFor(ctx.tx, scope, period ?? periodAt("month", ctx.now, ctx.timeZone), ctx.settings, ctx.now, ctx.timeZone);
    return forecastReplies(forecast, who);
  },
});
