// 产品: the catalogue in chat. Everyone lists what is on sale (产品, 产品 列表 2) and looks a
// product up (产品 #3); admins add (产品 新建 CRM标准版 1.2万 单位:套 税率:13% 编码:CRM-STD),
// change (产品 #3 单价:1.5万 税率:6%), stop and restart selling (产品 #3 停用 / 启用).
import { z } from "zod";
import { formatFenZh, formatPercent } from "../money/index.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { zh } from "../../messages/zh.ts";
import { clipText } from "../../util/clip-text.ts";
import { createProduct, findProductByRef, listProducts, updateProduct, type Product, type ProductChanges, type SaveProductResult } from "./products.ts";
import { listPriceOf, priceParam, productFactsText, productNameParam, skuParam, taxRateParam, unitParam } from "./product-fields.ts";
import { zhProducts } from "./messages.ts";

export const PAGE_SIZE = 20;

const LIST_WORDS = ["列表", "list", "全部"];
const CREATE_WORDS = ["新建", "新增", "添加", "create", "add", "new"];
const STATE_WORDS: Record<string, "停用" | "启用"> = { 停用: "停用", 下架: "停用", disable: "停用", 启用: "启用", 上架: "启用", enable: "启用" };

const params = z
  .object({
    op: z.enum(["list", "create", "show"]),
    page: z.coerce.number({ error: zhProducts.pageInvalid }).int(zhProducts.pageInvalid).min(1, zhProducts.pageInvalid).max(99_999, zhProducts.pageInvalid).optional(),
    ref: z.string().trim().min(1).max(64, zhProducts.nameInvalid).optional(),
    state: z.enum(["停用", "启用"]).optional(),
    name: productNameParam.optional(),
    price: priceParam.optional(),
    taxRate: taxRateParam.optional(),
    unit: unitParam.optional(),
    sku: skuParam.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.op !== "create") return;
    if (p.name === undefined) ctx.addIssue({ code: "custom", path: ["name"], message: zhProducts.missingName });
    if (p.price === undefined) ctx.addIssue({ code: "custom", path: ["price"], message: zhProducts.missingPrice });
  });

type Params = z.infer<typeof params>;

/** 产品 [列表 [页]] | 产品 新建 <名称…> <单价> | 产品 <ref> [停用|启用]; `key:value` words are taken before. */
function fromTokens(tokens: string[]): TokenResult {
  const [first, ...rest] = tokens;
  if (first === undefined) return { ok: true, raw: { op: "list" } };
  const word = first.toLowerCase();
  if (LIST_WORDS.includes(word)) {
    if (rest.length > 1) return { ok: false, problem: zh.tooManyParams(rest.slice(1).join(" ")) };
    return { ok: true, raw: { op: "list", ...(rest[0] === undefined ? {} : { page: rest[0] }) } };
  }
  if (CREATE_WORDS.includes(word)) {
    // The price is the last word; the words before it are the name (CRM 标准版 is one name).
    if (rest.length <= 1) return { ok: true, raw: { op: "create", ...(rest[0] === undefined ? {} : { name: rest[0] }) } };
    return { ok: true, raw: { op: "create", name: rest.slice(0, -1).join(" "), price: rest.at(-1) } };
  }
  if (rest.length > 1) return { ok: false, problem: zh.tooManyParams(rest.slice(1).join(" ")) };
  const state = rest[0] === undefined ? undefined : STATE_WORDS[rest[0].toLowerCase()];
  if (rest[0] !== undefined && !state) return { ok: false, problem: zhProducts.stateInvalid(rest[0]) };
  return { ok: true, raw: { op: "show", ref: first, ...(state ? { state } : {}) } };
}

const isAdmin = (ctx: ActionContext): boolean => ctx.actor.role === "admin";

function refused(r: Exclude<SaveProductResult, { kind: "saved" }>, sku: string | null | undefined): Reply {
  if (r.kind === "name_taken") return text(zhProducts.nameTaken(r.existing.code, r.existing.name, r.existing.active));
  return text(zhProducts.skuTaken(sku ?? r.existing.sku ?? "", r.existing.code, r.existing.name));
}

async function list(ctx: ActionContext, page: number): Promise<Reply[]> {
  const { items, total } = await listProducts(ctx.tx, { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const lines: string[] = [];
  if (total === 0) lines.push(zhProducts.listEmpty);
  else if (items.length === 0) lines.push(zhProducts.listPageBeyond(pages));
  else {
    lines.push(zhProducts.listTitle(total, page, pages));
    for (const p of items) lines.push(zhProducts.listLine(p.code, clipText(p.name, 24), p.sku, formatFenZh(listPriceOf(p)), p.unit, formatPercent(p.taxRatePpm)));
    if (page < pages) lines.push(zhProducts.listNext(page + 1));
  }
  if (isAdmin(ctx)) {
    const inactive = await ctx.tx.product.findMany({ where: { active: false }, orderBy: { code: "asc" }, take: 10 });
    if (inactive.length) {
      const more = (await ctx.tx.product.count({ where: { active: false } })) - inactive.length;
      lines.push(zhProducts.listInactive(inactive.map((p) => `#${p.code} ${clipText(p.name, 16)}`), more));
    }
  }
  if (items.length) lines.push(zhProducts.listFooter);
  return [text(lines.join("\n"))];
}

async function create(ctx: ActionContext, p: Params): Promise<Reply[]> {
  const r = await createProduct(ctx.tx, ctx.actor.id, { name: p.name!, sku: p.sku ?? null, unit: p.unit, listPriceFen: p.price!, taxRatePpm: p.taxRate }, ctx.now);
  if (r.kind !== "saved") return [refused(r, p.sku)];
  return [text(zhProducts.created(r.product.code, r.product.name, productFactsText(r.product)))];
}

/** The changes a message asks for that differ from the product as it is. */
function changesOf(before: Product, p: Params): ProductChanges {
  const c: ProductChanges = {};
  if (p.name !== undefined && p.name !== before.name) c.name = p.name;
  if (p.sku !== undefined && p.sku !== before.sku) c.sku = p.sku;
  if (p.unit !== undefined && p.unit !== before.unit) c.unit = p.unit;
  if (p.price !== undefined && p.price !== listPriceOf(before)) c.listPriceFen = p.price;
  if (p.taxRate !== undefined && p.taxRate !== before.taxRatePpm) c.taxRatePpm = p.taxRate;
  return c;
}

function describe(before: Product, after: Product, c: ProductChanges): string {
  const parts: string[] = [];
  if (c.name !== undefined) parts.push(zhProducts.changedName(before.name));
  if (c.listPriceFen !== undefined || c.unit !== undefined) {
    parts.push(c.listPriceFen !== undefined ? zhProducts.changedPrice(formatFenZh(listPriceOf(after)), after.unit) : zhProducts.changedUnit(after.unit));
  }
  if (c.taxRatePpm !== undefined) parts.push(zhProducts.changedRate(formatPercent(after.taxRatePpm)));
  if (c.sku !== undefined) parts.push(zhProducts.changedSku(after.sku));
  return parts.join("，");
}

async function showOrChange(ctx: ActionContext, p: Params): Promise<Reply[]> {
  const wantsChange = p.state !== undefined || [p.name, p.sku, p.unit, p.price, p.taxRate].some((v) => v !== undefined);
  if (wantsChange && !isAdmin(ctx)) return [text(zhProducts.adminOnly)];
  // Admins see stopped products too (to restart them); everyone else only what is on sale.
  const product = await findProductByRef(ctx.tx, p.ref!, isAdmin(ctx));
  if (!product) return [text(zhProducts.notFound(p.ref!))];
  if (!wantsChange) return [text(zhProducts.detail(product.code, product.name, productFactsText(product), product.active))];
  const changes = changesOf(product, p);
  if (p.state !== undefined) {
    const active = p.state === "启用";
    if (product.active !== active) changes.active = active;
    else if (Object.keys(changes).length === 0) {
      return [text(active ? zhProducts.alreadyActive(product.code, product.name) : zhProducts.alreadyInactive(product.code, product.name))];
    }
  }
  if (Object.keys(changes).length === 0) return [text(zhProducts.unchanged(product.code, product.name))];
  const r = await updateProduct(ctx.tx, ctx.actor.id, product, changes, ctx.now);
  if (r.kind !== "saved") return [refused(r, changes.sku)];
  const after = r.product;
  const replies: string[] = [];
  const { active, ...fields } = changes;
  if (Object.keys(fields).length) replies.push(zhProducts.updated(after.code, after.name, describe(product, after, fields)));
  if (active === false) replies.push(zhProducts.deactivated(after.code, after.name));
  if (active === true) replies.push(zhProducts.activated(after.code, after.name));
  return [text(replies.join("\n"))];
}

export const productAction = defineAction({
  name: "product.catalogue",
  command: "产品",
  aliases: ["products", "product"],
  summary: zhProducts.summary,
  usage: zhProducts.usage,
  example: zhProducts.example,
  params,
  labels: { op: "操作", page: "页码", ref: "产品", state: "停用或启用", name: "产品名称", price: "含税单价", taxRate: "税率", unit: "单位", sku: "编码" },
  fromTokens,
  restOfLine: ["名称", "name"],
  named: { 单价: "price", 含税单价: "price", 价格: "price", price: "price", 税率: "taxRate", tax: "taxRate", 单位: "unit", unit: "unit", 名称: "name", name: "name", 编码: "sku", sku: "sku" },
  roles: ALL_ROLES,
  effect: "write",
  freeText: "off",
  async run(ctx, p) {
    if (p.op === "list") return list(ctx, p.page ?? 1);
    if (p.op === "create") return isAdmin(ctx) ? create(ctx, p) : [text(zhProducts.adminOnly)];
    return showOrChange(ctx, p);
  },
});
