// 回款 in and out of CSV files, for the import-export domain: the rows of `导出 回款` (what the
// actor may see; the columns the payments import reads come first) and the checks and writes
// of a payments import (historical records: they count at once, no confirmation card).
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { contractScope, LIVE_CONTRACT_STATUSES, type ContractFull, type ContractStatus } from "../contracts/index.ts";
import { formatFenZh, formatYuan, type Fen } from "../money/index.ts";
import { zhReceivables } from "./messages.ts";
import { recordPayment, stillOwed, type NewPayment } from "./payments.ts";
import { plansOf } from "./plans.ts";
import { dayOf } from "./status.ts";

export const PAYMENT_EXPORT_HEADER = ["合同编号", "金额", "到账日期", "方式", "外部编号", "回款编号", "客户", "状态", "预收", "备注", "登记时间"];

/** The 外部编号 a payment is exported with: its own, or `wecrm-<code>` when it has none, so that
 * re-importing an export finds the payment instead of recording it twice. */
export const paymentExportId = (p: { code: number; externalId: string | null }): string => p.externalId ?? `wecrm-${p.code}`;

/** The payment code a `wecrm-<code>` 外部编号 stands for, or null. */
export const exportedPaymentCode = (externalId: string): number | null => {
  const m = /^wecrm-(\d{1,9})$/.exec(externalId);
  return m ? Number(m[1]) : null;
};

/** Every payment on a contract the actor sees, oldest first. */
export async function paymentExportRows(tx: Tx, actor: User, settings: CrmSettings, stamp: (d: Date) => string): Promise<Array<Array<string | number | null>>> {
  const rows = await tx.payment.findMany({
    where: { contract: contractScope(actor, settings) },
    orderBy: { code: "asc" },
    include: { contract: { select: { number: true, customer: { select: { name: true } } } } },
  });
  return rows.map((p) => [
    p.contract.number,
    formatYuan(Number(p.amountFen)),
    dayOf(p.receivedOn),
    p.method,
    paymentExportId(p),
    p.code,
    p.contract.customer.name,
    zhReceivables.paymentStatus[p.status] ?? p.status,
    formatYuan(Number(p.prepaidFen)),
    p.note,
    stamp(p.createdAt),
  ]);
}

/** What a file's payments on this contract may add up to: a refusal for the whole contract
 * (void, not live, no plan), or what it still owes (null: no limit, overpayment is 预收) and
 * its sign date, which no row's arrival day may precede. */
export type ImportHeadroom = { problem: string } | { owedFen: Fen | null; signedOn: string | null; number: string };

export async function importHeadroom(tx: Tx, settings: CrmSettings, c: ContractFull): Promise<ImportHeadroom> {
  if (c.status === "void") return { problem: zhReceivables.contractVoid(c.number) };
  if (!LIVE_CONTRACT_STATUSES.includes(c.status as ContractStatus)) return { problem: zhReceivables.contractNotLive(c.number, zhReceivables.contractStatus[c.status] ?? c.status) };
  const plans = await plansOf(tx, c.id);
  if (!plans.length) return { problem: zhReceivables.noPlanForPayment(c.number) };
  const owed = settings.receivables.overpayment === "prepay" ? null : Math.max(0, await stillOwed(tx, c, plans));
  return { owedFen: owed, signedOn: c.signDate ? dayOf(c.signDate) : null, number: c.number };
}

/** Why one row of a file cannot be imported, given what the contract owes after the file's earlier rows. */
export function importRowRefusal(h: Exclude<ImportHeadroom, { problem: string }>, amountFen: Fen, receivedOn: string, owedBeforeFen: Fen | null): { field: "receivedOn" | "amount"; message: string } | null {
  if (h.signedOn && receivedOn < h.signedOn) return { field: "receivedOn", message: zhReceivables.beforeSign(receivedOn, h.number, h.signedOn) };
  if (owedBeforeFen !== null && amountFen > owedBeforeFen)
    return { field: "amount", message: zhReceivables.importOverpaid(formatFenZh(amountFen), formatFenZh(owedBeforeFen), owedBeforeFen !== h.owedFen) };
  return null;
}

/** Writes one imported payment (checked before by importRefusal); returns its code. */
export async function recordImportedPayment(tx: Tx, actor: User | null, settings: CrmSettings, c: ContractFull, p: Omit<NewPayment, "preconfirmed">, now: Date): Promise<{ code: number } | null> {
  const r = await recordPayment(tx, actor, settings, c, { ...p, preconfirmed: true }, now);
  return r.kind === "recorded" ? { code: r.payment.code } : null;
}
