// The forecast and its accuracy as chat replies: the numbers as text, and the same numbers
// as pictures (a bar per forecast category, the cash per month, forecast against actual).
import { formatFenZh, type Fen } from "../money/index.ts";
import { chartImage, type ChartSpec } from "../../render/charts/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import { zh } from "../../messages/zh.ts";
import { formatWhen } from "../../time/when.ts";
import type { User } from "../../auth/users.ts";
import { CATEGORY_KEYS, type Forecast } from "./forecast.ts";
import { errorPct, type Accuracy } from "./forecast-accuracy.ts";
import { zhForecast } from "./messages-forecast.ts";

const nameOf = (u: User) => zh.whoName(u.name, u.wecomUserId);
/** Fen as 万元 for a chart axis (the labels print the exact text figures). */
const wan = (fen: Fen) => Math.round(fen / 10_000) / 100;
const monthNumber = (key: string) => Number(key.slice(5, 7));

function categoryChart(f: Forecast): ChartSpec {
  const values = CATEGORY_KEYS.map((k) => f.total.byCategory[k]);
  return {
    type: "bar",
    title: zhForecast.chartCategories(f.period.label),
    subtitle: zhForecast.chartWeighted(formatFenZh(f.total.weightedFen), f.total.deals),
    unit: zhForecast.unitWan,
    categories: CATEGORY_KEYS.map((k) => zhForecast.categoryNames[k]!),
    series: [{ name: zhForecast.seriesAmount, values: values.map(wan), valueLabels: values.map(formatFenZh) }],
  };
}

function cashChart(f: Forecast): ChartSpec {
  const months = f.cash.months;
  return {
    type: "bar",
    title: zhForecast.chartCashTitle,
    unit: zhForecast.unitWan,
    categories: months.map((m) => zhForecast.chartMonth(monthNumber(m.month))),
    series: [{ name: zhForecast.seriesCash, values: months.map((m) => wan(m.owedFen)), valueLabels: months.map((m) => formatFenZh(m.owedFen)) }],
  };
}

/** `预测`: the text, then the two pictures. `who`: the one person asked about, if any. */
export function forecastReplies(f: Forecast, who: User | null): Reply[] {
  const t = f.total;
  const lines = [
    zhForecast.title(f.period.label, who ? nameOf(who) : null),
    zhForecast.weighted(formatFenZh(t.weightedFen), t.deals),
    zhForecast.categories(CATEGORY_KEYS.map((k) => zhForecast.category(zhForecast.categoryNames[k]!, formatFenZh(t.byCategory[k])))),
    zhForecast.won(formatFenZh(t.wonFen), t.wonDeals),
    ...(f.undated > 0 ? [zhForecast.undated(f.undated)] : []),
    ...(f.reps.length > 1
      ? [zhForecast.repsTitle, ...f.reps.map((r) => zhForecast.repLine(nameOf(r.user), formatFenZh(r.weightedFen), formatFenZh(r.byCategory.commit), formatFenZh(r.wonFen)))]
      : []),
    zhForecast.cash(f.cash.months.map((m) => zhForecast.cashMonth(monthNumber(m.month), formatFenZh(m.owedFen)))),
    ...(f.cash.earlierFen > 0 ? [zhForecast.cashEarlier(formatFenZh(f.cash.earlierFen))] : []),
    zhForecast.hint,
  ];
  const key = f.period.key;
  return [text(lines.join("\n")), chartImage(categoryChart(f), `forecast-${key}.png`), chartImage(cashChart(f), `forecast-cash-${key}.png`)];
}

function accuracyChart(a: Accuracy): ChartSpec {
  const reps = a.reps.slice(0, 40);
  return {
    type: "bar",
    title: zhForecast.chartAccuracy(a.period.label),
    unit: zhForecast.unitWan,
    categories: reps.map((r) => nameOf(r.user).slice(0, 24)),
    series: [
      { name: zhForecast.seriesWeighted, values: reps.map((r) => wan(r.weightedFen)), valueLabels: reps.map((r) => formatFenZh(r.weightedFen)) },
      { name: zhForecast.seriesCommit, values: reps.map((r) => wan(r.commitFen)), valueLabels: reps.map((r) => formatFenZh(r.commitFen)) },
      { name: zhForecast.seriesActual, values: reps.map((r) => wan(r.actualFen)), valueLabels: reps.map((r) => formatFenZh(r.actualFen)) },
    ],
  };
}

/** `预测 准确度`: per rep and in total, forecast (weighted, commit) against actual. */
export function accuracyReplies(a: Accuracy, who: User | null, timeZone: string): Reply[] {
  if (a.reps.length === 0) return [text(zhForecast.accuracyNone(a.period.label))];
  const pct = (forecast: Fen, actual: Fen) => zhForecast.errorPct(errorPct(forecast, actual));
  const t = a.total;
  const lines = [
    zhForecast.accuracyTitle(a.period.label, who ? nameOf(who) : null),
    zhForecast.accuracyTaken(a.months.map((m) => zhForecast.chartMonth(monthNumber(m))), formatWhen(a.takenAt!, timeZone)),
    ...(a.complete ? [] : [zhForecast.accuracyRunning]),
    ...a.reps.map((r) =>
      zhForecast.accuracyLine(nameOf(r.user), formatFenZh(r.weightedFen), formatFenZh(r.commitFen), formatFenZh(r.actualFen), pct(r.weightedFen, r.actualFen), pct(r.commitFen, r.actualFen)),
    ),
    ...(a.reps.length > 1
      ? [zhForecast.accuracyTotal(formatFenZh(t.weightedFen), formatFenZh(t.commitFen), formatFenZh(t.actualFen), pct(t.weightedFen, t.actualFen), pct(t.commitFen, t.actualFen))]
      : []),
    zhForecast.accuracyNote,
  ];
  return [text(lines.join("\n")), chartImage(accuracyChart(a), `forecast-accuracy-${a.period.key}.png`)];
}
