// Leads from a CSV file: the chat command's field rules, the same duplicate rules
// (normalised phone, or company + name), the same initial score by source, and owners
// from the file, --as, or the assignment rules — written in a few batched statements.
import { z } from "zod";
import { leadCreateParams, scheduleLeadSla, clampScore, gradeOf, sourceScore, hasContactWay, leadDedupeKey } from "../../leads/index.ts";
import { initialsOf } from "../../../util/pinyin.ts";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Lead, Prisma } from "../../../generated/prisma/client.ts";
import { zhData } from "../messages.ts";
import { findLikelyCustomers } from "../../customers/index.ts";
import type { CrmSettings } from "../../../config/crm/crm-settings.ts";
import { assignRoundRobin, recordTurns } from "./batch-assignment.ts";
import { displayName, type ImportInput, type ImportPlan, type RowDuplicate } from "./import-types.ts";
import { ownerLookup } from "./owners.ts";
import { BATCH, chunk, FirstSeen, inFileDuplicate, validateRows, withOwners } from "./rows.ts";

const leadRow = leadCreateParams
  .extend({ owner: z.string().trim().min(1).optional() })
  .refine(hasContactWay, { message: zhData.importNeedContactWay, path: ["phone"] });

export type LeadRow = z.infer<typeof leadRow> & { dedupeKey: string | null };

const LABELS = { name: "姓名", phone: "手机", company: "公司", source: "来源", region: "地区", productLine: "产品线", wechatId: "微信", note: "备注", owner: "负责人" };

export async function planLeads(tx: Tx, input: ImportInput): Promise<ImportPlan<LeadRow> & { lastTurns: User[] }> {
  const { valid, problems } = validateRows(input, leadRow, LABELS);
  const lookup = await ownerLookup(tx, valid.flatMap((r) => (r.data.owner ? [r.data.owner] : [])), input.as);
  const owned = withOwners(valid, lookup, input.as, input.columns.labels.get("owner") ?? LABELS.owner, problems);
  const duplicates: RowDuplicate[] = [];
  const seen = new FirstSeen<"phone" | "company_name">();
  const unique = owned.flatMap((r) => {
    const dedupeKey = leadDedupeKey(r.data.name, r.data.company);
    const first = seen.claim([["phone", r.data.phone], ["company_name", dedupeKey]], r.line);
    if (first) duplicates.push(inFileDuplicate(r.line, first.line, first.by));
    return first ? [] : [{ ...r, data: { ...r.data, dedupeKey } }];
  });
  const existing = await existingLeads(tx, unique.map((r) => r.data));
  const notLeads = unique.filter((r) => {
    const hit = existing.find((e) => (r.data.phone && e.phone === r.data.phone) || (r.data.dedupeKey && e.dedupeKey === r.data.dedupeKey));
    if (hit) {
      const owner = hit.owner ? displayName(hit.owner) : null;
      const matchedBy = r.data.phone && hit.phone === r.data.phone ? "phone" : "company_name";
      duplicates.push({ line: r.line, of: { kind: "in_db", code: hit.code, name: hit.name, owner }, matchedBy });
    }
    return !hit;
  });
  // A company that likely is someone else's customer (or a pool one): skipped and listed,
  // as in chat (新建线索 … asks for 仍然新建); the row's own owner's customers are fine.
  const likely = await findLikelyCustomers(tx, notLeads.flatMap((r) => (r.data.company ? [r.data.company] : [])));
  const fresh = notLeads.filter((r) => {
    const hit = r.data.company ? likely.get(r.data.company) : undefined;
    if (!hit || (r.owner && hit.ownerId === r.owner.id)) return true;
    duplicates.push({ line: r.line, of: { kind: "in_db", code: hit.code, name: hit.name, owner: hit.owner ? displayName(hit.owner) : null }, matchedBy: "likely_company" });
    return false;
  });
  const toAssign = fresh.filter((r) => r.owner === null);
  const rr = await assignRoundRobin(tx, toAssign.map((r) => ({ region: r.data.region ?? null, productLine: r.data.productLine ?? null })), input.settings);
  toAssign.forEach((r, i) => (r.owner = rr.owners[i] ?? null));
  return { rows: fresh, duplicates, problems, ownerless: fresh.filter((r) => r.owner === null).length, lastTurns: rr.lastTurns };
}

async function existingLeads(tx: Tx, rows: LeadRow[]) {
  const found = [];
  for (const part of chunk(rows, BATCH)) {
    const phones = part.flatMap((r) => (r.phone ? [r.phone] : []));
    const keys = part.flatMap((r) => (r.dedupeKey ? [r.dedupeKey] : []));
    found.push(
      ...(await tx.lead.findMany({
        where: { OR: [{ phone: { in: phones } }, { dedupeKey: { in: keys } }] },
        select: { code: true, name: true, phone: true, dedupeKey: true, owner: { select: { name: true, wecomUserId: true } } },
      })),
    );
  }
  return found;
}

export interface AppliedImport<T> {
  created: T[];
  /** Rows someone else created between planning and writing (unique indexes settled it). */
  raced: number;
}

/** Writes the planned leads, their score ledger and audit entries. */
export async function applyLeads(
  tx: Tx,
  plan: Awaited<ReturnType<typeof planLeads>>,
  ctx: { now: Date; settings: CrmSettings; as: User | null; file: string },
): Promise<AppliedImport<Lead>> {
  const { now, settings } = ctx;
  const created: Lead[] = [];
  for (const part of chunk(plan.rows, BATCH)) {
    const data = part.map(({ data: { owner: _o, ...lead }, owner }): Prisma.LeadCreateManyInput => {
      const score = clampScore(sourceScore(lead.source, settings));
      return { ...lead, initials: initialsOf(lead.name), ownerId: owner?.id ?? null, score, grade: gradeOf(score, settings), lastInteractionAt: now, createdAt: now, updatedAt: now };
    });
    const rows = await tx.lead.createManyAndReturn({ data, skipDuplicates: true });
    // Imported leads with an owner get the same first-contact SLA as any other.
    for (const l of rows) if (l.ownerId) await scheduleLeadSla(tx, l, l.ownerId, now, settings);
    created.push(...rows);
  }
  for (const part of chunk(created, BATCH)) {
    await tx.leadScoreEntry.createMany({
      data: part.map((l) => ({ leadId: l.id, delta: l.score, kind: "source", reason: `来源：${l.source}`, at: now })),
    });
    await tx.auditEntry.createMany({
      data: part.map((l) => ({
        actorId: ctx.as?.id ?? null,
        action: "create",
        entity: "lead",
        entityId: l.id,
        detail: { after: leadFields(l), via: "import", file: ctx.file },
        at: now,
      })),
    });
  }
  await recordTurns(tx, plan.lastTurns, now);
  return { created, raced: plan.rows.length - created.length };
}

const leadFields = (l: Lead) =>
  Object.fromEntries(
    (["name", "phone", "company", "wechatId", "source", "region", "productLine", "note", "ownerId"] as const).flatMap((k) => (l[k] === null ? [] : [[k, l[k]]])),
  );
