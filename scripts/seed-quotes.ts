// The 报价 part of `npm run seed`: two open deals get a quote from the catalogue — one sent
// (V1, valid quotes.validDays, expiry reminder scheduled like a sent quote's), one still a
// draft — so 报价 #N, its PDF and 转合同 after 接受 can be tried at once. Skipped once any
// quote exists (a second run, or a database in use), so it never adds more.
import type { CrmSettings } from "../src/config/crm/crm-settings.ts";
import type { Tx } from "../src/db/tx.ts";
import { PPM_ONE } from "../src/crm/money/index.ts";
import { addLines, markSent, startQuote, type NewLine } from "../src/crm/quotes/quotes.ts";
import { scheduleExpiryReminder } from "../src/crm/quotes/quote-expiry.ts";
import { localDateKey } from "../src/util/local-time.ts";

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** [product name, quantity in hundredths, discount in ppm] per quote. */
const QUOTES: Array<{ send: boolean; lines: Array<[string, number, number]> }> = [
  { send: true, lines: [["CRM标准版", 1000, 900_000], ["实施服务", 500, PPM_ONE]] },
  { send: false, lines: [["CRM专业版", 300, PPM_ONE], ["年度维保", 100, PPM_ONE]] },
];

/** Returns the quotes it made. */
export async function seedQuotes(tx: Tx, settings: CrmSettings, now: Date, timeZone: string): Promise<{ quotes: number; sent: number }> {
  if (await tx.quote.findFirst({ select: { id: true } })) return { quotes: 0, sent: 0 };
  const deals = await tx.opportunity.findMany({
    where: { closedAt: null, ownerId: { not: null } },
    include: { owner: true },
    orderBy: { code: "desc" },
    take: QUOTES.length,
  });
  const products = new Map((await tx.product.findMany({ where: { active: true } })).map((p) => [p.name, p]));
  let quotes = 0;
  let sent = 0;
  for (const [i, deal] of deals.entries()) {
    const spec = QUOTES[i]!;
    const lines: NewLine[] = spec.lines.flatMap(([name, quantity, discount]) => {
      const p = products.get(name);
      if (!p) return [];
      const price = Number(p.listPriceFen);
      return [{ productId: p.id, name: p.name, unit: p.unit, quantity, unitPrice: price, listUnitPrice: price, discount, taxRate: p.taxRatePpm }];
    });
    if (!lines.length || !deal.owner) continue;
    const q = await startQuote(tx, deal.owner, deal.id, now);
    const r = await addLines(tx, deal.owner, q, lines, now);
    if (r.kind !== "ok") throw new Error(`seed: a quote's lines were refused (${r.kind})`);
    quotes++;
    if (!spec.send) continue;
    const validUntil = addDays(localDateKey(now, timeZone), settings.quotes.validDays);
    const frozen = await markSent(tx, deal.owner, r.quote, validUntil, now);
    await scheduleExpiryReminder(tx, frozen, validUntil, settings.quotes.remindDaysBefore, timeZone, now);
    sent++;
  }
  return { quotes, sent };
}
