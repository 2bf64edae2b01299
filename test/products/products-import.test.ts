// `npm run import` of a product catalogue (child process, real database): Chinese headers
// 名称, 编码, 单位, 含税单价, 税率; every bad row named with its line and column and nothing
// written; duplicates (in the file and in the catalogue) skipped; prices exact to the fen;
// each product audited; --as must be an admin.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";
import { killStragglers, runTs } from "../support/process.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

const dir = mkdtempSync(path.join(tmpdir(), "wecrm-product-import-"));
let tdb: TestDatabase | undefined;
const env = () => (tdb ? { DATABASE_URL: tdb.url!, LOG_LEVEL: "silent" } : { DATA_DIR: dir, LOG_LEVEL: "silent" });

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (tdb) return fn(tdb.db);
  const db = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);
  return file;
}

async function runImport(file: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  const proc = runTs("scripts/import.ts", [file, ...args], env());
  const code = await proc.exited();
  return { code, out: proc.output() };
}

const productCount = () => withDb((db) => db.prisma.product.count());

beforeAll(async () => {
  if (onPostgres()) tdb = await createTestDatabase();
  await withDb(async (db) => {
    await db.prisma.user.create({ data: { wecomUserId: "pi_admin", name: "赵磊", role: "admin" } });
    await db.prisma.user.create({ data: { wecomUserId: "pi_rep", name: "王芳" } });
    await db.prisma.product.create({ data: { name: "CRM标准版", nameKey: "crm标准版", sku: "CRM-STD", unit: "套", listPriceFen: 1_200_000n, taxRatePpm: 130_000 } });
  });
}, 60_000);
afterAll(killStragglers);
afterAll(async () => {
  await tdb?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run import (products)", () => {
  it("a file with bad prices or rates imports nothing and names every bad row and column", async () => {
    const file = csv("products-broken.csv", [
      "名称,编码,单位,含税单价,税率",
      "CRM专业版,CRM-PRO,套,36000.00,13%",
      "实施服务,,人天,很贵,6%",
      "年度维保,,年,3600,5%",
      ",,,100,13%",
      "培训,有 空格,次,-100,",
      "小配件,,个,1.234,0.13",
    ]);
    const { code, out } = await runImport(file);
    expect(code, out).toBe(1);
    expect(out).toContain("导入产品：products-broken.csv（UTF-8，6 行数据）");
    expect(out).toContain("第 3 行「含税单价」：单价「很贵」格式不对。写含税单价，例如 12000、1.2万、¥12,000.00");
    expect(out).toContain("第 4 行「税率」：税率「5%」不对：只能是 13%、9%、6%、3% 或 0%");
    expect(out).toContain("第 5 行「名称」：缺少名称");
    expect(out).toContain("第 6 行「编码」：编码「有 空格」不对");
    expect(out).toContain("第 6 行「含税单价」：单价「-100」不能为负数");
    expect(out).toContain("第 7 行「含税单价」：单价「1.234」精度超出（金额最多到分）");
    expect(out).not.toContain("第 2 行");
    expect(out).toContain("有错误，所以一条都没有导入。");
    expect(await productCount()).toBe(1);
  }, 60_000);

  it("a good file is detected by its headers, skips duplicates, stores exact fen, audits each product", async () => {
    const file = csv("products.csv", [
      "名称,编码,单位,含税单价,税率,备注",
      "CRM专业版,CRM-PRO,套,36000.00,13%,旗舰",
      "实施服务,,人天,2000,6%,",
      "年度维保,,年,1.2万,0.06,",
      "ＣＲＭ 专业版,,套,1,13%,",
      "CRM企业版,crm-pro,套,1,13%,",
      "crm标准版,,套,12000,13%,",
      "旗舰版,CRM-STD,套,1,13%,",
      "小配件,,,0.05,,",
    ]);
    const dry = await runImport(file, "--dry-run");
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain("忽略的列：备注");
    expect(dry.out).toContain("合计：新建 4 条，重复跳过 4 条，错误 0 条。");
    expect(await productCount()).toBe(1);

    const { code, out } = await runImport(file, "--as", "pi_admin");
    expect(code, out).toBe(0);
    expect(out).toContain("第 5 行：与第 2 行重复（产品名称相同）");
    expect(out).toContain("第 6 行：与第 2 行重复（编码相同）");
    expect(out).toMatch(/第 7 行：已存在 产品 #\d+ CRM标准版（产品名称相同）/);
    expect(out).toMatch(/第 8 行：已存在 产品 #\d+ CRM标准版（编码相同）/);
    expect(out).not.toContain("公海");
    expect(out).toContain("已导入 4 条产品。");
    await withDb(async (db) => {
      const products = await db.prisma.product.findMany({ orderBy: { code: "asc" } });
      expect(products.map((p) => [p.name, p.sku, p.unit, p.listPriceFen, p.taxRatePpm, p.active])).toEqual([
        ["CRM标准版", "CRM-STD", "套", 1_200_000n, 130_000, true],
        ["CRM专业版", "CRM-PRO", "套", 3_600_000n, 130_000, true],
        ["实施服务", null, "人天", 200_000n, 60_000, true],
        ["年度维保", null, "年", 1_200_000n, 60_000, true],
        ["小配件", null, "套", 5n, 130_000, true],
      ]);
      const admin = await db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "pi_admin" } });
      const created = await db.prisma.auditEntry.findMany({ where: { action: "create", entity: "product" } });
      expect(created).toHaveLength(4);
      expect(created.every((a) => a.actorId === admin.id && (a.detail as { via: string; file: string }).via === "import" && (a.detail as { file: string }).file === "products.csv")).toBe(true);
      const summary = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "import", entity: "product" } });
      expect(summary.detail).toMatchObject({ file: "products.csv", created: 4, duplicates: 4 });
    });
    const again = await runImport(file);
    expect(again.out).toContain("合计：新建 0 条，重复跳过 8 条，错误 0 条。");
  }, 120_000);

  it("--as must be an admin; a file without 含税单价 is refused; --type products is accepted", async () => {
    const file = csv("more.csv", ["名称,含税单价", "新产品,100"]);
    const rep = await runImport(file, "--as", "pi_rep");
    expect(rep.code).toBe(1);
    expect(rep.out).toContain("导入产品要以管理员身份进行：「pi_rep」不是管理员");
    const noPrice = await runImport(csv("no-price.csv", ["名称,单位", "新产品,套"]), "--type", "products");
    expect(noPrice.code).toBe(1);
    expect(noPrice.out).toContain("产品文件缺少「含税单价」列。第一行表头是：名称、单位");
    expect(await productCount()).toBe(5);
  }, 60_000);
});
