// `npm run import` of historical contracts (child process, real database): 合同编号, 客户, 金额,
// 签订日期, 开始日期, 结束日期, 负责人, 状态; every bad row named and nothing written; numbers
// already used (in the file or the database) skipped; exact fen; each contract audited and
// given its renewal jobs; a number the import used is never handed out by the counter.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextContractNumber } from "../../src/crm/contracts/contract-number.ts";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";
import { killStragglers, runTs } from "../support/process.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

const dir = mkdtempSync(path.join(tmpdir(), "wecrm-contract-import-"));
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

const contractCount = () => withDb((db) => db.prisma.contract.count());

beforeAll(async () => {
  if (onPostgres()) tdb = await createTestDatabase();
  await withDb(async (db) => {
    const rep = await db.prisma.user.create({ data: { wecomUserId: "ci_rep", name: "王芳" } });
    await db.prisma.user.create({ data: { wecomUserId: "ci_admin", name: "赵磊", role: "admin" } });
    const huawei = await db.prisma.customer.create({ data: { name: "华为", nameKey: "华为", initials: "hw", ownerId: rep.id } });
    await db.prisma.customer.create({ data: { name: "小米", nameKey: "小米", initials: "xm", ownerId: rep.id } });
    await db.prisma.contract.create({ data: { number: "HT-2025-0007", customerId: huawei.id, title: "旧合同", amountFen: 100n, status: "effective" } });
  });
}, 60_000);
afterAll(killStragglers);
afterAll(async () => {
  await tdb?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run import (contracts)", () => {
  it("a file with bad rows imports nothing and names every bad row and column", async () => {
    const file = csv("contracts-broken.csv", [
      "合同编号,客户,金额,签订日期,开始日期,结束日期,负责人,状态",
      "HT-2024-0001,华为,123456.78,2024-01-01,2024-01-01,2024-12-31,王芳,已完成",
      "HT-2024-0002,华为,很多,2024-02-01,,,,",
      "HT-2024-0003,不存在公司,1万,2024-02-01,,,,",
      "HT-2024-0004,小米,1万,2024-13-01,,,,待审批",
      "HT-2024-0005,小米,1万,,2024-05-01,2024-04-01,路人甲,",
    ]);
    const { code, out } = await runImport(file);
    expect(code, out).toBe(1);
    expect(out).toContain("导入合同：contracts-broken.csv（UTF-8，5 行数据）");
    expect(out).toContain("第 3 行「金额」：");
    expect(out).toContain("第 4 行「客户」：找不到客户「不存在公司」");
    expect(out).toContain("第 5 行「签订日期」：「2024-13-01」不是日期");
    expect(out).toContain("第 5 行「状态」：状态只能是：已生效、执行中、已完成、已作废");
    expect(out).toContain("第 6 行「结束日期」：结束日期早于开始日期");
    expect(out).not.toContain("第 2 行");
    expect(out).toContain("有错误，所以一条都没有导入。");
    expect(await contractCount()).toBe(1);
  }, 60_000);

  it("a good file keeps its numbers, skips those used, stores exact fen, audits and schedules renewals", async () => {
    const file = csv("contracts.csv", [
      "合同编号,客户,金额,签订日期,开始日期,结束日期,负责人,状态",
      "HT-2024-0001,华为,123456.78,2024-01-01,2024-01-01,2024-12-31,王芳,已完成",
      "HT-2026-0001,小米,12万,2026/06/01,2026-07-01,2027-06-30,,",
      "ht-2024-0001,华为,1,,,,,",
      "HT-2025-0007,华为,1,,,,,",
    ]);
    const { code, out } = await runImport(file, "--as", "ci_admin");
    expect(code, out).toBe(0);
    expect(out).toContain("第 4 行：与第 2 行重复（合同编号相同）");
    expect(out).toMatch(/第 5 行：已存在 合同 HT-2025-0007（#\d+）（合同编号相同）/);
    expect(out).toContain("已导入 2 条合同。");
    await withDb(async (db) => {
      const rows = await db.prisma.contract.findMany({ where: { number: { in: ["HT-2024-0001", "HT-2026-0001"] } }, orderBy: { number: "asc" }, include: { owner: true } });
      expect(rows.map((c) => [c.number, c.amountFen, c.status, c.owner?.wecomUserId, c.signDate?.toISOString().slice(0, 10), c.endDate?.toISOString().slice(0, 10)])).toEqual([
        ["HT-2024-0001", 12_345_678n, "completed", "ci_rep", "2024-01-01", "2024-12-31"],
        ["HT-2026-0001", 12_000_000n, "effective", "ci_rep", "2026-06-01", "2027-06-30"],
      ]);
      expect(await db.prisma.auditEntry.count({ where: { action: "create", entity: "contract" } })).toBe(2);
      expect(await db.prisma.auditEntry.findFirst({ where: { action: "import", entity: "contract" } })).toMatchObject({ detail: { file: "contracts.csv", created: 2, duplicates: 2 } });
      // the renewal of the contract still running: its jobs are due before 2027-06-30
      const jobs = await db.prisma.job.findMany({ where: { kind: "contract.renewal", payload: { path: ["contractId"], equals: rows[1]!.id } } });
      expect(jobs.length).toBeGreaterThan(0);
      expect(await db.prisma.job.count({ where: { kind: "contract.renewal", payload: { path: ["contractId"], equals: rows[0]!.id } } })).toBe(0);
      // the counter skips the number the import took
      expect(await db.prisma.$transaction((tx) => nextContractNumber(tx, "HT-{yyyy}-{seq4}", 2026))).toBe("HT-2026-0002");
    });
  }, 120_000);
});
