// A quote as the rep reads it in chat (a card with the figures and the lines, the full list
// as text when it does not fit) and as the customer reads it (the PDF's data).
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import type { QuoteSettings } from "../../config/crm/quote-settings.ts";
import { card, text, type Reply } from "../../render/reply.ts";
import { localDateKey } from "../../time/calendar.ts";
import { clipText } from "../../util/clip-text.ts";
import { formatDiscount, formatFenZh, formatPercent, formatQuantity, formatYuan, toDaxie, PPM_ONE } from "../money/index.ts";
import { zhQuotes } from "./messages.ts";
import type { QuotePdfData } from "./quote-pdf-data.ts";
import { snapshotOf, type QuoteFull, type QuoteSnapshot } from "./quotes.ts";

/** The figures of the current version or of a frozen one, in one shape. */
export interface QuoteView {
  code: number;
  version: number;
  status: string;
  customer: string;
  lines: QuoteSnapshot["lines"];
  totals: QuoteSnapshot["totals"];
  validUntil: string | null;
}

export const viewOf = (q: QuoteFull, status: string): QuoteView => ({
  code: q.code,
  version: q.version,
  status,
  customer: q.opportunity.customer.name,
  ...snapshotOf(q),
});

/** 已发送 past its validity reads 已过期 (derived, never stored). */
export function statusOf(q: Pick<QuoteFull, "status" | "validUntil">, today: string): string {
  if (q.status === "sent" && q.validUntil && q.validUntil.toISOString().slice(0, 10) < today) return "expired";
  return q.status;
}

const lineText = (l: QuoteView["lines"][number], i: number) =>
  zhQuotes.line(
    i + 1,
    l.name,
    formatQuantity(l.quantity),
    l.unit ?? "",
    formatFenZh(l.unitPrice),
    l.discount === PPM_ONE ? "" : formatDiscount(l.discount),
    formatPercent(l.taxRate),
    formatFenZh(l.amount),
  );

export const rateText = (ppm: number): string => (ppm === PPM_ONE ? "无折扣" : formatPercent(ppm));

/** The whole quote as text: lines, totals, 大写. */
export function quoteText(v: QuoteView, title: string): string {
  return [
    title,
    ...(v.lines.length ? v.lines.map(lineText) : [zhQuotes.emptyLines]),
    zhQuotes.totals(formatFenZh(v.totals.total), formatFenZh(v.totals.tax), formatFenZh(v.totals.net), rateText(v.totals.discount)),
    ...(v.lines.length ? [zhQuotes.inWords(toDaxie(v.totals.total))] : []),
    ...(v.validUntil ? [zhQuotes.validUntil(v.validUntil)] : []),
  ].join("\n");
}

/** The card after each change: figures, the lines as far as they fit, 发送 / PDF buttons. */
export function quoteReplies(v: QuoteView, taskId: string): Reply[] {
  const title = zhQuotes.title(v.code, v.version, zhQuotes.statusNames[v.status] ?? v.status);
  const lines = v.lines.map(lineText).join("\n");
  const fits = [...lines].length <= 200;
  // a quote the customer has (or that waits for approval) is not sent again from its card
  const editable = v.status === "draft" || v.status === "approved";
  const c = card({
    taskId,
    title: clipText(title, 36),
    fields: [
      { label: zhQuotes.fieldCustomer, value: clipText(v.customer, 64) },
      { label: zhQuotes.fieldTotal, value: formatFenZh(v.totals.total) },
      { label: zhQuotes.fieldTax, value: formatFenZh(v.totals.tax) },
      { label: zhQuotes.fieldDiscount, value: rateText(v.totals.discount) },
      { label: zhQuotes.fieldLines, value: String(v.lines.length) },
      ...(v.validUntil ? [{ label: zhQuotes.fieldValid, value: v.validUntil }] : []),
    ],
    ...(v.lines.length && fits ? { quote: lines } : {}),
    buttons: v.lines.length
      ? [
          ...(editable ? [{ key: `${COMMAND_KEY_PREFIX}报价 #${v.code} 发送`, text: zhQuotes.sendButton }] : []),
          { key: `${COMMAND_KEY_PREFIX}报价 #${v.code} PDF`, text: zhQuotes.pdfButton, style: "default" as const },
        ]
      : [],
  });
  if (!fits) return [c, text(quoteText(v, title))];
  const words = v.lines.length ? [zhQuotes.inWords(toDaxie(v.totals.total))] : [];
  const after = [...words, ...(editable ? [zhQuotes.editHint(v.code)] : [])];
  return after.length ? [c, text(after.join("\n"))] : [c];
}

const UNSENT = ["draft", "pending_approval", "approved"];

/** What the PDF prints, every figure formatted here (the renderer does no arithmetic). */
export function pdfDataOf(v: QuoteView, q: QuoteFull, settings: QuoteSettings, now: Date, timeZone: string): QuotePdfData {
  const contact = q.opportunity.customer.contacts[0];
  const year = q.createdAt.getUTCFullYear();
  return {
    company: settings.company,
    // a version not yet sent says so on paper: 草稿, valid from sending
    quote: {
      code: `BJ-${year}-${String(v.code).padStart(4, "0")}`,
      version: UNSENT.includes(v.status) ? zhQuotes.pdfDraftVersion(v.version) : `V${v.version}`,
      date: localDateKey(now, timeZone),
      validUntil: v.validUntil ?? zhQuotes.pdfValidAfterSend(settings.validDays),
    },
    customer: { name: v.customer, contact: contact?.name, contactPhone: contact?.phone ?? undefined },
    lines: v.lines.map((l) => ({
      name: l.name,
      unit: l.unit ?? "",
      quantity: formatQuantity(l.quantity),
      unitPrice: formatYuan(l.unitPrice),
      discount: l.discount === PPM_ONE ? "—" : formatDiscount(l.discount),
      taxRate: formatPercent(l.taxRate),
      amount: formatYuan(l.amount),
    })),
    totals: {
      total: formatYuan(v.totals.total),
      tax: formatYuan(v.totals.tax),
      net: formatYuan(v.totals.net),
      listTotal: formatYuan(v.totals.listTotal),
      discountRate: rateText(v.totals.discount),
    },
    totalInWords: toDaxie(v.totals.total),
    terms: settings.terms,
    rep: { name: q.owner?.name ?? q.owner?.wecomUserId ?? "—" },
  };
}
