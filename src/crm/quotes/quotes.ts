// Quotes (报价): lines priced by the money kernel, totals stored with them, versions frozen
// when sent. A quote belongs to an opportunity and is seen by whoever may see that
// opportunity. Every change is audited (figures as numbers of fen: JSON has no BigInt).
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Prisma, Quote, QuoteLine } from "../../generated/prisma/client.ts";
import { computeQuote, discountRatePpm, type Fen, type Hundredths, type MoneyError, type Ppm } from "../money/index.ts";

export type { Quote, QuoteLine };

export interface NewLine {
  productId: string | null;
  name: string;
  unit: string | null;
  quantity: Hundredths;
  unitPrice: Fen;
  listUnitPrice: Fen;
  discount: Ppm;
  taxRate: Ppm;
}

export const QUOTE_INCLUDE = {
  lines: { orderBy: { position: "asc" } },
  owner: true,
  opportunity: { include: { customer: { include: { contacts: { orderBy: { createdAt: "asc" }, take: 1 } } } } },
} as const satisfies Prisma.QuoteInclude;
export type QuoteFull = Prisma.QuoteGetPayload<{ include: typeof QUOTE_INCLUDE }>;

export const MAX_LINES = 100;

/** Quotes the actor may see: those on opportunities within their scope. */
export const quoteScope = (actor: User): Prisma.QuoteWhereInput => ({ opportunity: ownedWithin(actor) });

export async function findQuoteInScope(tx: Tx, actor: User, code: number): Promise<QuoteFull | null> {
  return tx.quote.findFirst({ where: { code, ...quoteScope(actor) }, include: QUOTE_INCLUDE });
}

export async function startQuote(tx: Tx, actor: User, opportunityId: string, now: Date): Promise<QuoteFull> {
  const q = await tx.quote.create({ data: { opportunityId, ownerId: actor.id, createdAt: now, updatedAt: now }, include: QUOTE_INCLUDE });
  await audit(tx, { actorId: actor.id, action: "create", entity: "quote", entityId: q.id, detail: { after: { code: q.code } }, at: now });
  return q;
}

const lineInput = (l: Pick<NewLine, "unitPrice" | "listUnitPrice" | "quantity" | "discount" | "taxRate">) => ({
  unitPrice: l.unitPrice,
  listUnitPrice: l.listUnitPrice,
  quantity: l.quantity,
  discount: l.discount,
  taxRate: l.taxRate,
});

/** A stored line's facts and figures as plain numbers (fen, ppm, hundredths). */
export const lineOf = (l: QuoteLine) => ({
  name: l.name,
  unit: l.unit,
  quantity: l.quantityHundredths,
  unitPrice: Number(l.unitPriceFen),
  listUnitPrice: Number(l.listUnitPriceFen),
  discount: l.discountPpm,
  taxRate: l.taxRatePpm,
  amount: Number(l.amountFen),
  tax: Number(l.taxFen),
  net: Number(l.netFen),
});

const storedLine = (l: QuoteLine): NewLine => ({ productId: l.productId, ...lineOf(l) });

export type EditResult =
  | { kind: "ok"; quote: QuoteFull }
  | { kind: "money"; error: MoneyError }
  | { kind: "too_many" }
  | { kind: "no_line"; position: number }
  /** Its discount is being approved: withdraw the request (撤回审批) before changing it. */
  | { kind: "pending_approval" };

/** Statuses of a version the customer has seen: a change starts the next version. */
const SENT_STATUSES = ["sent", "accepted", "rejected"];

/** Replaces the quote's lines with `lines` (priced again), keeping the version unless it was
 * sent: a change after sending starts the next version as a draft. */
async function writeLines(tx: Tx, actor: User, quote: QuoteFull, lines: NewLine[], now: Date, what: Prisma.InputJsonValue): Promise<EditResult> {
  if (quote.status === "pending_approval") return { kind: "pending_approval" };
  if (lines.length > MAX_LINES) return { kind: "too_many" };
  const totals = computeQuote(lines.map(lineInput));
  if (!totals.ok) return { kind: "money", error: totals.error };
  const t = totals.value;
  const sentBefore = SENT_STATUSES.includes(quote.status);
  await tx.quoteLine.deleteMany({ where: { quoteId: quote.id } });
  await tx.quoteLine.createMany({
    data: lines.map((l, i) => ({
      quoteId: quote.id,
      position: i + 1,
      productId: l.productId,
      name: l.name,
      unit: l.unit,
      quantityHundredths: l.quantity,
      unitPriceFen: BigInt(l.unitPrice),
      listUnitPriceFen: BigInt(l.listUnitPrice),
      discountPpm: l.discount,
      taxRatePpm: l.taxRate,
      amountFen: BigInt(t.lines[i]!.amount),
      taxFen: BigInt(t.lines[i]!.tax),
      netFen: BigInt(t.lines[i]!.net),
    })),
  });
  await tx.quote.update({
    where: { id: quote.id },
    data: {
      // an approved discount covered the old figures: the changed quote is a draft again
      ...(sentBefore ? { version: quote.version + 1, status: "draft", validUntil: null, sentAt: null, answeredAt: null, answerReason: null } : { status: "draft" }),
      totalFen: BigInt(t.total),
      taxFen: BigInt(t.tax),
      netFen: BigInt(t.net),
      listTotalFen: BigInt(t.listTotal),
      discountPpm: discountRatePpm(t.total, t.listTotal) ?? 1_000_000,
      updatedAt: now,
    },
  });
  await audit(tx, {
    actorId: actor.id,
    action: "update",
    entity: "quote",
    entityId: quote.id,
    detail: { change: what, before: { total: Number(quote.totalFen), version: quote.version }, after: { total: t.total, version: sentBefore ? quote.version + 1 : quote.version } },
    at: now,
  });
  return { kind: "ok", quote: (await tx.quote.findUnique({ where: { id: quote.id }, include: QUOTE_INCLUDE }))! };
}

export async function addLines(tx: Tx, actor: User, quote: QuoteFull, added: NewLine[], now: Date): Promise<EditResult> {
  const what = { added: added.map((l) => ({ name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount })) };
  return writeLines(tx, actor, quote, [...quote.lines.map(storedLine), ...added], now, what);
}

export async function removeLine(tx: Tx, actor: User, quote: QuoteFull, position: number, now: Date): Promise<EditResult> {
  const line = quote.lines.find((l) => l.position === position);
  if (quote.status === "pending_approval") return { kind: "pending_approval" };
  if (!line) return { kind: "no_line", position };
  return writeLines(tx, actor, quote, quote.lines.filter((l) => l !== line).map(storedLine), now, { removed: { position, name: line.name } });
}

/** What a frozen version keeps: the lines and totals exactly as sent. */
export const snapshotOf = (q: QuoteFull) => ({
  lines: q.lines.map(lineOf),
  totals: { total: Number(q.totalFen), tax: Number(q.taxFen), net: Number(q.netFen), listTotal: Number(q.listTotalFen), discount: q.discountPpm },
  validUntil: q.validUntil ? q.validUntil.toISOString().slice(0, 10) : null,
});
export type QuoteSnapshot = ReturnType<typeof snapshotOf>;

/** Sending freezes the current version (once) and starts its validity. */
export async function markSent(tx: Tx, actor: User, quote: QuoteFull, validUntil: string, now: Date): Promise<QuoteFull> {
  await tx.quote.update({ where: { id: quote.id }, data: { status: "sent", sentAt: now, validUntil: new Date(`${validUntil}T00:00:00Z`), updatedAt: now } });
  const sent = (await tx.quote.findUnique({ where: { id: quote.id }, include: QUOTE_INCLUDE }))!;
  await tx.quoteVersion.upsert({
    where: { quoteId_version: { quoteId: quote.id, version: quote.version } },
    create: { quoteId: quote.id, version: quote.version, snapshot: snapshotOf(sent), totalFen: sent.totalFen, sentAt: now },
    update: { snapshot: snapshotOf(sent), totalFen: sent.totalFen, sentAt: now },
  });
  await audit(tx, { actorId: actor.id, action: "send", entity: "quote", entityId: quote.id, detail: { version: quote.version, total: Number(quote.totalFen), validUntil }, at: now });
  return sent;
}

export async function findVersion(tx: Tx, quoteId: string, version: number): Promise<{ snapshot: QuoteSnapshot; sentAt: Date } | null> {
  const v = await tx.quoteVersion.findUnique({ where: { quoteId_version: { quoteId, version } } });
  return v ? { snapshot: v.snapshot as QuoteSnapshot, sentAt: v.sentAt } : null;
}
