// The single statement behind customer health gives exactly the facts the former per-table
// queries gave (health-facts-reference.ts), on the edges: local midnight in two zones,
// instalments due today / overpaid / on void and unapproved contracts, ticket statuses and
// priorities, survey ties, deletions audited before or after the identity ended, names
// repeated, order dates at the window bounds, won deals with live or void contracts; other
// owners' and pooled customers are left out, and the one-customer path agrees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { healthRows } from "../../src/crm/reports/health-facts.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";
import { referenceHealthFacts } from "./health-facts-reference.ts";

let t: TestDatabase;
const settings = defaultCrmSettings();
const NOW = new Date("2026-11-20T02:00:00Z");
const at = (iso: string) => new Date(iso);
const ids: Record<string, string> = {};
let owners: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const p = t.db.prisma;
  const user = async (wecomUserId: string) => (await p.user.create({ data: { wecomUserId, name: wecomUserId } })).id;
  owners = [await user("hf_a"), await user("hf_b")];
  const outsider = await user("hf_out");
  const customer = async (key: string, ownerId: string | null, createdAt: string, lastFollowUpAt: string | null) => {
    ids[key] = (await p.customer.create({ data: { name: key, nameKey: key, initials: "k", ownerId, createdAt: at(createdAt), lastFollowUpAt: lastFollowUpAt ? at(lastFollowUpAt) : null } })).id;
    return ids[key]!;
  };
  const c1 = await customer("late-evening", owners[0]!, "2026-01-01T02:00:00Z", "2026-11-19T15:59:59Z");
  await customer("local-midnight", owners[0]!, "2026-11-19T16:00:00Z", null);
  const c3 = await customer("orders", owners[1]!, "2025-01-01T02:00:00Z", "2026-11-01T05:00:00Z");
  const out = await customer("outsider", outsider, "2025-01-01T02:00:00Z", null);
  const pooled = await customer("pooled", null, "2025-01-01T02:00:00Z", null);

  let n = 0;
  const contract = async (customerId: string, status: string, amountFen: number, dates: { sign?: string; effective?: string; created?: string }, opportunityId: string | null = null) =>
    (
      await p.contract.create({
        data: {
          number: `HF-${++n}`, customerId, opportunityId, title: "合同", amountFen: BigInt(amountFen), status,
          signDate: dates.sign ? at(`${dates.sign}T00:00:00Z`) : null, effectiveAt: dates.effective ? at(dates.effective) : null, ...(dates.created ? { createdAt: at(dates.created) } : {}),
        },
      })
    ).id;
  const plans = (contractId: string, rows: Array<[due: string, amount: number, paid: number]>) =>
    p.paymentPlan.createMany({ data: rows.map(([due, amount, paid], i) => ({ contractId, position: i + 1, dueDate: at(`${due}T00:00:00Z`), amountFen: BigInt(amount), paidFen: BigInt(paid) })) });
  await plans(await contract(c1, "effective", 100_000, { sign: "2026-03-01" }), [["2026-11-19", 50_000, 0], ["2026-11-20", 30_000, 10_000], ["2026-10-01", 20_000, 20_000]]);
  await plans(await contract(c1, "void", 70_000, { sign: "2026-02-01" }), [["2026-01-01", 70_000, 0]]);
  await plans(await contract(c1, "pending_approval", 60_000, { sign: "2026-02-01" }), [["2026-01-01", 60_000, 0]]);
  await plans(await contract(c1, "executing", 40_000, { effective: "2025-06-01T00:00:00Z" }), [["2026-05-01", 40_000, 45_000]]);
  await plans(await contract(c1, "completed", 10_000, { created: "2024-12-01T00:00:00Z" }), [["2025-01-01", 10_000, 5_000]]);
  await plans(await contract(out, "effective", 10_000, { sign: "2026-01-01" }), [["2026-02-01", 10_000, 0]]);
  await plans(await contract(pooled, "effective", 10_000, { sign: "2026-01-01" }), [["2026-02-01", 10_000, 0]]);

  // Orders of "orders": the window bounds (12 months back: 2025-11-20T02:00Z, 24: 2024-11-20T02:00Z).
  await contract(c3, "effective", 300_000, { sign: "2025-11-20" }); // 00:00Z, before the recent window opens
  await contract(c3, "executing", 50_000, { sign: "2025-11-21" });
  await contract(c3, "completed", 7_000, { sign: "2024-11-19" }); // before both windows
  const opp = async (stage: string, amount: string | null, closedAt: string | null) =>
    (await p.opportunity.create({ data: { customerId: c3, name: `商机${++n}`, stage, amount, ownerId: owners[1]!, stageChangedAt: at("2024-01-01T00:00:00Z"), closedAt: closedAt ? at(closedAt) : null } })).id;
  await opp("赢单", "1234.56", "2025-11-20T02:00:00Z"); // exactly the recent window's start
  await opp("赢单", "1000.00", "2024-11-20T02:00:00Z"); // exactly the previous window's start
  await opp("赢单", "999.99", "2024-11-20T01:59:59.999Z"); // just before it
  await opp("赢单", "500.00", "2026-11-20T02:00:00Z"); // now: not yet
  await opp("赢单", null, "2026-01-01T00:00:00Z");
  await opp("输单", "800.00", "2026-01-01T00:00:00Z");
  await opp("报价谈判", "800.00", null);
  await contract(c3, "effective", 880_000, { sign: "2026-02-01" }, await opp("赢单", "8800.00", "2026-02-01T00:00:00Z")); // counted once, as the contract
  await contract(c3, "void", 660_000, { sign: "2026-03-01" }, await opp("赢单", "6600.00", "2026-03-01T00:00:00Z")); // a void contract: the deal counts

  let code = 0;
  const ticket = (customerId: string, priority: string, status: string, survey?: { score: number; at: string | null }) =>
    p.ticket.create({
      data: {
        customerId, title: `工单${++code}`, type: "报修", priority, status, source: "rep", dueAt: at("2026-12-01T00:00:00Z"),
        ...(survey ? { surveyScore: survey.score, surveyAt: survey.at ? at(survey.at) : null } : {}),
      },
    });
  for (const [priority, status] of [["P1", "new"], ["P3", "new"], ["P2", "in_progress"], ["P1", "waiting_customer"], ["P1", "resolved"], ["P2", "closed"]] as const) await ticket(c1, priority, status);
  await ticket(c1, "P3", "closed", { score: 5, at: "2026-10-01T00:00:00Z" });
  await ticket(c1, "P3", "closed", { score: 4, at: "2026-11-01T00:00:00Z" });
  await ticket(c1, "P3", "closed", { score: 2, at: "2026-11-01T00:00:00Z" }); // a tie: the higher code is the latest
  await ticket(c1, "P3", "closed", { score: 1, at: null }); // never answered
  await ticket(out, "P1", "new", { score: 1, at: "2026-11-01T00:00:00Z" });

  let ext = 0;
  const ended = async (name: string, o: { channel?: string; subscribed?: boolean; endedAt: string; auditAt: string | null }) => {
    const contact = await p.contact.create({ data: { customerId: c3, name, initials: "x" } });
    await p.channelIdentity.create({ data: { channel: o.channel ?? "wecom_external", externalId: `wm_${++ext}`, contactId: contact.id, subscribed: o.subscribed ?? false, unsubscribedAt: at(o.endedAt) } });
    if (o.auditAt) await p.auditEntry.create({ data: { action: "customer_deleted_rep", entity: "contact", entityId: contact.id, at: at(o.auditAt) } });
  };
  await ended("李四", { endedAt: "2026-11-02T00:00:00Z", auditAt: "2026-11-02T00:00:00Z" });
  await ended("王五", { endedAt: "2026-11-03T00:00:00Z", auditAt: "2026-11-02T23:59:59Z" }); // an older deletion, since added back and ended by the rep
  await ended("李四", { endedAt: "2026-11-04T00:00:00Z", auditAt: "2026-11-04T00:00:01Z" }); // another 李四: named once
  await ended("赵六", { channel: "mp", endedAt: "2026-11-05T00:00:00Z", auditAt: "2026-11-05T00:00:00Z" });
  await ended("钱七", { subscribed: true, endedAt: "2026-11-06T00:00:00Z", auditAt: "2026-11-06T00:00:00Z" }); // added back
  await ended("孙八", { endedAt: "2026-11-07T00:00:00Z", auditAt: "2026-11-08T00:00:00Z" });
  await ended("周九", { endedAt: "2026-11-09T00:00:00Z", auditAt: null }); // the rep ended it
}, 120_000);
afterAll(() => t.dispose());

async function both(now: Date, timeZone: string) {
  return t.db.prisma.$transaction(async (tx) => {
    const rows = await healthRows(tx, { ownerIds: owners }, settings, now, timeZone);
    const customers = await tx.customer.findMany({ where: { ownerId: { in: owners } }, select: { id: true, createdAt: true, lastFollowUpAt: true }, orderBy: { code: "asc" } });
    const reference = await referenceHealthFacts(tx, customers, settings, now, timeZone);
    const single = [];
    for (const c of customers) single.push(...(await healthRows(tx, { customerId: c.id }, settings, now, timeZone)));
    return { rows, single, reference: customers.map((c) => ({ id: c.id, facts: reference.get(c.id)! })) };
  });
}

describe("healthRows", () => {
  for (const [now, zone] of [
    [NOW, "Asia/Shanghai"],
    [at("2026-11-19T16:30:00Z"), "Asia/Shanghai"], // 00:30 on the 20th there, still the 19th in UTC
    [at("2026-11-01T05:30:00Z"), "America/New_York"], // the hour after the clocks went back
    [at("2026-03-08T06:30:00Z"), "America/New_York"], // the morning the clocks went forward
  ] as const) {
    it(`gives the reference's facts for the owners' customers only (${now.toISOString()} in ${zone}), the one-customer path too`, async () => {
      const { rows, single, reference } = await both(now, zone);
      expect(rows.map((r) => ({ id: r.customer.id, facts: r.facts }))).toEqual(reference);
      expect(single).toEqual(rows);
      expect(rows.map((r) => r.customer.name)).toEqual(["late-evening", "local-midnight", "orders"]);
    });
  }

  it("reads the edges as intended (not only as the reference did)", async () => {
    const { rows } = await both(NOW, "Asia/Shanghai");
    const [evening, midnight, orders] = rows.map((r) => r.facts);
    expect(evening).toMatchObject({
      idleDays: 1,
      neverFollowedUp: false,
      overdue: { count: 2, owedFen: 55_000 },
      urgentTickets: [{ code: 1, priority: "P1" }, { code: 3, priority: "P2" }, { code: 4, priority: "P1" }],
      lastSurvey: { score: 2, code: 9 },
    });
    expect(midnight).toMatchObject({ idleDays: 0, neverFollowedUp: true, overdue: { count: 0, owedFen: 0 }, urgentTickets: [], lastSurvey: null });
    expect(orders!.deletedBy).toEqual(["李四", "孙八"]);
    expect(orders!.orders).toEqual({ recentFen: 50_000 + 123_456 + 0 + 880_000 + 660_000, previousFen: 300_000 + 100_000 });
    expect(rows[0]!.owner).toEqual({ id: owners[0], name: "hf_a", wecomUserId: "hf_a" });
  });

  it("no owners: no customers, no query", async () => {
    expect(await t.db.prisma.$transaction((tx) => healthRows(tx, { ownerIds: [] }, settings, NOW, "Asia/Shanghai"))).toEqual([]);
  });
});
