// 回款计划: set a contract's instalments (`回款计划 HT-2026-0001 3期 首期:2026-12-31 间隔:3月`,
// or explicit `回款计划 HT-2026-0001 2026-12-31 30万，2027-03-31 70万`), show them, postpone
// one (`第2期 推迟到 2027-01-15`), and the overdue card's buttons (`第2期 已回款`, `第2期 推迟 7天`).
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { cardUpdate, text, type Reply } from "../../render/reply.ts";
import { localDateKey } from "../../util/local-time.ts";
import type { ContractFull } from "../contracts/index.ts";
import { formatFenZh, MAX_INSTALMENTS, MONEY_ERROR_TEXT, parseAmount } from "../money/index.ts";
import { contractFor } from "./contract-ref.ts";
import { dayCtx, parseDay, parseInterval, type Interval } from "./day-words.ts";
import { zhReceivables } from "./messages.ts";
import { recordText, sendConfirmCards } from "./payment-card.ts";
import { confirmGroupName, confirmers, recordPayment } from "./payments.ts";
import { planLines, planText } from "./plan-view.ts";
import { evenInstalments, plansOf, postponePlan, setPlan, type InstalmentInput, type PlanResult } from "./plans.ts";
import { addDays, dayOf, planOwed } from "./status.ts";

const today = (ctx: ActionContext) => localDateKey(ctx.now, ctx.timeZone);

type Parsed = { instalments: InstalmentInput[] } | { problem: string };

function evenPlan(ctx: ActionContext, c: ContractFull, count: number, words: string[]): Parsed {
  if (!Number.isInteger(count) || count < 1 || count > MAX_INSTALMENTS) return { problem: zhReceivables.badCount(MAX_INSTALMENTS) };
  let first = c.startDate ? dayOf(c.startDate) : c.signDate ? dayOf(c.signDate) : today(ctx);
  let interval: Interval = { months: 1 };
  for (const w of words) {
    const m = /^(首期|间隔)[:：](.+)$/.exec(w);
    if (!m) return { problem: zhReceivables.usageLine(zhReceivables.planUsage) };
    if (m[1] === "首期") {
      const d = parseDay(m[2]!, dayCtx(ctx), "future");
      if (!d) return { problem: zhReceivables.badDate(m[2]!) };
      first = d;
    } else {
      const i = parseInterval(m[2]!);
      if (!i) return { problem: zhReceivables.badInterval(m[2]!) };
      interval = i;
    }
  }
  const r = evenInstalments(Number(c.amountFen), count, first, interval);
  return r.ok ? { instalments: r.value } : { problem: zhReceivables.badAmount(String(count), MONEY_ERROR_TEXT[r.error]) };
}

function explicitPlan(ctx: ActionContext, rest: string): Parsed {
  const segments = rest.split(/[，,;；\n]+/).map((s) => s.trim()).filter(Boolean);
  const out: InstalmentInput[] = [];
  for (const s of segments) {
    const [d, a, ...extra] = s.split(/\s+/);
    if (!d || !a || extra.length) return { problem: zhReceivables.badInstalment(s) };
    const day = parseDay(d, dayCtx(ctx), "future");
    if (!day) return { problem: zhReceivables.badDate(d) };
    const amount = parseAmount(a);
    if (!amount.ok) return { problem: zhReceivables.badAmount(a, MONEY_ERROR_TEXT[amount.error]) };
    out.push({ dueDate: day, amountFen: amount.value });
  }
  if (out.length > MAX_INSTALMENTS) return { problem: zhReceivables.badCount(MAX_INSTALMENTS) };
  return out.length ? { instalments: out } : { problem: zhReceivables.usageLine(zhReceivables.planUsage) };
}

function planReply(ctx: ActionContext, c: ContractFull, r: PlanResult): Reply[] {
  switch (r.kind) {
    case "ok":
      return [text([zhReceivables.planSaved(c.number, r.plans.length), ...planLines(r.plans, c.status, today(ctx))].join("\n"))];
    case "mismatch":
      return [text(zhReceivables.planMismatch(formatFenZh(r.sumFen), formatFenZh(Number(c.amountFen)), formatFenZh(Math.abs(r.diffFen)), r.diffFen > 0))];
    case "allocated":
      return [text(zhReceivables.planLocked(c.number))];
    case "too_early":
      return [text(zhReceivables.planTooEarly(r.first, r.earliest))];
    case "money":
      return [text(zhReceivables.badAmount("", MONEY_ERROR_TEXT[r.error]))];
  }
}

/** One instalment: 推迟到 <日期> | 推迟 N天 | 已回款 (the overdue card's buttons). */
async function onInstalment(ctx: ActionContext, c: ContractFull, n: number, words: string[]): Promise<Reply[]> {
  const plans = await plansOf(ctx.tx, c.id);
  const plan = plans.find((p) => p.position === n);
  if (!plan) return [text(zhReceivables.noSuchInstalment(n, plans.length))];
  const [verb = "", arg = ""] = words;
  const from = dayOf(plan.dueDate);
  if (verb === "已回款") {
    const owed = planOwed(plan, c.status);
    if (owed === 0) return [cardUpdate(ctx.card, zhReceivables.paidLabel, zhReceivables.nothingOwed(n))];
    const r = await recordPayment(ctx.tx, ctx.actor, ctx.settings, c, { amountFen: owed, receivedOn: today(ctx) }, ctx.now);
    if (r.kind === "recorded" && r.pending) await sendConfirmCards(ctx, confirmers(ctx.settings) ?? [], r.payment, c, ctx.actor);
    const said = r.kind === "over" ? zhReceivables.overpaid(formatFenZh(r.owedFen), formatFenZh(owed)) : recordText(r, c, confirmGroupName(ctx.settings));
    return [r.kind === "recorded" ? cardUpdate(ctx.card, zhReceivables.paidLabel, said) : text(said)];
  }
  const postpone = /^推迟(到)?$/.exec(verb);
  if (!postpone) return [text(zhReceivables.usageLine(zhReceivables.planUsage))];
  if (planOwed(plan, c.status) === 0) return [text(zhReceivables.alreadyPaid(n))];
  const days = /^(\d{1,3})天$/.exec(arg);
  const to = !postpone[1] && days ? addDays(today(ctx), Number(days[1])) : parseDay(arg, dayCtx(ctx), "future");
  if (!to) return [text(zhReceivables.badDate(arg))];
  if (to <= from) return [text(zhReceivables.postponeNotLater(to, from))];
  // Positions follow due dates; moving past the next instalment would reorder them, so it is refused.
  const next = plans.find((p) => p.position === n + 1);
  if (next && to > dayOf(next.dueDate)) return [text(zhReceivables.postponePastNext(c.number, to, next.position, dayOf(next.dueDate)))];
  await postponePlan(ctx.tx, ctx.actor.id, plan, to, ctx.now);
  return [cardUpdate(ctx.card, zhReceivables.postponedLabel, zhReceivables.postponed(c.number, n, from, to))];
}

export const paymentPlanAction = defineAction({
  name: "receivable.plan",
  command: "回款计划",
  aliases: ["paymentplan"],
  summary: "设置或查看合同的回款计划（分期、金额、日期），推迟某一期",
  usage: zhReceivables.planUsage,
  example: "回款计划 HT-2026-0001 3期 首期:2026-12-31 间隔:3月",
  params: z.object({ ref: z.string().trim().min(1).max(64), rest: z.string().trim().max(2000).default("") }),
  labels: { ref: "合同", rest: "计划" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, rest: rest.join(" ") } }),
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const found = await contractFor(ctx, p.ref, false);
    if ("problem" in found) return [text(found.problem)];
    const c = found.contract;
    if (!p.rest) return [text(await planText(ctx.tx, c, today(ctx)))];
    const words = p.rest.split(/\s+/);
    const nth = /^第(\d{1,3})期$/.exec(words[0]!);
    if (nth) return onInstalment(ctx, c, Number(nth[1]), words.slice(1));
    if (c.status === "void") return [text(zhReceivables.contractVoid(c.number))];
    const count = /^(\d{1,3})期$/.exec(words[0]!);
    const parsed = count ? evenPlan(ctx, c, Number(count[1]), words.slice(1)) : explicitPlan(ctx, p.rest);
    if ("problem" in parsed) return [text(parsed.problem)];
    return planReply(ctx, c, await setPlan(ctx.tx, ctx.actor.id, c, parsed.instalments, ctx.now));
  },
});
