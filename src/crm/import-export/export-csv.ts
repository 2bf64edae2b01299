// 导出: what the actor may see as a CSV file for Excel (Chinese headers that the import
// reads back, local times, formula-safe cells), audited as an `export` with its row count.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import { zh } from "../../messages/zh.ts";
import { zhData } from "./messages.ts";
import { localDateKey, localParts } from "../../util/local-time.ts";
import { toCsv, type CsvValue } from "./csv.ts";
import { formatDiscountShare } from "../money/index.ts";
import { invoiceExportTable } from "../invoices/index.ts";
import { PAYMENT_EXPORT_HEADER, paymentExportRows } from "../receivables/index.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import {
  findCustomers,
  findLeads,
  findOpportunities,
  type CustomerRecord,
  type LeadRecord,
  type OpportunityRecord,
  type RecordFilter,
  type RecordKind,
} from "./export-records.ts";

type Owner = { name: string | null; wecomUserId: string } | null;
const who = (o: Owner): string => (o ? (o.name ?? o.wecomUserId) : "");

/** "2026-11-23 10:00" in the zone; "" for none. */
export function localStamp(d: Date | null, timeZone: string): string {
  if (!d) return "";
  const { minutes } = localParts(d, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${localDateKey(d, timeZone)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** An export's file name: the kind, the local day and time to the second, and who exported it
 * (their WeCom id, reduced to safe characters), so two people exporting in the same minute — or
 * the same second — never get the same name: 回款_20261203_151002_zhangsan.csv. */
export function exportFileName(kindName: string | undefined, actor: Pick<User, "wecomUserId">, now: Date, timeZone: string): string {
  const { minutes } = localParts(now, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const seconds = pad(Math.floor(now.getTime() / 1000) % 60);
  const who = actor.wecomUserId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32) || "user";
  return `${kindName ?? "export"}_${localDateKey(now, timeZone).replace(/-/g, "")}_${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}${seconds}_${who}.csv`;
}

const utcDay = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : "");

const LEAD_HEADER = ["编号", "姓名", "手机", "公司", "微信", "来源", "地区", "产品线", "备注", "状态", "评分", "等级", "负责人", "最近互动", "创建时间"];
const leadRow = (l: LeadRecord, tz: string): CsvValue[] => [
  l.code, l.name, l.phone, l.company, l.wechatId, l.source, l.region, l.productLine, l.note,
  zh.leadStatus[l.status] ?? l.status, l.score, l.grade, who(l.owner), localStamp(l.lastInteractionAt, tz), localStamp(l.createdAt, tz),
];

const CUSTOMER_HEADER = ["编号", "名称", "级别", "行业", "标签", "地区", "负责人", "联系人", "联系人手机", "职位", "联系人数", "最近跟进", "创建时间", "备注"];
const customerRow = (c: CustomerRecord, tz: string): CsvValue[] => {
  const first = c.contacts[0];
  return [
    c.code, c.name, c.level, c.industry, c.tags.join("、"), c.region, c.pooledAt ? zhData.importPool : who(c.owner),
    first?.name, first?.phone, first?.title, c.contacts.length, localStamp(c.lastFollowUpAt, tz), localStamp(c.createdAt, tz), c.note,
  ];
};

const OPPORTUNITY_HEADER = ["编号", "名称", "客户", "阶段", "金额", "预算", "折扣", "预计成交", "决策人", "需求", "输单原因", "负责人", "阶段更新", "创建时间"];
const opportunityRow = (o: OpportunityRecord, tz: string): CsvValue[] => [
  o.code, o.name, o.customer.name, o.stage, o.amount?.toFixed(2), o.budget?.toFixed(2), o.discount === null ? null : formatDiscountShare(Number(o.discount)), utcDay(o.expectedCloseDate),
  o.decisionMaker, o.needsAnalysis, o.lostReason, who(o.owner), localStamp(o.stageChangedAt, tz), localStamp(o.createdAt, tz),
];

/** What 导出 writes: the record kinds of the API, and the money records their domains tabulate. */
export type ExportKind = RecordKind | "invoices";

async function tableOf(tx: Tx, actor: User, kind: ExportKind, f: RecordFilter, tz: string, settings: CrmSettings): Promise<{ header: string[]; rows: CsvValue[][] }> {
  switch (kind) {
    case "invoices":
      return invoiceExportTable(tx, actor, settings, tz);
    case "leads":
      return { header: LEAD_HEADER, rows: (await findLeads(tx, actor, f)).map((r) => leadRow(r, tz)) };
    case "customers":
      return { header: CUSTOMER_HEADER, rows: (await findCustomers(tx, actor, f)).map((r) => customerRow(r, tz)) };
    case "opportunities":
      return { header: OPPORTUNITY_HEADER, rows: (await findOpportunities(tx, actor, f)).map((r) => opportunityRow(r, tz)) };
  }
}

export interface CsvExport {
  name: string;
  content: string;
  rows: number;
}

const ENTITY = { leads: "lead", customers: "customer", opportunities: "opportunity", invoices: "invoice" } as const;

/** Every record of the kind the actor may see (narrowed by the filter), as one CSV file. */
export async function exportCsv(
  tx: Tx,
  actor: User,
  kind: ExportKind,
  ctx: { now: Date; timeZone: string; via: "chat" | "api"; settings: CrmSettings; filter?: RecordFilter },
): Promise<CsvExport> {
  const filter = ctx.filter ?? {};
  const { header, rows } = await tableOf(tx, actor, kind, filter, ctx.timeZone, ctx.settings);
  const name = exportFileName(zhData.dataKindNames[kind], actor, ctx.now, ctx.timeZone);
  const detail = JSON.parse(JSON.stringify({ rows: rows.length, format: "csv", via: ctx.via, filter }));
  await audit(tx, { actorId: actor.id, action: "export", entity: ENTITY[kind], detail, at: ctx.now });
  return { name, content: toCsv(header, rows), rows: rows.length };
}

/** 导出 回款: the payments on contracts the actor sees (money scope: finance sees all). */
export async function exportPayments(tx: Tx, actor: User, settings: CrmSettings, ctx: { now: Date; timeZone: string; via: "chat" | "api" }): Promise<CsvExport> {
  const rows = await paymentExportRows(tx, actor, settings, (d) => localStamp(d, ctx.timeZone));
  await audit(tx, { actorId: actor.id, action: "export", entity: "payment", detail: { rows: rows.length, format: "csv", via: ctx.via }, at: ctx.now });
  return { name: exportFileName(zhData.dataKindNames["payments"], actor, ctx.now, ctx.timeZone), content: toCsv(PAYMENT_EXPORT_HEADER, rows), rows: rows.length };
}
