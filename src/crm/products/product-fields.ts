// A product's fields as people write them (chat, CSV) and as the API sends them, to the
// values the catalogue stores: one set of rules for every way in. Prices are 含税 and read
// exactly to fen by the money kernel; tax rates only 13/9/6/3/0 %.
import { z } from "zod";
import { fenFromBigInt, formatFenZh, formatPercent, formatRate, formatYuan, MONEY_ERROR_TEXT, parseAmount, parseTaxRate, type Fen } from "../money/index.ts";
import type { Product } from "./products.ts";
import { zhProducts } from "./messages.ts";

export const MAX_PRODUCT_NAME = 64;
export const MAX_SKU = 32;
export const MAX_UNIT = 8;

const SKU = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

/** 1–64 characters after trimming (spaces inside are kept). */
export const productNameParam = z.string().trim().min(1, zhProducts.nameInvalid).max(MAX_PRODUCT_NAME, zhProducts.nameInvalid);

/** A SKU as typed (full-width letters become ASCII); "" clears it (null). */
export const skuParam = z.string().transform((v, ctx) => {
  const s = v.normalize("NFKC").trim();
  if (s === "") return null;
  if (s.length > MAX_SKU || !SKU.test(s)) {
    ctx.addIssue({ code: "custom", message: zhProducts.skuInvalid(v.trim()) });
    return z.NEVER;
  }
  return s;
});

export const unitParam = z.string().trim().min(1, zhProducts.unitInvalid).max(MAX_UNIT, zhProducts.unitInvalid);

/** A 含税 list price in any form parseAmount reads (12000, 1.2万, ¥12,000.00) → fen; 0 refused. */
export const priceParam = z.string().transform((v, ctx) => {
  const r = parseAmount(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: zhProducts.priceInvalid(v.trim(), MONEY_ERROR_TEXT[r.error]) });
    return z.NEVER;
  }
  return r.value;
});

/** 13%, 13, 0.13, 免税 … → ppm; only the VAT rates the money kernel allows. */
export const taxRateParam = z.string().transform((v, ctx) => {
  const r = parseTaxRate(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: zhProducts.rateInvalid(v.trim()) });
    return z.NEVER;
  }
  return r.value;
});

/** A stored price as fen (the column is bounded by MAX_FEN on the way in). */
export const listPriceOf = (p: Product): Fen => fenFromBigInt(p.listPriceFen) ?? 0;

/** "1.2万/套（含税），税率 13%，编码 CRM-STD" */
export const productFactsText = (p: Product): string => zhProducts.facts(formatFenZh(listPriceOf(p)), p.unit, formatPercent(p.taxRatePpm), p.sku);

/** The product as the REST API writes it: yuan with two decimals, the rate as a decimal string. */
export const productJson = (p: Product) => ({
  code: p.code,
  name: p.name,
  sku: p.sku,
  unit: p.unit,
  listPrice: formatYuan(listPriceOf(p)),
  taxRate: formatRate(p.taxRatePpm),
  active: p.active,
  updatedAt: p.updatedAt.toISOString(),
});
