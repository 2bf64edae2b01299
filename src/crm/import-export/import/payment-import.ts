// 回款 records from a CSV file (合同编号, 金额, 到账日期, 方式, 外部编号): historical payments,
// applied to each contract's oldest open instalments like a payment in chat, counted at once.
// A contract not found (or outside --as's scope), void, without a plan, or paid beyond what it
// owes after the file's earlier rows (in the order received) is a problem for that row, naming
// its own amount; a 外部编号 already imported is a duplicate — and so is `wecrm-<code>`, the id
// 导出 回款 gives a payment without one, when that payment is this contract's with this amount.
import { z } from "zod";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import { CONTRACT_INCLUDE, findContractInScope, type ContractFull } from "../../contracts/index.ts";
import { MONEY_ERROR_TEXT, isLocalDate, parseAmount } from "../../money/index.ts";
import { exportedPaymentCode, importHeadroom, importRowRefusal, recordImportedPayment, type ImportHeadroom } from "../../receivables/index.ts";
import type { ImportInput, ImportPlan, RowDuplicate } from "./import-types.ts";
import type { AppliedImport } from "./lead-import.ts";
import { FirstSeen, inFileDuplicate, validateRows } from "./rows.ts";

const amount = z.string().transform((s, ctx) => {
  const r = parseAmount(s);
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: MONEY_ERROR_TEXT[r.error] });
  return z.NEVER;
});

const day = z
  .string()
  .transform((s) => s.replace(/[/.]/g, "-").replace(/-(\d)(?=-|$)/g, "-0$1"))
  .refine(isLocalDate, "日期写 2026-12-01");

const paymentRow = z.object({
  contract: z.string().trim().min(1).max(40),
  amount,
  receivedOn: day,
  method: z.string().trim().max(32).optional(),
  externalId: z.string().trim().max(128).optional(),
});

export type PaymentRow = z.infer<typeof paymentRow> & { contractId: string };

const LABELS = { contract: "合同编号", amount: "金额", receivedOn: "到账日期", method: "方式", externalId: "外部编号" };

async function contractOf(tx: Tx, input: ImportInput, number: string): Promise<ContractFull | null> {
  if (input.as) return findContractInScope(tx, input.as, input.settings, number);
  return tx.contract.findFirst({ where: { number: { equals: number, mode: "insensitive" } }, include: CONTRACT_INCLUDE });
}

async function knownPayment(tx: Tx, externalId: string | undefined, contract: string, amountFen: number) {
  if (!externalId) return null;
  const include = { contract: { select: { number: true } } };
  const known = await tx.payment.findUnique({ where: { externalId }, include });
  if (known) return known;
  const code = exportedPaymentCode(externalId);
  const mine = code === null ? null : await tx.payment.findUnique({ where: { code }, include });
  return mine && mine.contract.number.toLowerCase() === contract.toLowerCase() && Number(mine.amountFen) === amountFen ? mine : null;
}

export async function planPayments(tx: Tx, input: ImportInput): Promise<ImportPlan<PaymentRow>> {
  const { valid, problems } = validateRows(input, paymentRow, LABELS);
  const duplicates: RowDuplicate[] = [];
  const seen = new FirstSeen<"external_id">();
  const contracts = new Map<string, ContractFull | null>();
  const candidates: Array<{ line: number; data: PaymentRow; contract: ContractFull }> = [];
  for (const r of valid) {
    const first = seen.claim([["external_id", r.data.externalId]], r.line);
    if (first) {
      duplicates.push(inFileDuplicate(r.line, first.line, "external_id"));
      continue;
    }
    const known = await knownPayment(tx, r.data.externalId, r.data.contract, r.data.amount);
    if (known) {
      duplicates.push({ line: r.line, of: { kind: "in_db", code: known.code, name: known.contract.number, owner: null }, matchedBy: "external_id" });
      continue;
    }
    const key = r.data.contract.toLowerCase();
    if (!contracts.has(key)) contracts.set(key, await contractOf(tx, input, r.data.contract));
    const c = contracts.get(key);
    if (!c) {
      problems.push({ line: r.line, column: LABELS.contract, message: `找不到合同 ${r.data.contract}` });
      continue;
    }
    candidates.push({ line: r.line, data: { ...r.data, contractId: c.id }, contract: c });
  }
  // In the order they will be written: each row is checked against what its contract still owes
  // after the earlier rows, and every row ends up created, a duplicate or an error, once.
  candidates.sort((a, b) => (a.data.receivedOn < b.data.receivedOn ? -1 : a.data.receivedOn > b.data.receivedOn ? 1 : a.line - b.line));
  const headroom = new Map<string, { h: ImportHeadroom; owed: number | null }>();
  const rows: ImportPlan<PaymentRow>["rows"] = [];
  for (const r of candidates) {
    if (!headroom.has(r.contract.id)) {
      const h = await importHeadroom(tx, input.settings, r.contract);
      headroom.set(r.contract.id, { h, owed: "problem" in h ? null : h.owedFen });
    }
    const left = headroom.get(r.contract.id)!;
    const why = "problem" in left.h ? { field: "contract" as const, message: left.h.problem } : importRowRefusal(left.h, r.data.amount, r.data.receivedOn, left.owed);
    if (why) {
      problems.push({ line: r.line, column: LABELS[why.field], message: why.message });
      continue;
    }
    if (left.owed !== null) left.owed -= r.data.amount;
    rows.push({ line: r.line, data: r.data, owner: null });
  }
  return { rows, duplicates, problems, ownerless: 0 };
}

/** Writes the planned payments in the order they were received. */
export async function applyPayments(tx: Tx, plan: ImportPlan<PaymentRow>, ctx: { now: Date; as: User | null; settings: ImportInput["settings"] }): Promise<AppliedImport<{ code: number }>> {
  const created: Array<{ code: number }> = [];
  for (const { line, data: d } of plan.rows) {
    const c = await tx.contract.findUniqueOrThrow({ where: { id: d.contractId }, include: CONTRACT_INCLUDE });
    const r = await recordImportedPayment(tx, ctx.as, ctx.settings, c, { amountFen: d.amount, receivedOn: d.receivedOn, method: d.method ?? null, externalId: d.externalId ?? null, note: null }, ctx.now);
    if (!r) throw new Error(`payment import: line ${line} refused after planning`);
    created.push(r);
  }
  return { created, raced: 0 };
}
