// 报价: start a quote on an opportunity (`报价 商机#5`, `报价 新建 华为`, `报价 华为`), show one
// (`报价 #3`, a sent version `报价 #3 V1`), add lines (`报价 #3 加 CRM标准版 10套 85折，实施服务 5天`),
// delete one (`报价 #3 删 2`), send it (`报价 #3 发送`: freezes the version, PDF attached) and
// print it (`报价 #3 PDF`).
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { file, text, type Reply } from "../../render/reply.ts";
import { localDateKey } from "../../util/local-time.ts";
import { audit } from "../../auth/audit.ts";
import { approvalNeeded, fileApproval } from "../approvals/index.ts";
import { formatFenZh, MONEY_ERROR_TEXT, PPM_ONE } from "../money/index.ts";
import { resolveOpportunity, zhOpportunities } from "../opportunities/index.ts";
import { findProductByRef } from "../products/index.ts";
import { zhQuotes } from "./messages.ts";
import { answerQuote } from "./quote-answer.ts";
import { scheduleExpiryReminder } from "./quote-expiry.ts";
import { parseLineWords } from "./quote-line-words.ts";
import { renderQuotePdf } from "./quote-pdf.ts";
import { pdfDataOf, quoteReplies, quoteText, rateText, statusOf, viewOf, type QuoteView } from "./quote-render.ts";
import { addLines, findQuoteInScope, findVersion, markSent, MAX_LINES, removeLine, startQuote, type EditResult, type NewLine, type QuoteFull } from "./quotes.ts";

const QUOTE_REF = /^(?:报价\s*)?#\s*(\d{1,9})$/;
const SENT = ["sent", "accepted", "rejected"];

const today = (ctx: ActionContext) => localDateKey(ctx.now, ctx.timeZone);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const show = (ctx: ActionContext, q: QuoteFull): Reply[] => quoteReplies(viewOf(q, statusOf(q, today(ctx))), `quote-${q.code}-${ctx.newId()}`);

async function priced(ctx: ActionContext, words: string): Promise<{ lines: NewLine[] } | { problem: string }> {
  const parsed = parseLineWords(words);
  if (!parsed.ok) return { problem: parsed.problem };
  const lines: NewLine[] = [];
  for (const w of parsed.lines) {
    const product = await findProductByRef(ctx.tx, w.name);
    if (!product && w.unitPrice === undefined) return { problem: zhQuotes.needPrice(w.name) };
    const list = product ? Number(product.listPriceFen) : w.unitPrice!;
    lines.push({
      productId: product?.id ?? null,
      name: product?.name ?? w.name,
      unit: w.unit ?? product?.unit ?? null,
      quantity: w.quantity,
      unitPrice: w.unitPrice ?? list,
      listUnitPrice: list,
      discount: w.discount ?? PPM_ONE,
      taxRate: w.taxRate ?? product?.taxRatePpm ?? ctx.settings.quotes.defaultTaxRatePpm,
    });
  }
  return { lines };
}

const edited = (ctx: ActionContext, r: EditResult): Reply[] => {
  switch (r.kind) {
    case "ok":
      return show(ctx, r.quote);
    case "money":
      return [text(zhQuotes.moneyProblem(MONEY_ERROR_TEXT[r.error]))];
    case "too_many":
      return [text(zhQuotes.tooManyLines(MAX_LINES))];
    case "no_line":
      return [text(zhQuotes.noSuchLine(r.position, 0))];
    case "pending_approval":
      return [text(zhQuotes.changeWhilePending)];
  }
};

/** `删 2` or several at once (`删 1，3`): from the last, so the numbers stay those shown. */
async function removeLines(ctx: ActionContext, q: QuoteFull, words: string): Promise<Reply[]> {
  const parts = words.split(/[，,、\s]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (!parts.length || numbers.some((n) => !Number.isInteger(n) || n < 1)) return [text(zhQuotes.badLineNumber(q.code))];
  const missing = numbers.find((n) => n > q.lines.length);
  if (missing !== undefined) return [text(zhQuotes.noSuchLine(missing, q.lines.length))];
  let r: EditResult = { kind: "ok", quote: q };
  for (const n of [...new Set(numbers)].sort((a, b) => b - a)) {
    if (r.kind !== "ok") break;
    r = await removeLine(ctx.tx, ctx.actor, r.quote, n, ctx.now);
  }
  return edited(ctx, r);
}

async function pdfFile(ctx: ActionContext, q: QuoteFull, v: QuoteView): Promise<Reply> {
  const pdf = await renderQuotePdf(pdfDataOf(v, q, ctx.settings.quotes, ctx.now, ctx.timeZone));
  return file(`报价单-${q.code}-V${v.version}.pdf`, pdf.toString("base64"), "base64");
}

/** Sending: a discount a flow covers is approved first (a reason starts the request); then
 * the version is frozen and its PDF goes with the confirmation. */
async function send(ctx: ActionContext, q: QuoteFull, words: string): Promise<Reply[]> {
  if (!q.lines.length) return [text(zhQuotes.cannotSendEmpty(q.code))];
  if (SENT.includes(q.status)) return [text(zhQuotes.alreadySent(q.code, q.version))];
  if (q.status === "pending_approval") return [text(zhQuotes.changeWhilePending)];
  const reason = /^(?:理由|原因)[:：]\s*(.+)$/s.exec(words)?.[1]?.trim();
  if (q.status !== "approved") {
    // the exact share, not the ppm shown: 10801.80 of 12002.00 is below 9折 though it shows as 90%
    const share = q.listTotalFen > 0n ? Number(q.totalFen) / Number(q.listTotalFen) : q.discountPpm / PPM_ONE;
    const facts = { discount: share, amount: Number(q.totalFen) / 100 };
    if (await approvalNeeded(ctx, { kind: "discount", opp: q.opportunity, facts })) {
      if (!reason) return [text(zhQuotes.needsApproval(q.code, rateText(q.discountPpm)))];
      const payload = { quoteId: q.id, quoteCode: q.code, version: q.version, discount: q.discountPpm / PPM_ONE, amount: Number(q.totalFen) / 100 };
      const r = await fileApproval(ctx, { kind: "discount", opp: q.opportunity, facts, payload, reason });
      if (r.kind === "already_pending") return [text(zhQuotes.approvalBusy(r.code))];
      if (r.kind === "missing_approver") return [text(zhOpportunities.approvalMissingApprover(r.who))];
      if (r.kind === "requested") {
        await ctx.tx.quote.update({ where: { id: q.id }, data: { status: "pending_approval", updatedAt: ctx.now } });
        await audit(ctx.tx, { actorId: ctx.actor.id, action: "request_approval", entity: "quote", entityId: q.id, detail: { version: q.version, approval: r.code }, at: ctx.now });
        return [text(zhQuotes.approvalRequested(q.code, r.code, r.approvers))];
      }
    }
  }
  const validUntil = addDays(today(ctx), ctx.settings.quotes.validDays);
  const sent = await markSent(ctx.tx, ctx.actor, q, validUntil, ctx.now);
  await scheduleExpiryReminder(ctx.tx, sent, validUntil, ctx.settings.quotes.remindDaysBefore, ctx.timeZone, ctx.now);
  const v = viewOf(sent, "sent");
  return [text(zhQuotes.sent(q.code, q.version, formatFenZh(v.totals.total), v.validUntil!)), await pdfFile(ctx, sent, v)];
}

export const quoteAction = defineAction({
  name: "quote.edit",
  command: "报价",
  aliases: ["quote"],
  summary: "给商机做报价：加行、删行、发送（附PDF）、查看历史版本",
  usage: "报价 <商机> [加 <产品> <数量> …] | 报价 #编号 [加 <产品> <数量> [单价] [折扣] | 删 <行号> | 发送 [理由:…] | PDF | 接受 | 拒绝 <原因> | V1]",
  example: "报价 #3 加 CRM标准版 10套 85折，实施服务 5天",
  params: z.object({ ref: z.string().trim().min(1).max(64), rest: z.string().trim().max(1000).default("") }),
  labels: { ref: "报价编号或商机", rest: "操作" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, rest: rest.join(" ") } }),
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const code = QUOTE_REF.exec(p.ref)?.[1];
    if (!code) {
      // `报价 华为 加 标准版 10套 85折`: start the quote and add its lines in one message
      const words = [p.ref === "新建" ? "" : p.ref, p.rest].filter(Boolean).join(" ");
      const add = /\s(?:加|添加|增加)\s+/.exec(` ${words}`);
      const oppRef = (add ? ` ${words}`.slice(0, add.index) : words).trim();
      const found = await resolveOpportunity(ctx, oppRef.replace(/^商机\s*/, ""));
      if ("reply" in found) return [found.reply];
      if (found.opp.closedAt) return [text(zhQuotes.oppClosed(found.opp.code, found.opp.stage))];
      const r = add ? await priced(ctx, ` ${words}`.slice(add.index + add[0].length)) : { lines: [] };
      if ("problem" in r) return [text(r.problem)];
      // a draft already on the deal is the quote being worked on: continue it, do not start another
      // (`报价 新建 <商机>` starts another all the same)
      const draft = p.ref === "新建" ? null : await ctx.tx.quote.findFirst({ where: { opportunityId: found.opp.id, status: "draft" }, orderBy: { code: "desc" }, select: { code: true } });
      const open = draft ? await findQuoteInScope(ctx.tx, ctx.actor, draft.code) : null;
      const q = open ?? (await startQuote(ctx.tx, ctx.actor, found.opp.id, ctx.now));
      const started = text(open ? zhQuotes.continued(q.code, found.opp.code) : zhQuotes.started(q.code, found.opp.code, found.opp.customer.name));
      return r.lines.length ? [started, ...edited(ctx, await addLines(ctx.tx, ctx.actor, q, r.lines, ctx.now))] : [started, ...show(ctx, q)];
    }
    const q = await findQuoteInScope(ctx.tx, ctx.actor, Number(code));
    if (!q) return [text(zhQuotes.notFound(`#${code}`))];
    const [word = "", ...args] = p.rest.split(/\s+/).filter(Boolean);
    const rest = args.join(" ");
    if (!word) return show(ctx, q);
    if (/^(加|添加|增加|add)$/i.test(word)) {
      const r = await priced(ctx, rest);
      return "problem" in r ? [text(r.problem)] : edited(ctx, await addLines(ctx.tx, ctx.actor, q, r.lines, ctx.now));
    }
    if (/^(删|删除|del)$/i.test(word)) return removeLines(ctx, q, rest);
    if (/^(发送|send)$/i.test(word)) return send(ctx, q, rest);
    if (/^(接受|accept)$/i.test(word)) return answerQuote(ctx, q, true, rest, today(ctx));
    if (/^(拒绝|reject)$/i.test(word)) return answerQuote(ctx, q, false, rest, today(ctx));
    if (/^pdf$/i.test(word)) {
      if (!q.lines.length) return [text(zhQuotes.cannotSendEmpty(q.code))];
      const v = viewOf(q, statusOf(q, today(ctx)));
      return [text(zhQuotes.pdfReady(q.code, q.version)), await pdfFile(ctx, q, v)];
    }
    const version = /^v(\d{1,4})$/i.exec(word)?.[1];
    if (version) {
      const frozen = await findVersion(ctx.tx, q.id, Number(version));
      if (!frozen) return [text(zhQuotes.noVersion(q.code, Number(version)))];
      const v: QuoteView = { code: q.code, version: Number(version), status: "sent", customer: q.opportunity.customer.name, ...frozen.snapshot };
      return [text(quoteText(v, zhQuotes.versionTitle(q.code, Number(version), localDateKey(frozen.sentAt, ctx.timeZone))))];
    }
    // `报价 #3 CRM标准版 10套`: lines without 加
    const r = await priced(ctx, p.rest);
    return "problem" in r ? [text(zhQuotes.unknownSub(word)), text(r.problem)] : edited(ctx, await addLines(ctx.tx, ctx.actor, q, r.lines, ctx.now));
  },
});
