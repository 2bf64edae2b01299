// 导出 发票: every invoice the actor may see as rows for the CSV exporter (import-export owns
// the file, its name and its audit entry). Amounts in yuan with two decimals, local times.
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { localDateKey } from "../../util/local-time.ts";
import { formatYuan } from "../money/index.ts";
import { statusName, typeName } from "./invoice-render.ts";
import { INVOICE_INCLUDE, invoiceScope } from "./invoices.ts";

const HEADER = ["编号", "合同号", "客户", "抬头", "税号", "类型", "金额", "状态", "发票号码", "开票日期", "申请日期"];

export async function invoiceExportTable(tx: Tx, actor: User, settings: CrmSettings, timeZone: string): Promise<{ header: string[]; rows: Array<Array<string | number | null>> }> {
  const rows = await tx.invoice.findMany({ where: invoiceScope(actor, settings), orderBy: { code: "asc" }, include: INVOICE_INCLUDE });
  const day = (d: Date | null) => (d ? localDateKey(d, timeZone) : null);
  return {
    header: HEADER,
    rows: rows.map((i) => [
      i.code, i.contract.number, i.contract.customer.name, i.title, i.taxId, typeName(i.type), formatYuan(Number(i.amountFen)),
      statusName(i.status), i.invoiceNumber, day(i.issuedAt), day(i.createdAt),
    ]),
  };
}
