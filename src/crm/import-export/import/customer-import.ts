// Customers (with one contact each) from a CSV file. One customer per company: the same
// normalised name key as conversion, so 华为技术有限公司 and 华为技术 are one. A customer
// without an owner (no 负责人 column value, no --as) goes to the public pool (公海).
import { z } from "zod";
import { leadCreateParams } from "../../leads/index.ts";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Customer, Prisma } from "../../../generated/prisma/client.ts";
import { zh } from "../../../messages/zh.ts";
import { zhData } from "../messages.ts";
import { findLikelyCustomers, normalizeCompany } from "../../customers/index.ts";
import { initialsOf } from "../../../util/pinyin.ts";
import type { CrmSettings } from "../../../config/crm/crm-settings.ts";
import { displayName, type ImportInput, type ImportPlan, type RowDuplicate } from "./import-types.ts";
import type { AppliedImport } from "./lead-import.ts";
import { ownerLookup } from "./owners.ts";
import { BATCH, chunk, FirstSeen, inFileDuplicate, validateRows, withOwners } from "./rows.ts";

const text = (max: number, message: string) => z.string().trim().min(1).max(max, message).optional();

function customerRow(settings: CrmSettings) {
  const levels = settings.customers.levels;
  return z
    .object({
      name: z.string().trim().min(1, zhData.importCustomerNameInvalid).max(64, zhData.importCustomerNameInvalid),
      level: z.string().refine((v) => levels.includes(v), zhData.importLevelInvalid(levels)).optional(),
      industry: text(32, zhData.importIndustryInvalid),
      tags: z
        .string()
        .transform((v) => [...new Set(v.split(/[,，、;；|]/).map((t) => t.trim()).filter(Boolean))])
        .refine((t) => t.length <= 10 && t.every((x) => x.length <= 16), zhData.importTagsInvalid)
        .optional(),
      region: text(32, zh.regionInvalid),
      note: text(500, zh.noteInvalid),
      owner: z.string().trim().min(1).optional(),
      contact: leadCreateParams.shape.name.optional(),
      contactPhone: leadCreateParams.shape.phone.optional(),
      contactTitle: text(32, zhData.importTitleInvalid),
      contactWechat: text(64, zh.wechatInvalid),
      contactEmail: z.string().trim().pipe(z.email({ error: (i) => zhData.importEmailInvalid(String(i.input)) })).optional(),
    })
    .refine((r) => r.contact || !(r.contactPhone || r.contactTitle || r.contactWechat || r.contactEmail), {
      message: zhData.importContactMissing,
      path: ["contact"],
    });
}

export type CustomerRow = z.infer<ReturnType<typeof customerRow>> & { nameKey: string };

const LABELS = {
  name: "名称",
  level: "级别",
  industry: "行业",
  tags: "标签",
  region: "地区",
  note: "备注",
  owner: "负责人",
  contact: "联系人",
  contactPhone: "联系人手机",
  contactTitle: "职位",
  contactWechat: "微信",
  contactEmail: "邮箱",
};

export const customerNameKey = (name: string): string => normalizeCompany(name) || name;

export async function planCustomers(tx: Tx, input: ImportInput): Promise<ImportPlan<CustomerRow>> {
  const { valid, problems } = validateRows(input, customerRow(input.settings), LABELS);
  const lookup = await ownerLookup(tx, valid.flatMap((r) => (r.data.owner ? [r.data.owner] : [])), input.as);
  const owned = withOwners(valid, lookup, input.as, input.columns.labels.get("owner") ?? LABELS.owner, problems);
  const duplicates: RowDuplicate[] = [];
  const seen = new FirstSeen<"name">();
  const unique = owned.flatMap((r) => {
    const nameKey = customerNameKey(r.data.name);
    const first = seen.claim([["name", nameKey]], r.line);
    if (first) duplicates.push(inFileDuplicate(r.line, first.line, "name"));
    return first ? [] : [{ ...r, data: { ...r.data, nameKey } }];
  });
  const existing = new Map<string, { code: number; name: string; owner: { name: string | null; wecomUserId: string } | null }>();
  for (const part of chunk(unique, BATCH)) {
    const found = await tx.customer.findMany({
      where: { nameKey: { in: part.map((r) => r.data.nameKey) } },
      select: { code: true, name: true, nameKey: true, owner: { select: { name: true, wecomUserId: true } } },
    });
    for (const c of found) existing.set(c.nameKey, c);
  }
  const exactFresh = unique.filter((r) => {
    const hit = existing.get(r.data.nameKey);
    if (hit) duplicates.push({ line: r.line, of: { kind: "in_db", code: hit.code, name: hit.name, owner: hit.owner ? displayName(hit.owner) : null }, matchedBy: "name" });
    return !hit;
  });
  const likely = await findLikelyCustomers(tx, exactFresh.map((r) => r.data.name));
  const fresh = exactFresh.filter((r) => {
    const hit = likely.get(r.data.name);
    if (hit) duplicates.push({ line: r.line, of: { kind: "in_db", code: hit.code, name: hit.name, owner: hit.owner ? displayName(hit.owner) : null }, matchedBy: "likely_company" });
    return !hit;
  });
  return { rows: fresh, duplicates, problems, ownerless: fresh.filter((r) => r.owner === null).length };
}

/** Writes the planned customers and contacts, with an audit entry for each. */
export async function applyCustomers(
  tx: Tx,
  plan: ImportPlan<CustomerRow>,
  ctx: { now: Date; as: User | null; file: string },
): Promise<AppliedImport<Customer>> {
  const { now } = ctx;
  const created: Customer[] = [];
  const byKey = new Map(plan.rows.map((r) => [r.data.nameKey, r.data]));
  for (const part of chunk(plan.rows, BATCH)) {
    const data = part.map(({ data: d, owner }): Prisma.CustomerCreateManyInput => ({
      name: d.name,
      nameKey: d.nameKey,
      initials: initialsOf(d.name),
      level: d.level,
      industry: d.industry,
      tags: d.tags ?? [],
      region: d.region,
      note: d.note,
      ownerId: owner?.id ?? null,
      ownedSince: owner ? now : null,
      pooledAt: owner ? null : now,
      createdAt: now,
      updatedAt: now,
    }));
    created.push(...(await tx.customer.createManyAndReturn({ data, skipDuplicates: true })));
  }
  for (const part of chunk(created, BATCH)) {
    const contacts = part.flatMap((c) => {
      const d = byKey.get(c.nameKey);
      if (!d?.contact) return [];
      const contact = { name: d.contact, phone: d.contactPhone, title: d.contactTitle, wechatId: d.contactWechat, email: d.contactEmail };
      return [{ customerId: c.id, initials: initialsOf(d.contact), createdAt: now, ...contact }];
    });
    await tx.contact.createMany({ data: contacts });
    await tx.auditEntry.createMany({
      data: part.map((c) => {
        const d = byKey.get(c.nameKey)!;
        const after = JSON.parse(JSON.stringify({ ...d, owner: undefined, nameKey: undefined, ownerId: c.ownerId, pooled: c.pooledAt !== null }));
        return { actorId: ctx.as?.id ?? null, action: "create", entity: "customer", entityId: c.id, detail: { after, via: "import", file: ctx.file }, at: now };
      }),
    });
  }
  return { created, raced: plan.rows.length - created.length };
}
