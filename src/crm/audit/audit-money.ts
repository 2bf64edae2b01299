// Values of the money records' audit entries (products, quotes, contracts, invoices, 回款):
// their amounts are integer fen (formatFenZh, never the opportunity's yuan), rates and
// discounts ppm, quantities hundredths, statuses and invoice types their Chinese names.
import { formatDiscount, formatFenZh, formatPercent, formatQuantity } from "../money/index.ts";
import { zhAudit } from "./messages.ts";

const MONEY_ENTITIES = new Set(["product", "quote", "contract", "invoice", "payment", "payment_plan"]);
const FEN_KEYS = new Set(["amount", "total", "tax", "net", "listTotal", "unitPrice", "listUnitPrice", "paid", "prepaid", "owed", "overdue"]);

const integer = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
};

/** The value as a reader reads it when `entity` is a money record and `key` one of its
 * figures or codes; null otherwise (the general rules apply). */
export function moneyValueText(entity: string, key: string, v: unknown): string | null {
  if (!MONEY_ENTITIES.has(entity)) return null;
  if (key === "status") return zhAudit.entityStatuses[entity]?.[String(v)] ?? null;
  if (entity === "invoice" && key === "type") return zhAudit.invoiceTypes[String(v)] ?? null;
  const n = integer(v);
  if (n === null) return null;
  if (FEN_KEYS.has(key) || key.endsWith("Fen")) return formatFenZh(n);
  if (key.endsWith("Ppm") || (entity === "quote" && key === "taxRate")) return formatPercent(n);
  if (entity === "quote" && key === "discount") return formatDiscount(n);
  if (entity === "quote" && key === "quantity") return formatQuantity(n);
  return null;
}
