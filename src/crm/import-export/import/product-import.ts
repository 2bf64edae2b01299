// Products (the catalogue) from a CSV file: the chat command's field rules (含税单价 in any
// form a rep writes, 税率 only 13/9/6/3/0 %), one product per name however it is typed and
// one per SKU however it is cased. Catalogues are small: each row goes through the
// catalogue's own createProduct, so every product is audited like one made in chat.
import { z } from "zod";
import { createProduct, priceParam, productNameKey, productNameParam, skuParam, taxRateParam, unitParam, type Product } from "../../products/index.ts";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import type { ImportInput, ImportPlan, RowDuplicate } from "./import-types.ts";
import type { AppliedImport } from "./lead-import.ts";
import { BATCH, chunk, FirstSeen, inFileDuplicate, validateRows } from "./rows.ts";

const productRow = z.object({
  name: productNameParam,
  sku: skuParam.optional(),
  unit: unitParam.optional(),
  listPrice: priceParam,
  taxRate: taxRateParam.optional(),
});

export type ProductRow = z.infer<typeof productRow> & { nameKey: string };

const LABELS = { name: "名称", sku: "编码", unit: "单位", listPrice: "含税单价", taxRate: "税率" };

export async function planProducts(tx: Tx, input: ImportInput): Promise<ImportPlan<ProductRow>> {
  const { valid, problems } = validateRows(input, productRow, LABELS);
  const duplicates: RowDuplicate[] = [];
  const seen = new FirstSeen<"product_name" | "sku">();
  const unique = valid.flatMap((r) => {
    const nameKey = productNameKey(r.data.name);
    const first = seen.claim([["product_name", nameKey], ["sku", r.data.sku?.toLowerCase()]], r.line);
    if (first) duplicates.push(inFileDuplicate(r.line, first.line, first.by));
    return first ? [] : [{ ...r, data: { ...r.data, nameKey } }];
  });
  const byName = new Map<string, Product>();
  const bySku = new Map<string, Product>();
  for (const part of chunk(unique, BATCH)) {
    const skus = part.flatMap((r) => (r.data.sku ? [r.data.sku] : []));
    const found = await tx.product.findMany({
      where: { OR: [{ nameKey: { in: part.map((r) => r.data.nameKey) } }, ...skus.map((sku) => ({ sku: { equals: sku, mode: "insensitive" as const } }))] },
    });
    for (const p of found) {
      byName.set(p.nameKey, p);
      if (p.sku) bySku.set(p.sku.toLowerCase(), p);
    }
  }
  const fresh = unique.filter((r) => {
    const name = byName.get(r.data.nameKey);
    const sku = r.data.sku ? bySku.get(r.data.sku.toLowerCase()) : undefined;
    const hit = name ?? sku;
    if (hit) duplicates.push({ line: r.line, of: { kind: "in_db", code: hit.code, name: hit.name, owner: null }, matchedBy: name ? "product_name" : "sku" });
    return !hit;
  });
  return { rows: fresh.map((r) => ({ ...r, owner: null })), duplicates, problems, ownerless: 0 };
}

/** Writes the planned products, each audited (via import, with the file's name). */
export async function applyProducts(tx: Tx, plan: ImportPlan<ProductRow>, ctx: { now: Date; as: User | null; file: string }): Promise<AppliedImport<Product>> {
  const created: Product[] = [];
  let raced = 0;
  for (const { data: d } of plan.rows) {
    const input = { name: d.name, sku: d.sku ?? null, unit: d.unit, listPriceFen: d.listPrice, taxRatePpm: d.taxRate };
    const r = await createProduct(tx, ctx.as?.id ?? null, input, ctx.now, { via: "import", file: ctx.file });
    if (r.kind === "saved") created.push(r.product);
    else raced++;
  }
  return { created, raced };
}
