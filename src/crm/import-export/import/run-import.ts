// One CSV import from bytes to a report: decode, map the header, validate every row,
// find duplicates, and — only when no row has a problem and it is not a dry run — write
// everything in one transaction. Nothing is ever half-imported.
import { audit } from "../../../auth/audit.ts";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import type { PrismaClient } from "../../../generated/prisma/client.ts";
import { zhData } from "../messages.ts";
import { decodeCsvBytes, parseCsv, type CsvEncoding } from "../csv.ts";
import type { CrmSettings } from "../../../config/crm/crm-settings.ts";
import { detectKind, mapColumns, type ImportKind } from "./columns.ts";
import { applyContracts, planContracts } from "./contract-import.ts";
import { applyCustomers, planCustomers } from "./customer-import.ts";
import { displayName, type ImportPlan, type RowDuplicate, type RowProblem } from "./import-types.ts";
import { applyLeads, planLeads } from "./lead-import.ts";
import { seesAllMoney } from "../../contracts/index.ts";
import { applyPayments, planPayments } from "./payment-import.ts";
import { applyProducts, planProducts } from "./product-import.ts";
import { applyTargets, planTargets } from "./target-import.ts";

export interface ImportRequest {
  /** Shown in the report and kept in the audit trail. */
  file: string;
  bytes: Uint8Array;
  kind?: ImportKind;
  dryRun: boolean;
  /** WeCom user id of the user the import acts as. */
  asUser?: string;
  now: Date;
  settings: CrmSettings;
  /** CRM_TIMEZONE: contracts' renewal notices are at 09:00 local (default Asia/Shanghai). */
  timeZone?: string;
  /** Tells a user something in the import's transaction (new owners of leads). */
  notify?: (tx: Tx, user: User, text: string) => Promise<void>;
}

export interface ImportReport {
  kind: ImportKind;
  file: string;
  encoding: CsvEncoding;
  rows: number;
  ignoredColumns: string[];
  problems: RowProblem[];
  duplicates: RowDuplicate[];
  /** Rows that would be (or were) created, and who gets how many. */
  toCreate: number;
  owners: Array<{ name: string; count: number }>;
  ownerless: number;
  dryRun: boolean;
  written: boolean;
  created: number;
  raced: number;
}

export type ImportResult = { kind: "refused"; message: string } | { kind: "report"; report: ImportReport };

const TX = { maxWait: 15_000, timeout: 15 * 60_000 };
const ENTITY: Record<ImportKind, string> = { leads: "lead", customers: "customer", products: "product", contracts: "contract", payments: "payment", targets: "sales_target" };

/** Columns a file of the kind cannot do without: field and the header to name. */
const REQUIRED: Record<ImportKind, Array<[string, string]>> = {
  leads: [["name", "姓名"]],
  customers: [["name", "名称"]],
  products: [["name", "名称"], ["listPrice", "含税单价"]],
  contracts: [["number", "合同编号"], ["customer", "客户"], ["amount", "金额"]],
  payments: [["contract", "合同编号"], ["amount", "金额"], ["receivedOn", "到账日期"]],
  targets: [["month", "月份"]],
};

export async function runImport(prisma: PrismaClient, req: ImportRequest): Promise<ImportResult> {
  const decoded = decodeCsvBytes(req.bytes);
  const [head, ...records] = parseCsv(decoded.text);
  if (!head) return { kind: "refused", message: zhData.importEmpty };
  const kind = req.kind ?? detectKind(head.cells);
  const columns = mapColumns(kind, head.cells);
  if (columns.repeated.length) return { kind: "refused", message: zhData.importRepeatedColumns(columns.repeated) };
  const missing = REQUIRED[kind].find(([field]) => !columns.fields.has(field));
  if (missing) return { kind: "refused", message: zhData.importMissingColumn(zhData.dataKindNames[kind]!, missing[1], head.cells) };
  const as = req.asUser ? await prisma.user.findUnique({ where: { wecomUserId: req.asUser } }) : null;
  if (req.asUser && !as) return { kind: "refused", message: zhData.importUnknownUser(req.asUser) };
  // The catalogue is the admins' (as in chat): --as names whose change it is.
  if (kind === "products" && as && as.role !== "admin") return { kind: "refused", message: zhData.importProductsAdminOnly(req.asUser!) };
  if (kind === "payments" && as && !seesAllMoney(as, req.settings)) return { kind: "refused", message: zhData.importPaymentsFinanceOnly(req.asUser!) };
  const input = { records, columns, settings: req.settings, as };
  const ctx = { now: req.now, settings: req.settings, as, file: req.file, timeZone: req.timeZone ?? "Asia/Shanghai" };
  const report = await prisma.$transaction(async (tx) => {
    const planned =
      kind === "leads"
        ? await planLeads(tx, input).then((plan) => ({ plan, apply: () => applyLeads(tx, plan, ctx) }))
        : kind === "products"
          ? await planProducts(tx, input).then((plan) => ({ plan, apply: () => applyProducts(tx, plan, ctx) }))
          : kind === "contracts"
            ? await planContracts(tx, input).then((plan) => ({ plan, apply: () => applyContracts(tx, plan, ctx) }))
            : kind === "payments"
              ? await planPayments(tx, input).then((plan) => ({ plan, apply: () => applyPayments(tx, plan, ctx) }))
              : kind === "targets"
                ? await planTargets(tx, input).then((plan) => ({ plan, apply: () => applyTargets(tx, plan, ctx) }))
                : await planCustomers(tx, input).then((plan) => ({ plan, apply: () => applyCustomers(tx, plan, ctx) }));
    const { plan } = planned;
    const base = reportOf(kind, req, decoded.encoding, records.length, columns.ignored, plan);
    if (plan.problems.length > 0 || req.dryRun) return base;
    const applied = await planned.apply();
    const detail = { file: req.file, created: applied.created.length, duplicates: plan.duplicates.length, raced: applied.raced };
    await audit(tx, { actorId: as?.id ?? null, action: "import", entity: ENTITY[kind], detail, at: req.now });
    if (kind === "leads" && req.notify) await notifyOwners(tx, plan.rows, as, req.notify);
    return { ...base, written: true, created: applied.created.length, raced: applied.raced };
  }, TX);
  return { kind: "report", report };
}

function reportOf(kind: ImportKind, req: ImportRequest, encoding: CsvEncoding, rows: number, ignored: string[], plan: ImportPlan<unknown>): ImportReport {
  const counts = new Map<string, number>();
  for (const r of plan.rows) if (r.owner) counts.set(displayName(r.owner), (counts.get(displayName(r.owner)) ?? 0) + 1);
  return {
    kind,
    file: req.file,
    encoding,
    rows,
    ignoredColumns: ignored,
    problems: plan.problems.sort((a, b) => a.line - b.line),
    duplicates: plan.duplicates.sort((a, b) => a.line - b.line),
    toCreate: plan.rows.length,
    owners: [...counts].map(([name, count]) => ({ name, count })),
    ownerless: plan.ownerless,
    dryRun: req.dryRun,
    written: false,
    created: 0,
    raced: 0,
  };
}

/** One message per new owner (not per lead), except to the one importing. */
async function notifyOwners(tx: Tx, rows: ImportPlan<unknown>["rows"], as: User | null, notify: NonNullable<ImportRequest["notify"]>): Promise<void> {
  const perOwner = new Map<string, { user: User; n: number }>();
  for (const { owner } of rows) {
    if (!owner || owner.id === as?.id) continue;
    const entry = perOwner.get(owner.id) ?? { user: owner, n: 0 };
    entry.n++;
    perOwner.set(owner.id, entry);
  }
  for (const { user, n } of perOwner.values()) await notify(tx, user, zhData.importNotice(n));
}
