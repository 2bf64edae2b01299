// Shared set-up for the receivables tests: a customer through chat (线索 → 转化) and contracts
// created directly (the contracts domain's createContract, status effective) — never via a
// 合同 chat command.
import { createContract } from "../../src/crm/contracts/index.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { sentTexts, type Harness } from "../support/harness.ts";

export async function say(h: Harness, who: string, text: string): Promise<string[]> {
  h.clock.advance(60_000);
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).slice(before);
}

/** A customer owned by `who`, made in chat; returns its id. */
export async function customerOf(h: Harness, who: string, name: string, phone: string): Promise<string> {
  await say(h, who, `新建线索 张${phone.slice(-2)} ${phone} ${name} 展会`);
  await say(h, who, `转化 张${phone.slice(-2)}`);
  return (await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name }, orderBy: { code: "desc" } })).id;
}

export async function contractFor(
  h: Harness,
  who: string,
  customerId: string,
  amountFen: number,
  o: { status?: "effective" | "executing" | "void" | "pending_approval"; signDate?: string; number?: string } = {},
) {
  const prisma = h.tdb.db.prisma;
  const owner = await prisma.user.findUniqueOrThrow({ where: { wecomUserId: who } });
  return prisma.$transaction((tx) =>
    createContract(
      tx,
      owner,
      { customerId, opportunityId: null, ownerId: owner.id, title: "合同", amountFen, signDate: o.signDate ?? "2026-11-20", status: o.status ?? "effective", ...(o.number ? { number: o.number } : {}) },
      loadCrmSettings(undefined),
      "2026-11-23",
      h.clock.now(),
    ),
  );
}

export const plansOf = (h: Harness, contractId: string) =>
  h.tdb.db.prisma.paymentPlan.findMany({ where: { contractId }, orderBy: { position: "asc" } });
export const day = (d: Date) => d.toISOString().slice(0, 10);
