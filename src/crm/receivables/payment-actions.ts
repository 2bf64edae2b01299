// 回款 <合同|客户> 5万 [12月1日] [方式:银行转账] records a payment; 回款 #N shows the plan;
// 回款记录 <合同> lists the payments; 回款确认 / 回款驳回 #N are the confirmation card's buttons.
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { zh } from "../../messages/zh.ts";
import { cardUpdate, text, type Reply } from "../../render/reply.ts";
import { localDateKey } from "../../util/local-time.ts";
import { CONTRACT_INCLUDE } from "../contracts/index.ts";
import { formatFenZh, MONEY_ERROR_TEXT, parseAmount, type Fen } from "../money/index.ts";
import { contractFor } from "./contract-ref.ts";
import { dayCtx, parseDay } from "./day-words.ts";
import { zhReceivables } from "./messages.ts";
import { closeOtherCards, recordText, sendConfirmCards } from "./payment-card.ts";
import { confirmGroupName, confirmers, confirmPayment, recordPayment, rejectPayment } from "./payments.ts";
import { paymentsText, planText } from "./plan-view.ts";

const today = (ctx: ActionContext) => localDateKey(ctx.now, ctx.timeZone);
const twoParts = z.object({ ref: z.string().trim().min(1).max(64), rest: z.string().trim().max(500).default("") });
const split = ([ref, ...rest]: string[]) => ({ ok: true as const, raw: { ref, rest: rest.join(" ") } });

/** An amount written in Chinese numerals (五百, 两万, 12万5千, 壹万元整): the kernel reads digits only. */
const AMOUNT_IN_WORDS = /^[¥￥]?(?=.*(?:[零〇一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖拾佰仟]|\d[万千亿]\d))[\d.零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+[元块]?整?$/;

type Words = { amount: Fen; day: string; method: string | null; note: string | null } | { problem: string };

function paymentWords(ctx: ActionContext, rest: string): Words {
  let amount: Fen | null = null;
  let day = today(ctx);
  let method: string | null = null;
  let note: string | null = null;
  const words = rest.split(/\s+/).filter(Boolean);
  for (const [i, w] of words.entries()) {
    const named = /^(方式|备注)[:：](.*)$/.exec(w);
    if (named?.[1] === "方式") method = named[2]!.slice(0, 32) || null;
    else if (named) {
      note = [named[2], ...words.slice(i + 1)].join(" ").trim().slice(0, 200) || null;
      break;
    } else if (amount === null && parseAmount(w.replace(/整$/, "")).ok) amount = (parseAmount(w.replace(/整$/, "")) as { value: Fen }).value;
    else if (parseDay(w, dayCtx(ctx), "past")) day = parseDay(w, dayCtx(ctx), "past")!;
    else if (parseDay(w, dayCtx(ctx), "future")) return { problem: zhReceivables.futureDate(parseDay(w, dayCtx(ctx), "future")!) };
    else {
      const a = parseAmount(w);
      if (amount === null && !a.ok && a.error === "format" && AMOUNT_IN_WORDS.test(w)) return { problem: zhReceivables.amountInWords(w) };
      return { problem: a.ok || a.error === "format" ? `${zh.tooManyParams(w)}\n${zhReceivables.usageLine(zhReceivables.recordUsage)}` : zhReceivables.badAmount(w, MONEY_ERROR_TEXT[a.error]) };
    }
  }
  if (amount === null) return { problem: zhReceivables.needAmount };
  if (day > today(ctx)) return { problem: zhReceivables.futureDate(day) };
  return { amount, day, method, note };
}

export const paymentRecordAction = defineAction({
  name: "receivable.record",
  command: "回款",
  aliases: ["payment"],
  summary: "登记一笔回款（自动核销最早的未回期次），或查看合同的回款计划与状态",
  usage: zhReceivables.recordUsage,
  example: "回款 HT-2026-0001 5万 12月1日 方式:银行转账",
  params: twoParts,
  labels: { ref: "合同或客户", rest: "金额" },
  fromTokens: split,
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    if (!p.rest) {
      const found = await contractFor(ctx, p.ref, true);
      return [text("problem" in found ? found.problem : await planText(ctx.tx, found.contract, today(ctx)))];
    }
    const w = paymentWords(ctx, p.rest);
    if ("problem" in w) return [text(w.problem)];
    const found = await contractFor(ctx, p.ref, true);
    if ("problem" in found) return [text(found.problem)];
    const c = found.contract;
    const r = await recordPayment(ctx.tx, ctx.actor, ctx.settings, c, { amountFen: w.amount, receivedOn: w.day, method: w.method, note: w.note }, ctx.now);
    if (r.kind === "over") return [text(zhReceivables.overpaid(formatFenZh(r.owedFen), formatFenZh(w.amount)))];
    if (r.kind === "recorded" && r.pending) await sendConfirmCards(ctx, confirmers(ctx.settings) ?? [], r.payment, c, ctx.actor);
    return [text(recordText(r, c, confirmGroupName(ctx.settings)))];
  },
});

export const paymentListAction = defineAction({
  name: "receivable.list",
  command: "回款记录",
  aliases: ["payments"],
  summary: "查看合同的回款记录",
  usage: "回款记录 <合同>",
  example: "回款记录 HT-2026-0001",
  params: z.object({ ref: z.string().trim().min(1).max(64) }),
  labels: { ref: "合同" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const found = await contractFor(ctx, p.ref, true);
    return [text("problem" in found ? found.problem : await paymentsText(ctx.tx, found.contract))];
  },
});

// The confirmation card's buttons carry `#N`; people may also write 回款记录#N or 记录#N.
const PAYMENT_REF = /^(?:回款)?(?:记录)?\s*#\s*(\d{1,9})$/;

async function decide(ctx: ActionContext, ref: string, reason: string, confirm: boolean): Promise<Reply[]> {
  const code = PAYMENT_REF.exec(ref)?.[1];
  const members = confirmers(ctx.settings) ?? [];
  if (!members.includes(ctx.actor.wecomUserId)) return [text(zhReceivables.notConfirmer)];
  const payment = code ? await ctx.tx.payment.findUnique({ where: { code: Number(code) }, include: { contract: true } }) : null;
  if (!payment) return [text(zhReceivables.paymentNotFound(ref))];
  // The confirming group sees every record it is asked to confirm.
  const c = await ctx.tx.contract.findUniqueOrThrow({ where: { id: payment.contractId }, include: CONTRACT_INCLUDE });
  const amount = formatFenZh(Number(payment.amountFen));
  const r = confirm ? await confirmPayment(ctx.tx, ctx.actor, ctx.settings, payment, ctx.now) : await rejectPayment(ctx.tx, ctx.actor, payment, reason, ctx.now);
  if (r.kind === "not_pending") {
    const now = await ctx.tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
    return [text(zhReceivables.notPending(payment.code, zhReceivables.paymentStatus[now.status] ?? now.status))];
  }
  if (r.kind === "void") return [text(zhReceivables.contractVoid(c.number))];
  if (r.kind === "over") return [text(zhReceivables.overpaid(formatFenZh(r.owedFen), amount))];
  await closeOtherCards(ctx, payment, ctx.actor, ctx.card?.taskId);
  const who = zh.whoName(ctx.actor.name, ctx.actor.wecomUserId);
  const recorder = payment.recordedById ? await ctx.tx.user.findUnique({ where: { id: payment.recordedById } }) : null;
  if (recorder && recorder.id !== ctx.actor.id)
    ctx.notify(recorder, text(confirm ? zhReceivables.toRecorderConfirmed(payment.code, c.number, amount, who) : zhReceivables.toRecorderRejected(payment.code, c.number, amount, who, reason)));
  const said = confirm
    ? [zhReceivables.confirmed(payment.code), recordText({ kind: "recorded", payment: r.payment, allocated: r.allocated, prepaidFen: r.prepaidFen, pending: false }, c, null)].join("\n")
    : zhReceivables.rejected(payment.code);
  return [cardUpdate(ctx.card, confirm ? zhReceivables.cardConfirmed : zhReceivables.cardRejected, said)];
}

export const paymentConfirmAction = defineAction({
  name: "receivable.confirm",
  command: "回款确认",
  aliases: [],
  summary: "财务确认一笔待确认的回款",
  usage: "回款确认 #回款编号",
  example: "回款确认 #12",
  params: twoParts,
  labels: { ref: "回款编号", rest: "" },
  fromTokens: split,
  roles: ALL_ROLES,
  effect: "write",
  run: (ctx, p) => decide(ctx, p.ref, p.rest, true),
});

export const paymentRejectAction = defineAction({
  name: "receivable.reject",
  command: "回款驳回",
  aliases: [],
  summary: "财务驳回一笔待确认的回款",
  usage: "回款驳回 #回款编号 [理由]",
  example: "回款驳回 #12 没有查到这笔到账",
  params: twoParts,
  labels: { ref: "回款编号", rest: "理由" },
  fromTokens: split,
  roles: ALL_ROLES,
  effect: "write",
  run: (ctx, p) => decide(ctx, p.ref, p.rest, false),
});
