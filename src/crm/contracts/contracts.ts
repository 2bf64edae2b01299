// Contracts (合同): the service core other domains build on — numbering, creation, lookup
// within scope. Amounts are integer fen; dates are calendar days (DATE, read as UTC midnight).
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import type { Contract, Prisma } from "../../generated/prisma/client.ts";
import { nextContractNumber } from "./contract-number.ts";

export type { Contract };

export const CONTRACT_STATUSES = ["pending_approval", "rejected", "effective", "executing", "completed", "void"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_INCLUDE = {
  customer: { select: { id: true, code: true, name: true } },
  owner: true,
  opportunity: { select: { id: true, code: true, name: true, stage: true, closedAt: true, ownerId: true } },
  renewalOpportunity: { select: { code: true, closedAt: true } },
} as const satisfies Prisma.ContractInclude;
export type ContractFull = Prisma.ContractGetPayload<{ include: typeof CONTRACT_INCLUDE }>;

/** Whose money records an actor sees: the finance group (approvals.groups.finance) sees
 * every contract, everyone else the contracts of owners within their scope. */
export function seesAllMoney(actor: User, settings: CrmSettings): boolean {
  return actor.role === "admin" || (settings.approvals.groups["finance"] ?? []).includes(actor.wecomUserId);
}

export function contractScope(actor: User, settings: CrmSettings): Prisma.ContractWhereInput {
  return seesAllMoney(actor, settings) ? {} : ownedWithin(actor);
}

const CODE_REF = /^(?:合同\s*)?#\s*(\d{1,9})$/;

/** A contract by `#3`, `合同#3` or its number (HT-2026-0001, any case), within scope. */
export async function findContractInScope(tx: Tx, actor: User, settings: CrmSettings, ref: string): Promise<ContractFull | null> {
  const r = ref.trim();
  const code = CODE_REF.exec(r)?.[1];
  const where: Prisma.ContractWhereInput = code ? { code: Number(code) } : { number: { equals: r, mode: "insensitive" } };
  return tx.contract.findFirst({ where: { AND: [where, contractScope(actor, settings)] }, include: CONTRACT_INCLUDE });
}

export interface NewContract {
  customerId: string;
  opportunityId: string | null;
  quoteId?: string | null;
  quoteVersion?: number | null;
  ownerId: string | null;
  title: string;
  amountFen: number;
  lines?: Prisma.InputJsonValue;
  /** YYYY-MM-DD */
  signDate: string | null;
  startDate?: string | null;
  endDate?: string | null;
  paymentTerms?: string | null;
  legalChanged?: boolean;
  status: ContractStatus;
  /** An imported contract keeps its own number. */
  number?: string;
}

const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** Creates a contract numbered by the configured pattern (the sign year, else `today`'s). */
export async function createContract(tx: Tx, actor: User | null, c: NewContract, settings: CrmSettings, today: string, now: Date): Promise<ContractFull> {
  const year = Number((c.signDate ?? today).slice(0, 4));
  const number = c.number ?? (await nextContractNumber(tx, settings.contracts.numberPattern, year));
  const created = await tx.contract.create({
    data: {
      number,
      customerId: c.customerId,
      opportunityId: c.opportunityId,
      quoteId: c.quoteId ?? null,
      quoteVersion: c.quoteVersion ?? null,
      ownerId: c.ownerId,
      title: c.title,
      amountFen: BigInt(c.amountFen),
      lines: c.lines ?? [],
      signDate: day(c.signDate),
      startDate: day(c.startDate),
      endDate: day(c.endDate),
      paymentTerms: c.paymentTerms ?? null,
      legalChanged: c.legalChanged ?? false,
      status: c.status,
      ...(c.status === "effective" || c.status === "executing" ? { effectiveAt: now } : {}),
      createdAt: now,
      updatedAt: now,
    },
    include: CONTRACT_INCLUDE,
  });
  await audit(tx, {
    actorId: actor?.id ?? null,
    action: "create",
    entity: "contract",
    entityId: created.id,
    detail: { after: { number, amount: c.amountFen, status: c.status, quoteId: c.quoteId ?? null } },
    at: now,
  });
  return created;
}

/** A confirmed payment on an effective contract puts it 执行中 (receivables calls this). */
export async function noteContractPaid(tx: Tx, contractId: string, now: Date): Promise<void> {
  await tx.contract.updateMany({ where: { id: contractId, status: "effective" }, data: { status: "executing", updatedAt: now } });
}

/** Contracts whose money counts: approved and not void (their instalments are owed). */
export const LIVE_CONTRACT_STATUSES: ContractStatus[] = ["effective", "executing", "completed"];
