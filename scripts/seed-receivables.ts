// The 回款 part of `npm run seed`: the won deal gets a contract (effective, its amount) with a
// 3-instalment plan — the first paid in full, the second overdue and partly paid, the third to
// come — so 回款 #N, the daily check's overdue card and GET /api/v1/receivables have something
// to show at once. Kept apart from seed.ts; skipped when the deal already has a contract.
import type { User } from "../src/auth/users.ts";
import type { CrmSettings } from "../src/config/crm/crm-settings.ts";
import type { Tx } from "../src/db/tx.ts";
import { createContract } from "../src/crm/contracts/index.ts";
import { recordPayment } from "../src/crm/receivables/payments.ts";
import { setPlan } from "../src/crm/receivables/plans.ts";
import { localDateKey } from "../src/util/local-time.ts";

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Returns the contracts it made (0 or 1). */
export async function seedReceivables(tx: Tx, settings: CrmSettings, now: Date, timeZone: string): Promise<number> {
  const won = await tx.opportunity.findFirst({ where: { stage: "赢单", ownerId: { not: null } }, include: { owner: true }, orderBy: { code: "asc" } });
  if (!won?.owner || !won.amount) return 0;
  if (await tx.contract.findFirst({ where: { opportunityId: won.id } })) return 0;
  const today = localDateKey(now, timeZone);
  const owner: User = won.owner;
  const amountFen = Math.round(Number(won.amount) * 100);
  const contract = await createContract(
    tx,
    owner,
    { customerId: won.customerId, opportunityId: won.id, ownerId: owner.id, title: won.name, amountFen, signDate: addDays(today, -70), startDate: addDays(today, -60), endDate: addDays(today, 300), status: "effective" },
    settings,
    today,
    now,
  );
  const third = Math.floor(amountFen / 3);
  const plan = await setPlan(
    tx,
    owner.id,
    contract,
    [
      { dueDate: addDays(today, -45), amountFen: third },
      { dueDate: addDays(today, -10), amountFen: third },
      { dueDate: addDays(today, 40), amountFen: amountFen - 2 * third },
    ],
    now,
  );
  if (plan.kind !== "ok") throw new Error(`seed: the 回款 plan was refused (${plan.kind})`);
  const half = Math.floor(third / 2);
  for (const [fen, day] of [
    [third, addDays(today, -46)],
    [half, addDays(today, -8)],
  ] as const) {
    const r = await recordPayment(tx, owner, settings, contract, { amountFen: fen, receivedOn: day, method: "银行转账", preconfirmed: true }, now);
    if (r.kind !== "recorded") throw new Error(`seed: a 回款 record was refused (${r.kind})`);
  }
  return 1;
}
