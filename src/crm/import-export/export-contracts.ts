// 导出 合同: the contracts the actor may see (their scope, or all of them for the finance
// group) as a CSV file whose headers the contract import reads back — amounts as yuan with two
// decimals, dates YYYY-MM-DD, the status in Chinese — audited as an `export`.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { CONTRACT_INCLUDE, contractScope, zhContracts } from "../contracts/index.ts";
import { formatYuan } from "../money/index.ts";
import { toCsv, type CsvValue } from "./csv.ts";
import { exportFileName, localStamp, type CsvExport } from "./export-csv.ts";
import { zhData } from "./messages.ts";

const HEADER = ["合同编号", "名称", "客户", "金额", "签订日期", "开始日期", "结束日期", "付款条款", "负责人", "状态", "商机", "续约商机", "创建时间"];
const day = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : "");

export async function exportContractsCsv(tx: Tx, actor: User, settings: CrmSettings, ctx: { now: Date; timeZone: string; via: "chat" | "api" }): Promise<CsvExport> {
  const rows = await tx.contract.findMany({ where: contractScope(actor, settings), orderBy: { code: "asc" }, include: CONTRACT_INCLUDE });
  const table: CsvValue[][] = rows.map((c) => [
    c.number,
    c.title,
    c.customer.name,
    formatYuan(Number(c.amountFen)),
    day(c.signDate),
    day(c.startDate),
    day(c.endDate),
    c.paymentTerms,
    c.owner ? (c.owner.name ?? c.owner.wecomUserId) : "",
    zhContracts.statusNames[c.status] ?? c.status,
    c.opportunity ? `#${c.opportunity.code}` : "",
    c.renewalOpportunity ? `#${c.renewalOpportunity.code}` : "",
    localStamp(c.createdAt, ctx.timeZone),
  ]);
  const name = exportFileName(zhData.dataKindNames["contracts"], actor, ctx.now, ctx.timeZone);
  await audit(tx, { actorId: actor.id, action: "export", entity: "contract", detail: { rows: rows.length, format: "csv", via: ctx.via }, at: ctx.now });
  return { name, content: toCsv(HEADER, table), rows: rows.length };
}
