// 业绩, 排行 and targets now come from one SQL statement per report; these are the rules the
// former per-figure queries and JavaScript sums had, on the edge cases: a NULL or negative deal
// amount (counted, no money), a deal closed outside the period or at another stage, a payment
// not confirmed, an inactive person listed only with numbers or a target row (even one of NULL
// figures), NULL target figures (no target, not 0), a team's own month beating its members'
// sum (inactive members left out), and an admin's scope with fewer people than everyone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { leaderboard, targetProgress } from "../../src/crm/reports/performance.ts";
import { monthPeriod, quarterPeriod } from "../../src/crm/reports/period.ts";
import { reportScope, type ReportScope } from "../../src/crm/reports/report-scope.ts";
import { teamTarget, userTargets } from "../../src/crm/reports/targets.ts";
import type { User } from "../../src/auth/users.ts";
import type { Tx } from "../../src/db/tx.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const TZ = "Asia/Shanghai";
const settings = defaultCrmSettings();
const nov = monthPeriod(2026, 11, TZ);
const q4 = quarterPeriod(2026, 4, TZ);
const at = (iso: string) => new Date(iso);

let t: TestDatabase;
const u: Record<string, User> = {};
let teamId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  const p = t.db.prisma;
  teamId = (await p.team.create({ data: { name: "一组" } })).id;
  const mk = async (key: string, data: { name: string; role?: "rep" | "manager" | "admin"; active?: boolean; team?: boolean }, created: string) => {
    u[key] = await p.user.create({
      data: { wecomUserId: key, name: data.name, role: data.role ?? "rep", active: data.active ?? true, teamId: data.team ? teamId : null, createdAt: at(created) },
    });
  };
  await mk("admin", { name: "管理员", role: "admin" }, "2026-01-01T00:00:00Z");
  await mk("boss", { name: "陈经理", role: "manager", team: true }, "2026-01-02T00:00:00Z");
  await mk("wang", { name: "王芳", team: true }, "2026-01-03T00:00:00Z");
  await mk("li", { name: "李雷", team: true }, "2026-01-04T00:00:00Z");
  await mk("gone", { name: "离职", team: true, active: false }, "2026-01-05T00:00:00Z");
  await mk("ghost", { name: "幽灵", team: true, active: false }, "2026-01-06T00:00:00Z");
  await mk("zhao", { name: "赵六" }, "2026-01-07T00:00:00Z");

  let n = 0;
  const customer = async (owner: string, created = "2026-11-05T02:00:00Z") => {
    n++;
    return p.customer.create({ data: { name: `客户${n}`, nameKey: `k${n}`, initials: `k${n}`, ownerId: u[owner]!.id, createdAt: at(created) } });
  };
  const deal = async (owner: string, stage: string, amount: string | null, closed: string | null) => {
    const c = await customer(owner, "2026-06-01T00:00:00Z");
    await p.opportunity.create({ data: { customerId: c.id, name: "单", stage, amount, ownerId: u[owner]!.id, stageChangedAt: at("2026-06-01T00:00:00Z"), closedAt: closed ? at(closed) : null } });
  };
  await deal("wang", "赢单", "480000.00", "2026-11-03T02:00:00Z");
  await deal("wang", "赢单", "12345.67", "2026-10-31T16:00:00Z"); // 11-01 00:00 in Shanghai: November
  await deal("wang", "赢单", "999.00", "2026-10-31T15:59:59Z"); // still October
  await deal("li", "赢单", null, "2026-11-10T02:00:00Z"); // counted, no money
  await deal("li", "赢单", "-50.00", "2026-11-11T02:00:00Z"); // counted, no money
  await deal("li", "输单", "70000.00", "2026-11-12T02:00:00Z");
  await deal("gone", "赢单", "0.01", "2026-11-13T02:00:00Z");
  await deal("zhao", "赢单", "480000.00", "2026-11-14T02:00:00Z");
  const orphan = await customer("zhao", "2026-06-01T00:00:00Z"); // a deal nobody owns counts for nobody
  await p.opportunity.create({ data: { customerId: orphan.id, name: "无主", stage: "赢单", amount: "1.00", stageChangedAt: at("2026-06-01T00:00:00Z"), closedAt: at("2026-11-15T02:00:00Z") } });
  await customer("li");
  await customer("li");
  const wangCustomer = await customer("wang");
  const contract = await p.contract.create({ data: { customerId: wangCustomer.id, number: "HT-1", title: "合同", amountFen: 10_000_000n, ownerId: u["wang"]!.id, status: "effective" } });
  for (const [fen, day, status] of [
    [3_000_000n, "2026-11-01", "confirmed"],
    [100n, "2026-11-30", "confirmed"],
    [5_000n, "2026-12-01", "confirmed"],
    [7_000n, "2026-11-15", "pending_confirmation"],
  ] as const) {
    await p.payment.create({ data: { contractId: contract.id, amountFen: fen, receivedOn: at(`${day}T00:00:00Z`), status } });
  }
  for (const when of ["2026-11-02T01:00:00Z", "2026-11-20T01:00:00Z", "2026-12-02T01:00:00Z"]) {
    await p.followUp.create({ data: { authorId: u["li"]!.id, channel: "电话", content: "聊了", at: at(when), customerId: wangCustomer.id } });
  }
  const target = (owner: { userId?: string; teamId?: string }, month: string, wonFen: bigint | null, receiptsFen: bigint | null) =>
    p.salesTarget.create({ data: { ...owner, month, wonFen, receiptsFen } });
  await target({ userId: u["wang"]!.id }, "2026-11", 50_000_000n, null);
  await target({ userId: u["wang"]!.id }, "2026-10", 10_000_000n, 2_000_000n);
  await target({ userId: u["li"]!.id }, "2026-11", 1_000_000n, 4_000_000n);
  await target({ userId: u["li"]!.id }, "2026-12", 3_000_000n, null);
  await target({ userId: u["ghost"]!.id }, "2026-11", null, null); // a row, no figures
  await target({ userId: u["gone"]!.id }, "2026-12", 9_000_000n, 9_000_000n); // inactive: not in the team's sum
  await target({ teamId }, "2026-11", null, 6_000_000n); // own 回款 only; 成交 from the members
  await target({ teamId }, "2026-12", 80_000_000n, null);
});
afterAll(() => t.dispose());

const inTx = <T>(f: (tx: Tx) => Promise<T>): Promise<T> => t.db.prisma.$transaction(f);

describe("业绩 figures in one statement", () => {
  it("a manager's month: money exact to the fen, NULL and negative amounts counted without money, confirmed payments only", async () => {
    const p = await inTx(async (tx) => targetProgress(tx, await reportScope(tx, u["boss"]!), nov, { settings, teamId }));
    const rows = Object.fromEntries(p.rows.map((r) => [r.user.wecomUserId, { a: r.actuals, won: r.won.targetFen, rc: r.receipts.targetFen }]));
    expect(Object.keys(rows)).toEqual(["boss", "wang", "li", "gone", "ghost"]);
    expect(rows["wang"]).toEqual({ a: { wonFen: 49_234_567, wonCount: 2, receiptsFen: 3_000_100, newCustomers: 1, followUps: 0 }, won: 50_000_000, rc: null });
    expect(rows["li"]).toEqual({ a: { wonFen: 0, wonCount: 2, receiptsFen: 0, newCustomers: 2, followUps: 2 }, won: 1_000_000, rc: 4_000_000 });
    expect(rows["gone"]).toEqual({ a: { wonFen: 1, wonCount: 1, receiptsFen: 0, newCustomers: 0, followUps: 0 }, won: null, rc: null });
    expect(rows["ghost"]).toEqual({ a: { wonFen: 0, wonCount: 0, receiptsFen: 0, newCustomers: 0, followUps: 0 }, won: null, rc: null });
    expect(rows["boss"]!.won).toBeNull();
    // The team's November: 成交 is its active members' sum (50万 + 1万), 回款 its own 6万.
    expect(p.total.won).toEqual({ actualFen: 49_234_568, targetFen: 51_000_000, percent: 97 });
    expect(p.total.receipts).toEqual({ actualFen: 3_000_100, targetFen: 6_000_000, percent: 50 });
    expect(p.total.actuals).toEqual({ wonFen: 49_234_568, wonCount: 5, receiptsFen: 3_000_100, newCustomers: 3, followUps: 2 });
  });

  it("a quarter sums the months; the team's own month wins over its members' figures", async () => {
    const p = await inTx(async (tx) => targetProgress(tx, await reportScope(tx, u["boss"]!), q4, { settings, teamId }));
    const wang = p.rows.find((r) => r.user.wecomUserId === "wang")!;
    expect([wang.won.targetFen, wang.receipts.targetFen, wang.actuals.wonFen, wang.actuals.receiptsFen]).toEqual([60_000_000, 2_000_000, 49_334_467, 3_005_100]);
    // Oct: members 10万 / 2万; Nov: 51万 / own 6万; Dec: own 80万 / li's NULL → none.
    expect([p.total.won.targetFen, p.total.receipts.targetFen]).toEqual([141_000_000, 8_000_000]);
    expect(await inTx((tx) => teamTarget(tx, teamId, q4.months))).toEqual({ wonFen: 141_000_000, receiptsFen: 8_000_000 });
    const own = await inTx((tx) => userTargets(tx, [u["wang"]!.id, u["ghost"]!.id, u["zhao"]!.id], nov.months));
    expect(Object.fromEntries(own)).toEqual({ [u["wang"]!.id]: { wonFen: 50_000_000, receiptsFen: null }, [u["ghost"]!.id]: { wonFen: null, receiptsFen: null } });
  });

  it("an admin ranks everyone; a scope of everyone that lists fewer people ranks only them", async () => {
    const names = (rows: Array<{ rank: number; user: User; value: number }>) => rows.map((r) => `${r.rank} ${r.user.name} ${r.value}`);
    const all = await inTx(async (tx) => leaderboard(tx, await reportScope(tx, u["admin"]!), nov, "won", settings));
    expect(names(all)).toEqual(["1 王芳 49234567", "2 赵六 48000000", "3 离职 1", "4 陈经理 0", "4 管理员 0", "4 李雷 0"]);
    const follow = await inTx(async (tx) => leaderboard(tx, await reportScope(tx, u["admin"]!), nov, "followups", settings));
    expect(names(follow)).toEqual(["1 李雷 2", "2 陈经理 0", "2 管理员 0", "2 王芳 0", "2 赵六 0"]);
    const active = Object.values(u).filter((x) => x.active && x.wecomUserId !== "zhao");
    const fewer: ReportScope = { users: active, ids: active.map((x) => x.id), kind: "all" };
    expect(names(await inTx((tx) => leaderboard(tx, fewer, nov, "won", settings)))).toEqual(["1 王芳 49234567", "2 陈经理 0", "2 管理员 0", "2 李雷 0"]);
    const rc = await inTx(async (tx) => leaderboard(tx, await reportScope(tx, u["admin"]!), nov, "receipts", settings));
    expect(names(rc)[0]).toBe("1 王芳 3000100");
    const company = await inTx(async (tx) => targetProgress(tx, await reportScope(tx, u["admin"]!), nov, { settings }));
    expect([company.total.won, company.teamId]).toEqual([{ actualFen: 97_234_568, targetFen: 51_000_000, percent: 191 }, null]);
  });
});
