// CSV headers as people write them, in Chinese or English, mapped onto record fields.
// An exported file imports again: its extra columns (编号, 评分 …) are ignored and listed.

export type ImportKind = "leads" | "customers" | "products" | "contracts" | "payments" | "targets";

const LEAD_COLUMNS: Record<string, readonly string[]> = {
  name: ["姓名", "名字", "name"],
  phone: ["手机", "手机号", "手机号码", "电话", "phone", "mobile"],
  company: ["公司", "公司名称", "单位", "company"],
  source: ["来源", "线索来源", "source"],
  region: ["地区", "区域", "region"],
  productLine: ["产品线", "产品", "productline", "product"],
  wechatId: ["微信", "微信号", "wechat", "wechatid"],
  note: ["备注", "note", "notes"],
  owner: ["负责人", "owner"],
};

const CUSTOMER_COLUMNS: Record<string, readonly string[]> = {
  name: ["名称", "客户名称", "客户", "公司", "公司名称", "name", "company"],
  level: ["级别", "客户级别", "level"],
  industry: ["行业", "industry"],
  tags: ["标签", "tags"],
  region: ["地区", "区域", "region"],
  note: ["备注", "note", "notes"],
  owner: ["负责人", "owner"],
  contact: ["联系人", "联系人姓名", "contact", "contactname"],
  contactPhone: ["联系人手机", "联系人电话", "手机", "电话", "contactphone", "phone", "mobile"],
  contactTitle: ["联系人职位", "职位", "职务", "contacttitle", "title"],
  contactWechat: ["联系人微信", "微信", "contactwechat", "wechat"],
  contactEmail: ["联系人邮箱", "邮箱", "contactemail", "email"],
};

const PRODUCT_COLUMNS: Record<string, readonly string[]> = {
  name: ["名称", "产品名称", "产品", "name", "product", "productname"],
  sku: ["编码", "产品编码", "sku", "productcode"],
  unit: ["单位", "计量单位", "unit"],
  listPrice: ["含税单价", "单价", "价格", "标准价", "listprice", "price", "unitprice"],
  taxRate: ["税率", "taxrate", "tax"],
};

const CONTRACT_COLUMNS: Record<string, readonly string[]> = {
  number: ["合同编号", "合同号", "编号", "number", "contractnumber", "contractno"],
  title: ["名称", "合同名称", "title"],
  customer: ["客户", "客户名称", "customer"],
  amount: ["金额", "合同金额", "amount"],
  signDate: ["签订日期", "签订", "签约日期", "signdate"],
  startDate: ["开始日期", "开始", "startdate"],
  endDate: ["结束日期", "结束", "到期日期", "enddate"],
  owner: ["负责人", "owner"],
  status: ["状态", "status"],
};

const PAYMENT_COLUMNS: Record<string, readonly string[]> = {
  contract: ["合同编号", "合同", "contract", "contractnumber"],
  amount: ["金额", "回款金额", "amount"],
  receivedOn: ["到账日期", "回款日期", "日期", "receivedon", "date"],
  method: ["方式", "回款方式", "method"],
  externalId: ["外部编号", "流水号", "externalid"],
};

/** 业绩目标: one month of a rep (销售) or a team (团队). */
const TARGET_COLUMNS: Record<string, readonly string[]> = {
  user: ["销售", "负责人", "user", "rep"],
  team: ["团队", "team"],
  month: ["月份", "月", "month"],
  won: ["成交目标", "成交额目标", "成交", "won", "wontarget"],
  receipts: ["回款目标", "回款", "receipts", "receiptstarget"],
};

export const COLUMNS: Record<ImportKind, Record<string, readonly string[]>> = {
  leads: LEAD_COLUMNS,
  customers: CUSTOMER_COLUMNS,
  products: PRODUCT_COLUMNS,
  contracts: CONTRACT_COLUMNS,
  payments: PAYMENT_COLUMNS,
  targets: TARGET_COLUMNS,
};

/** Headers only a contract file has: they make the file a contract file. */
const CONTRACT_ONLY = new Set(["合同编号", "合同号", "合同金额", "签订日期", "contractnumber", "contractno"].map((h) => h.toLowerCase()));

/** Headers only a product file has (a price or a tax rate): they make the file a product file. */
const PRODUCT_ONLY = new Set(["含税单价", "单价", "税率", "产品编码", "标准价", "listprice", "unitprice", "taxrate"].map((h) => h.toLowerCase()));

/** Headers only a customer file has: without --type they make the file a customer file. */
const CUSTOMER_ONLY = new Set(["名称", "客户名称", "客户", "级别", "客户级别", "level", "行业", "industry", "标签", "tags", "联系人", "联系人姓名", "contact", "contactname"]);

export const headerKey = (h: string): string => h.normalize("NFKC").trim().toLowerCase().replace(/[\s_\-*]/g, "");

export function detectKind(header: readonly string[]): ImportKind {
  if (header.some((h) => headerKey(h) === "月份") && header.some((h) => ["成交目标", "回款目标"].includes(headerKey(h)))) return "targets";
  if (header.some((h) => headerKey(h) === "合同编号") && header.some((h) => headerKey(h) === "到账日期")) return "payments";
  if (header.some((h) => CONTRACT_ONLY.has(headerKey(h)))) return "contracts";
  if (header.some((h) => PRODUCT_ONLY.has(headerKey(h)))) return "products";
  return header.some((h) => CUSTOMER_ONLY.has(headerKey(h))) ? "customers" : "leads";
}

export interface ColumnMap {
  /** field → column index */
  fields: Map<string, number>;
  /** field → the header as written (for the report) */
  labels: Map<string, string>;
  ignored: string[];
  repeated: string[];
}

export function mapColumns(kind: ImportKind, header: readonly string[]): ColumnMap {
  const byAlias = new Map<string, string>();
  for (const [field, aliases] of Object.entries(COLUMNS[kind])) for (const a of aliases) byAlias.set(headerKey(a), field);
  const map: ColumnMap = { fields: new Map(), labels: new Map(), ignored: [], repeated: [] };
  header.forEach((h, i) => {
    const field = byAlias.get(headerKey(h));
    if (!field) {
      if (h.trim() !== "") map.ignored.push(h.trim());
    } else if (map.fields.has(field)) map.repeated.push(h.trim());
    else {
      map.fields.set(field, i);
      map.labels.set(field, h.trim());
    }
  });
  return map;
}

/** A row's cells by field: trimmed, empty ones left out, and a quote mark that an export
 * put before a formula-like cell taken off again. */
export function rowObject(map: ColumnMap, cells: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, i] of map.fields) {
    const v = (cells[i] ?? "").trim().replace(/^'(?=[=+\-@])/, "");
    if (v !== "") out[field] = v;
  }
  return out;
}
