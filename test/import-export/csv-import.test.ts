// `npm run import` as a child process against a real database (an embedded DATA_DIR, or a
// fresh PostgreSQL database): broken rows import nothing, dry runs write nothing, good
// files are scored, assigned, deduplicated and audited.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrator.ts";
import { killStragglers, ROOT, runTs } from "../support/process.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

const FIXTURES = path.join(ROOT, "test/fixtures/import");
const dir = mkdtempSync(path.join(tmpdir(), "wecrm-import-"));
let tdb: TestDatabase | undefined;
const env = () => (tdb ? { DATABASE_URL: tdb.url!, LOG_LEVEL: "silent" } : { DATA_DIR: dir, LOG_LEVEL: "silent" });

/** The database between runs (the embedded one allows one process at a time). */
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

async function runImport(file: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  const proc = runTs("scripts/import.ts", [file.includes("/") ? file : path.join(FIXTURES, file), ...args], env());
  const code = await proc.exited();
  return { code, out: proc.output() };
}

const counts = () => withDb(async (db) => ({ leads: await db.prisma.lead.count(), customers: await db.prisma.customer.count(), audits: await db.prisma.auditEntry.count() }));

beforeAll(async () => {
  if (onPostgres()) tdb = await createTestDatabase();
  await withDb(async (db) => {
    const p = db.prisma;
    const east = await p.team.create({ data: { name: "华东一组", regions: ["上海"] } });
    const south = await p.team.create({ data: { name: "华南一组", regions: ["广东"] } });
    const t0 = new Date("2026-01-01T00:00:00Z");
    const rep1 = await p.user.create({ data: { wecomUserId: "sh_rep1", name: "王芳", teamId: east.id, createdAt: t0 } });
    await p.user.create({ data: { wecomUserId: "sh_rep2", name: "李强", teamId: east.id, createdAt: new Date(t0.getTime() + 1000) } });
    await p.user.create({ data: { wecomUserId: "gz_rep", name: "陈杰", teamId: south.id } });
    await p.user.create({ data: { wecomUserId: "imp_admin", name: "赵磊", role: "admin" } });
    await p.lead.create({ data: { name: "张伟", phone: "13900000001", source: "展会", ownerId: rep1.id } });
    await p.customer.create({ data: { name: "华为技术有限公司", nameKey: "华为技术", initials: "hwjsyxgs", ownerId: rep1.id } });
  });
});
afterAll(killStragglers);
afterAll(async () => {
  await tdb?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run import", () => {
  it("a file with broken rows imports nothing and names every bad row, line and column", async () => {
    const before = await counts();
    const { code, out } = await runImport("leads-broken.csv");
    expect(code).toBe(1);
    expect(out).toContain("第 3 行「手机」：手机号「12345」格式不对，应为 11 位中国大陆手机号");
    expect(out).toContain("第 4 行「姓名」：缺少姓名");
    expect(out).toContain("第 5 行「来源」：来源只能是：官网表单、广告投放、展会、转介绍、公众号、电话咨询、其他");
    expect(out).toContain("第 6 行「手机」：手机、微信至少填一项");
    expect(out).toContain("第 7 行「负责人」：找不到负责人「nobody」，请写企业微信账号或姓名");
    expect(out).not.toContain("第 2 行");
    expect(out).toContain("合计：新建 1 条，重复跳过 0 条，错误 5 条。");
    expect(out).toContain("有错误，所以一条都没有导入。");
    expect(await counts()).toEqual(before);
  });

  it("a dry run reports what it would do and writes nothing", async () => {
    const before = await counts();
    const { code, out } = await runImport("leads-good.csv", "--dry-run");
    expect(code).toBe(0);
    expect(out).toContain("导入线索：leads-good.csv（UTF-8，6 行数据）");
    expect(out).toContain("忽略的列：编号");
    expect(out).toContain("负责人：王芳 1 条，李强 1 条，陈杰 1 条，暂无负责人 1 条");
    expect(out).toContain("合计：新建 4 条，重复跳过 2 条，错误 0 条。");
    expect(out).toContain("这是试运行（--dry-run），什么都没有写入。");
    expect(await counts()).toEqual(before);
  });

  it("a good file (Excel's BOM, CRLF, Chinese headers) is scored, assigned round-robin, deduplicated and audited", async () => {
    const { code, out } = await runImport("leads-good.csv");
    expect(code).toBe(0);
    expect(out).toContain("第 4 行：已存在 线索 #1 张伟，负责人 王芳（手机相同）");
    expect(out).toContain("第 5 行：与第 2 行重复（手机相同）");
    expect(out).toContain("已导入 4 条线索。");
    await withDb(async (db) => {
      const leads = await db.prisma.lead.findMany({ where: { code: { gt: 1 } }, include: { owner: true, scoreEntries: true }, orderBy: { code: "asc" } });
      expect(leads.map((l) => [l.name, l.phone, l.owner?.wecomUserId ?? null, l.score, l.grade])).toEqual([
        ["李雷", "13800138001", "sh_rep1", 50, "B"],
        ["韩梅梅", "13800138002", "sh_rep2", 60, "B"],
        ["周杰", null, "gz_rep", 30, "C"],
        ["吴昊", "13800138005", null, 30, "C"],
      ]);
      expect(leads[0]).toMatchObject({ company: "上海某某科技有限公司", productLine: "CRM", wechatId: "lilei_wx", note: "展会上留的名片", source: "展会" });
      expect(leads[1]!.note).toBe("要报价, 尽快");
      expect(leads[3]!.source).toBe("其他");
      expect(leads.every((l) => l.scoreEntries.length === 1 && l.scoreEntries[0]!.reason === `来源：${l.source}`)).toBe(true);
      const created = await db.prisma.auditEntry.findMany({ where: { action: "create", entity: "lead" } });
      expect(created).toHaveLength(4);
      expect(created.every((a) => a.actorId === null && (a.detail as { via: string }).via === "import")).toBe(true);
      const summary = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "import" } });
      expect(summary.detail).toMatchObject({ file: "leads-good.csv", created: 4, duplicates: 2 });
      const notices = await db.prisma.outboxMessage.findMany({ orderBy: { recipient: "asc" } });
      expect(notices.map((n) => [n.recipient, (n.body as { text: string }).text])).toEqual([
        ["gz_rep", "系统导入了 1 条线索给你，请在 24 小时内首次跟进。发送「我的线索」查看。"],
        ["sh_rep1", "系统导入了 1 条线索给你，请在 24 小时内首次跟进。发送「我的线索」查看。"],
        ["sh_rep2", "系统导入了 1 条线索给你，请在 24 小时内首次跟进。发送「我的线索」查看。"],
      ]);
      // The rotation continues where the import left it: sh_rep2 had the last turn.
      const reps = await db.prisma.user.findMany({ where: { wecomUserId: { in: ["sh_rep1", "sh_rep2"] } }, orderBy: { lastLeadAssignedAt: "asc" } });
      expect(reps.map((r) => r.wecomUserId)).toEqual(["sh_rep1", "sh_rep2"]);
    });
    const again = await runImport("leads-good.csv");
    expect(again.out).toContain("合计：新建 0 条，重复跳过 6 条，错误 0 条。");
  });

  it("--as: rows without an owner become theirs; owners outside their scope are refused", async () => {
    const refused = await runImport("leads-english.csv", "--as", "sh_rep2");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("第 3 行「Owner」：「gz_rep」不在 李强 的管辖范围内");
    const ok = await runImport("leads-english.csv", "--as", "imp_admin");
    expect(ok.code).toBe(0);
    await withDb(async (db) => {
      const leads = await db.prisma.lead.findMany({ where: { company: { startsWith: "Acme" } }, include: { owner: true }, orderBy: { code: "asc" } });
      expect(leads.map((l) => [l.name, l.owner?.wecomUserId])).toEqual([["Tom", "imp_admin"], ["Jerry", "gz_rep"]]);
      const admin = await db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "imp_admin" } });
      expect(await db.prisma.auditEntry.count({ where: { action: "create", entity: "lead", actorId: admin.id } })).toBe(2);
    });
    expect((await runImport("leads-english.csv", "--as", "nobody")).out).toContain("找不到用户「nobody」");
  });

  it("customers (recognised by their headers): contacts, levels, tags; no owner means the pool", async () => {
    const { code, out } = await runImport("customers.csv");
    expect(code).toBe(0);
    expect(out).toContain("导入客户：customers.csv");
    expect(out).toContain("第 2 行：已存在 客户 #1 华为技术有限公司，负责人 王芳（客户名称相同）");
    expect(out).toContain("负责人：王芳 1 条，进入公海 1 条");
    await withDb(async (db) => {
      const list = await db.prisma.customer.findMany({ where: { code: { gt: 1 } }, include: { contacts: true, owner: true }, orderBy: { code: "asc" } });
      expect(list.map((c) => [c.name, c.level, c.industry, c.tags, c.owner?.wecomUserId ?? null, c.pooledAt !== null])).toEqual([
        ["上海某某科技有限公司", "重点", "软件", ["SaaS", "复购"], "sh_rep1", false],
        ["杭州某某电子", "普通", "制造", [], null, true],
      ]);
      expect(list[0]!.initials).toBe("shmmkjyxgs");
      expect(list[0]!.contacts).toEqual([expect.objectContaining({ name: "李雷", phone: "13800138001", title: "CTO", email: "lilei@example.com" })]);
      expect(await db.prisma.auditEntry.count({ where: { action: "create", entity: "customer" } })).toBe(2);
    });
  });

  it("GBK files (older Excel) are read; a file without a name column or an unknown option is refused", async () => {
    const gbk = await runImport("leads-gbk.csv", "--dry-run");
    expect(gbk.code).toBe(0);
    expect(gbk.out).toContain("导入线索：leads-gbk.csv（GBK，1 行数据）");
    expect(gbk.out).toContain("合计：新建 1 条");
    const noName = await runImport("leads-no-name.csv");
    expect(noName.code).toBe(1);
    expect(noName.out).toContain("线索文件缺少「姓名」列。第一行表头是：手机、公司");
    const usage = await runImport("leads-gbk.csv", "--type", "orders");
    expect(usage.code).toBe(2);
    expect(usage.out).toContain("用法：npm run import -- <文件.csv>");
  });

  it.skipIf(onPostgres())("says clearly when the server holds the embedded database", async () => {
    writeFileSync(path.join(dir, "wecrm.lock"), String(process.pid));
    try {
      const { code, out } = await runImport("leads-gbk.csv");
      expect(code).toBe(1);
      expect(out).toContain("正被另一个进程使用（服务器在运行吗？）");
    } finally {
      rmSync(path.join(dir, "wecrm.lock"), { force: true });
    }
  });

  // Speed is the benchmark's business (10,000 rows took ~20 s here); this checks that a file
  // larger than one batch lands whole.
  it("a file of several batches imports whole", async () => {
    const big = path.join(dir, "big.csv");
    const rows = Array.from({ length: 1_200 }, (_, i) => `客户${i},13${String(i).padStart(9, "0")},公司${i},展会,上海`);
    writeFileSync(big, ["姓名,手机,公司,来源,地区", ...rows].join("\n"));
    const before = (await counts()).leads;
    const { code, out } = await runImport(big);
    expect(out).toContain("已导入 1200 条线索。");
    expect(code).toBe(0);
    expect((await counts()).leads).toBe(before + 1_200);
  }, 120_000);

  it("a likely duplicate company (another name for a customer we have) is skipped and listed", async () => {
    const customers = path.join(dir, "likely-customers.csv");
    writeFileSync(customers, ["客户名称,负责人", "上海华为技术服务有限公司,sh_rep2", "华为音乐,sh_rep2"].join("\n"));
    const c = await runImport(customers);
    expect(c.out).toContain("第 2 行：已存在 客户 #1 华为技术有限公司，负责人 王芳（疑似同一家公司）");
    expect(c.code).toBe(0);
    const leads = path.join(dir, "likely-leads.csv");
    writeFileSync(leads, ["姓名,手机,公司,负责人", "吴九,13700001111,华为（中国）,sh_rep2", "郑十,13700002222,华为,sh_rep1"].join("\n"));
    const l = await runImport(leads);
    expect(l.out).toContain("第 2 行：已存在 客户 #1 华为技术有限公司，负责人 王芳（疑似同一家公司）");
    expect(l.out).not.toContain("第 3 行");
    await withDb(async (db) => {
      expect(await db.prisma.customer.count({ where: { name: "华为音乐" } })).toBe(1);
      expect(await db.prisma.lead.findMany({ where: { phone: { in: ["13700001111", "13700002222"] } }, select: { name: true } })).toEqual([{ name: "郑十" }]);
    });
  });
});
