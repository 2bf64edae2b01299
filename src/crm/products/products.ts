// The product catalogue (产品): what a quote line may name instead of a free item. Prices
// include tax and are integer fen; rates are integer ppm (money kernel). Admins manage it;
// every change is audited with before and after.
import { audit } from "../../auth/audit.ts";
import type { Tx } from "../../db/tx.ts";
import type { Product } from "../../generated/prisma/client.ts";
import { DEFAULT_TAX_RATE, type Fen, type Ppm } from "../money/index.ts";

export type { Product };

/** A product name reduced for lookup: width, case and spaces do not make another product. */
export const productNameKey = (name: string): string => name.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

export interface NewProduct {
  name: string;
  sku?: string | null;
  unit?: string;
  listPriceFen: Fen;
  taxRatePpm?: Ppm;
}

export interface ProductChanges {
  name?: string;
  sku?: string | null;
  unit?: string;
  listPriceFen?: Fen;
  taxRatePpm?: Ppm;
  active?: boolean;
}

export type SaveProductResult = { kind: "saved"; product: Product } | { kind: "name_taken"; existing: Product } | { kind: "sku_taken"; existing: Product };

/** What an audit entry records of a product (numbers, not BigInt: JSON has no BigInt). */
export const productFacts = (p: Product) => ({
  name: p.name,
  sku: p.sku,
  unit: p.unit,
  listPriceFen: Number(p.listPriceFen),
  taxRatePpm: p.taxRatePpm,
  active: p.active,
});

async function conflict(tx: Tx, name: string | undefined, sku: string | null | undefined, self?: string): Promise<SaveProductResult | null> {
  if (name !== undefined) {
    const existing = await tx.product.findUnique({ where: { nameKey: productNameKey(name) } });
    if (existing && existing.id !== self) return { kind: "name_taken", existing };
  }
  if (sku) {
    // SKUs differ by more than case: CRM-STD and crm-std are one code.
    const existing = await tx.product.findFirst({ where: { sku: { equals: sku, mode: "insensitive" } } });
    if (existing && existing.id !== self) return { kind: "sku_taken", existing };
  }
  return null;
}

/** Where a change came from, kept in its audit entry: { via: "api" } or { via: "import", file }. */
export type ProductSource = { via: "chat" | "api" | "import" | "seed"; file?: string };

export async function createProduct(tx: Tx, actorId: string | null, p: NewProduct, now: Date, source?: ProductSource): Promise<SaveProductResult> {
  const taken = await conflict(tx, p.name, p.sku);
  if (taken) return taken;
  const product = await tx.product.create({
    data: {
      name: p.name,
      nameKey: productNameKey(p.name),
      sku: p.sku ?? null,
      unit: p.unit ?? "套",
      listPriceFen: BigInt(p.listPriceFen),
      taxRatePpm: p.taxRatePpm ?? DEFAULT_TAX_RATE,
      createdAt: now,
      updatedAt: now,
    },
  });
  await audit(tx, { actorId, action: "create", entity: "product", entityId: product.id, detail: { after: productFacts(product), ...source }, at: now });
  return { kind: "saved", product };
}

export async function updateProduct(tx: Tx, actorId: string | null, product: Product, c: ProductChanges, now: Date): Promise<SaveProductResult> {
  const taken = await conflict(tx, c.name, c.sku, product.id);
  if (taken) return taken;
  const updated = await tx.product.update({
    where: { id: product.id },
    data: {
      ...(c.name === undefined ? {} : { name: c.name, nameKey: productNameKey(c.name) }),
      ...(c.sku === undefined ? {} : { sku: c.sku }),
      ...(c.unit === undefined ? {} : { unit: c.unit }),
      ...(c.listPriceFen === undefined ? {} : { listPriceFen: BigInt(c.listPriceFen) }),
      ...(c.taxRatePpm === undefined ? {} : { taxRatePpm: c.taxRatePpm }),
      ...(c.active === undefined ? {} : { active: c.active }),
      updatedAt: now,
    },
  });
  await audit(tx, {
    actorId,
    action: "update",
    entity: "product",
    entityId: product.id,
    detail: { before: productFacts(product), after: productFacts(updated) },
    at: now,
  });
  return { kind: "saved", product: updated };
}

/** `#3` (or 产品#3), a SKU, the name (however spaced or cased), or a unique part of the name. Active only unless `includeInactive`. */
export async function findProductByRef(tx: Tx, ref: string, includeInactive = false): Promise<Product | null> {
  const r = ref.trim();
  const active = includeInactive ? {} : { active: true };
  const code = /^(?:产品\s*)?#\s*(\d{1,9})$/.exec(r)?.[1];
  if (code) return tx.product.findFirst({ where: { code: Number(code), ...active } });
  const exact = await tx.product.findFirst({ where: { OR: [{ sku: { equals: r.normalize("NFKC"), mode: "insensitive" } }, { nameKey: productNameKey(r) }], ...active } });
  if (exact) return exact;
  const partial = await tx.product.findMany({ where: { name: { contains: r, mode: "insensitive" }, ...active }, take: 2 });
  return partial.length === 1 ? partial[0]! : null;
}

export async function listProducts(tx: Tx, opts: { includeInactive?: boolean; skip?: number; take?: number } = {}): Promise<{ items: Product[]; total: number }> {
  const where = opts.includeInactive ? {} : { active: true };
  const items = await tx.product.findMany({ where, orderBy: { code: "asc" }, skip: opts.skip ?? 0, take: opts.take ?? 20 });
  return { items, total: await tx.product.count({ where }) };
}
