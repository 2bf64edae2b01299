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
    p.externalId,
    p.code,
    p.contract.customer.name,
    zhReceivables.paymentStatus[p.status] ?? p.status,
    formatYuan(Number(p.prepaidFen)),
    p.note,
    stamp(p.createdAt),
  ]);
}

/** Why a file's payments on this contract cannot be imported (`total` all of them), or null. */
export async function importRefusal(tx: Tx, settings: CrmSettings, c: ContractFull, totalFen: Fen): Promise<string | null> {
  if (c.status === "void") return zhReceivables.contractVoid(c.number);
  if (!LIVE_CONTRACT_STATUSES.includes(c.status as ContractStatus)) return zhReceivables.contractNotLive(c.number, zhReceivables.contractStatus[c.status] ?? c.status);
  const plans = await plansOf(tx, c.id);
  if (!plans.length) return zhReceivables.noPlanForPayment(c.number);
  const owed = await stillOwed(tx, c, plans);
  if (totalFen > owed && settings.receivables.overpayment !== "prepay") return zhReceivables.overpaid(formatFenZh(Math.max(0, owed)), formatFenZh(totalFen));
  return null;
}

/** Writes one imported payment (checked before by importRefusal); returns its code. */
export async function recordImportedPayment(tx: Tx, actor: User | null, settings: CrmSettings, c: ContractFull, p: Omit<NewPayment, "preconfirmed">, now: Date): Promise<{ code: number } | null> {
  const r = await recordPayment(tx, actor, settings, c, { ...p, preconfirmed: true }, now);
  return r.kind === "recorded" ? { code: r.payment.code } : null;
}
