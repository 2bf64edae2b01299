// The database keeps one live contract per quote version even when two 转合同 race past the
// command's own check; a void contract frees the version again.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.dispose());

it("a second live contract on the same quote version is refused by the index; after 作废 it is allowed", async () => {
  const p = tdb.db.prisma;
  const customer = await p.customer.create({ data: { name: "华为", nameKey: "华为", initials: "hw" } });
  const opp = await p.opportunity.create({ data: { customerId: customer.id, name: "CRM", stage: "合同签署", stageChangedAt: new Date() } });
  const quote = await p.quote.create({ data: { opportunityId: opp.id, status: "accepted" } });
  const contract = (number: string) =>
    p.contract.create({ data: { number, customerId: customer.id, opportunityId: opp.id, quoteId: quote.id, quoteVersion: 1, title: "CRM", amountFen: 100n, status: "effective" } });
  const first = await contract("HT-T-1");
  await expect(contract("HT-T-2")).rejects.toThrow();
  await p.contract.update({ where: { id: first.id }, data: { status: "void" } });
  await expect(contract("HT-T-3")).resolves.toMatchObject({ number: "HT-T-3" });
  // another version of the same quote is another contract
  await expect(p.contract.create({ data: { number: "HT-T-4", customerId: customer.id, quoteId: quote.id, quoteVersion: 2, title: "CRM", amountFen: 100n, status: "effective" } })).resolves.toBeTruthy();
});
