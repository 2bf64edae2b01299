// `npm run seed` as a child process, twice, on a fresh embedded DATA_DIR (or a fresh
// PostgreSQL database): the first run creates a realistic team's data through the CRM
// services, the second adds nothing and says so; then a seeded rep uses it in the console.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { killStragglers, runTs } from "../support/process.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

const dir = mkdtempSync(path.join(tmpdir(), "wecrm-seed-"));
let tdb: TestDatabase | undefined;
const env = () => (tdb ? { DATABASE_URL: tdb.url!, DATA_DIR: dir, LOG_LEVEL: "silent" } : { DATA_DIR: dir, LOG_LEVEL: "silent" });

beforeAll(async () => {
  if (onPostgres()) tdb = await createTestDatabase();
});
afterAll(killStragglers);
afterAll(async () => {
  await tdb?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (tdb) return fn(tdb.db);
  const db = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function seed(): Promise<string> {
  const proc = runTs("scripts/seed.ts", [], env());
  expect(await proc.exited(), proc.output()).toBe(0);
  return proc.output();
}

const tally = () =>
  withDb(async (db) => {
    const p = db.prisma;
    return [await p.team.count(), await p.user.count(), await p.lead.count(), await p.customer.count(), await p.contact.count(), await p.opportunity.count(), await p.followUp.count(), await p.auditEntry.count(), await p.payment.count(), await p.quote.count()];
  });

it("creates a team's realistic data once; a second run adds nothing and says so", async () => {
  const first = await seed();
  expect(first).toContain("已创建：2 个团队，9 位同事，16 条线索，10 个客户（3 个在公海），16 位联系人，7 个商机，16 条跟进，4 个产品，2 份报价（1 份已发送），1 份合同（含回款计划和回款）。");
  expect(first).toContain("npm run chat -- --user wangfang（王芳，销售）");
  const after = await tally();

  await withDb(async (db) => {
    const p = db.prisma;
    const teams = await p.team.findMany({ include: { members: true }, orderBy: { name: "asc" } });
    expect(teams.map((t) => [t.name, t.members.length])).toEqual([["华东一组", 4], ["华南一组", 3]]);
    const rep = await p.user.findUniqueOrThrow({ where: { wecomUserId: "wangfang" }, include: { manager: true, team: true } });
    expect([rep.name, rep.role, rep.manager?.name, rep.team?.name]).toEqual(["王芳", "rep", "周静", "华东一组"]);
    expect((await p.user.findUniqueOrThrow({ where: { wecomUserId: "zhaolei" } })).role).toBe("admin");
    const manager = await p.user.findUniqueOrThrow({ where: { wecomUserId: "zhoujing" }, include: { manager: true } });
    expect([manager.role, manager.manager?.name]).toEqual(["manager", "孙丽"]);
    // two quotes from the catalogue on open deals: V1 sent (9折 on 标准版), the other a draft
    const quotes = await p.quote.findMany({ include: { lines: true, versions: true, opportunity: true }, orderBy: { code: "asc" } });
    expect(quotes.map((q) => [q.status, q.lines.length, q.versions.length, q.opportunity.closedAt])).toEqual([
      ["sent", 2, 1, null],
      ["draft", 2, 0, null],
    ]);
    // 12000 × 10 × 0.9 + 2000 × 5 = 118000.00
    expect(Number(quotes[0]!.totalFen)).toBe(11_800_000);

    const leads = await p.lead.findMany({ include: { scoreEntries: true } });
    expect(new Set(leads.map((l) => l.source)).size).toBe(7);
    expect(leads.every((l) => /^1[3-9]\d{9}$/.test(l.phone ?? "") && l.scoreEntries.length > 0)).toBe(true);
    const liu = leads.find((l) => l.name === "刘思远")!;
    expect([liu.score, liu.grade, liu.status]).toEqual([80, "A", "converted"]);
    const yang = leads.find((l) => l.name === "杨晓燕")!;
    expect(yang.score).toBe(60 + 20 + 10);

    const opps = await p.opportunity.findMany({ include: { stageChanges: true } });
    expect(new Set(opps.map((o) => o.stage))).toEqual(new Set(["报价谈判", "赢单", "方案演示", "输单", "合同签署", "需求确认", "初步沟通"]));
    const won = opps.find((o) => o.stage === "赢单")!;
    expect([won.amount?.toFixed(0), won.closedAt !== null, won.stageChanges.length]).toEqual(["380000", true, 6]);
    expect(opps.find((o) => o.stage === "输单")!.lostReason).toBe("预算冻结，明年再议");

    const contacts = await p.contact.findMany();
    expect(contacts.filter((c) => c.birthday).length).toBeGreaterThanOrEqual(5);
    expect(contacts.filter((c) => (c.customFields as { decisionRole?: string }).decisionRole === "决策者").length).toBeGreaterThanOrEqual(4);
    const pool = await p.customer.findMany({ where: { pooledAt: { not: null } }, include: { poolEvents: true } });
    expect(pool.map((c) => [c.ownerId, c.poolEvents[0]?.kind])).toEqual([[null, "returned"], [null, "returned"], [null, "returned"]]);
    expect(await p.reminder.count({ where: { status: "pending" } })).toBe(6);
    const products = await p.product.findMany({ orderBy: { code: "asc" } });
    expect(products.map((x) => [x.name, x.sku, x.unit, x.listPriceFen, x.taxRatePpm])).toEqual([
      ["CRM标准版", "CRM-STD", "套", 1_200_000n, 130_000],
      ["CRM专业版", "CRM-PRO", "套", 3_600_000n, 130_000],
      ["实施服务", "SVC-IMPL", "人天", 200_000n, 60_000],
      ["年度维保", "SVC-CARE", "年", 1_800_000n, 60_000],
    ]);
    expect(await p.auditEntry.count({ where: { entity: "product", action: "create", actor: { wecomUserId: "zhaolei" } } })).toBe(4);
    // 回款: the won deal's contract — instalment 1 paid, 2 overdue and partly paid, 3 to come
    const contract = await p.contract.findFirstOrThrow({ where: { opportunityId: won.id }, include: { plans: { orderBy: { position: "asc" } }, payments: true } });
    expect([contract.status, Number(contract.amountFen), contract.payments.length]).toEqual(["executing", 38_000_000, 2]);
    expect(contract.plans.map((x) => [Number(x.amountFen), Number(x.paidFen)])).toEqual([
      [12_666_666, 12_666_666],
      [12_666_666, 6_333_333],
      [12_666_668, 0],
    ]);
    const byRep = await p.auditEntry.count({ where: { action: "create", entity: "lead", actor: { wecomUserId: "wangfang" } } });
    expect(byRep).toBe(3);
  });

  const second = await seed();
  expect(second).toContain("演示数据已经在了，这次没有新增任何记录。");
  expect(await tally()).toEqual(after);
});

it("a seeded rep can use it in the console right away", async () => {
  const proc = runTs("src/channels/console/chat-cli.ts", ["--user", "wangfang"], env());
  proc.child.stdin.write("我的商机\n跟进记录 嘉禾\n申请折扣 #1 85折 客户预算有限\n产品\nexit\n");
  expect(await proc.exited()).toBe(0);
  const out = proc.output();
  expect(out).toContain("#1 上海嘉禾信息科技有限公司 · CRM｜报价谈判｜56万");
  expect(out).toContain("上海嘉禾信息科技有限公司 的跟进记录（共 3 条）");
  // No approver groups configured: the discount goes to her manager (README "Approvals").
  expect(out).toContain("已提交折扣审批（审批 #1），等待 周静 审批");
  expect(out).toContain("#1 CRM标准版（CRM-STD）｜1.2万/套｜税率 13%");
});
