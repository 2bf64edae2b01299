// Historical contracts (合同) from a CSV file: 合同编号, 客户, 金额, 签订日期, 开始日期, 结束日期,
// 负责人, 状态 (and an optional 名称). Each keeps its own number (a number already used, in the
// file or the database, is a skipped duplicate); the customer must exist (import customers
// first) and be within --as's scope; amounts are read as a rep writes them (123456.78,
// 12万) to exact fen; the status is one a signed contract can have — 已生效 when empty.
// Each contract is created by the contracts domain (numbered, audited) and gets its renewal
// jobs like one signed in chat.
import { z } from "zod";
import { ownedWithin } from "../../../auth/scope.ts";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Customer } from "../../../generated/prisma/client.ts";
import { localDateKey } from "../../../util/local-time.ts";
import { createContract, scheduleRenewal, type ContractFull, type ContractStatus } from "../../contracts/index.ts";
import { customerNameKey } from "../../customers/index.ts";
import { MONEY_ERROR_TEXT, parseAmount } from "../../money/index.ts";
import type { CrmSettings } from "../../../config/crm/crm-settings.ts";
import { zhData } from "../messages.ts";
import type { ImportInput, ImportPlan, RowDuplicate, RowProblem } from "./import-types.ts";
import type { AppliedImport } from "./lead-import.ts";
import { ownerLookup } from "./owners.ts";
import { BATCH, chunk, FirstSeen, inFileDuplicate, validateRows } from "./rows.ts";

const STATUS_WORDS: Record<string, ContractStatus> = {
  已生效: "effective",
  生效: "effective",
  effective: "effective",
  执行中: "executing",
  executing: "executing",
  已完成: "completed",
  完成: "completed",
  completed: "completed",
  已作废: "void",
  作废: "void",
  void: "void",
};

const day = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
      ctx.addIssue({ code: "custom", message: zhData.importDateInvalid(v) });
      return z.NEVER;
    }
    return d.toISOString().slice(0, 10);
  });

const contractRow = z
  .object({
    number: z.string().trim().min(1).max(40, zhData.importContractNumberInvalid),
    title: z.string().trim().min(1).max(120).optional(),
    customer: z.string().trim().min(1).max(64),
    amount: z.string().transform((v, ctx) => {
      const r = parseAmount(v);
      if (r.ok) return r.value;
      ctx.addIssue({ code: "custom", message: MONEY_ERROR_TEXT[r.error] });
      return z.NEVER;
    }),
    signDate: day.optional(),
    startDate: day.optional(),
    endDate: day.optional(),
    owner: z.string().trim().min(1).optional(),
    status: z
      .string()
      .trim()
      .refine((v) => STATUS_WORDS[v.toLowerCase()] !== undefined, zhData.importContractStatusInvalid)
      .transform((v) => STATUS_WORDS[v.toLowerCase()]!)
      .optional(),
  })
  .refine((r) => !(r.startDate && r.endDate && r.endDate < r.startDate), { message: zhData.importContractEndBeforeStart, path: ["endDate"] });

export type ContractRow = z.infer<typeof contractRow> & { customerRecord: Customer };

const LABELS = { number: "合同编号", title: "名称", customer: "客户", amount: "金额", signDate: "签订日期", startDate: "开始日期", endDate: "结束日期", owner: "负责人", status: "状态" };

export async function planContracts(tx: Tx, input: ImportInput): Promise<ImportPlan<ContractRow>> {
  const { valid, problems } = validateRows(input, contractRow, LABELS);
  const duplicates: RowDuplicate[] = [];
  const seen = new FirstSeen<"contract_number">();
  const unique = valid.filter((r) => {
    const first = seen.claim([["contract_number", r.data.number.toUpperCase()]], r.line);
    if (first) duplicates.push(inFileDuplicate(r.line, first.line, first.by));
    return !first;
  });
  const existing = new Map<string, { code: number; number: string }>();
  for (const part of chunk(unique, BATCH)) {
    const found = await tx.contract.findMany({ where: { OR: part.map((r) => ({ number: { equals: r.data.number, mode: "insensitive" as const } })) }, select: { code: true, number: true } });
    for (const c of found) existing.set(c.number.toUpperCase(), c);
  }
  const label = (field: keyof typeof LABELS) => input.columns.labels.get(field) ?? LABELS[field];
  const owners = await ownerLookup(tx, unique.flatMap((r) => (r.data.owner ? [r.data.owner] : [])), input.as);
  const customers = new Map<string, Customer | null>();
  const scope = input.as ? ownedWithin(input.as) : {};
  const rows: ImportPlan<ContractRow>["rows"] = [];
  for (const r of unique) {
    const hit = existing.get(r.data.number.toUpperCase());
    if (hit) {
      duplicates.push({ line: r.line, of: { kind: "in_db", code: hit.code, name: hit.number, owner: null }, matchedBy: "contract_number" });
      continue;
    }
    // the customer's name however the company is typed — never a guess from part of a name
    const name = r.data.customer;
    if (!customers.has(name)) customers.set(name, await tx.customer.findFirst({ where: { AND: [{ OR: [{ name }, { nameKey: customerNameKey(name) }] }, scope] } }));
    const customer = customers.get(r.data.customer);
    const rowProblems: RowProblem[] = [];
    if (!customer) rowProblems.push({ line: r.line, column: label("customer"), message: zhData.importContractCustomerUnknown(r.data.customer) });
    let owner: User | null = null;
    if (r.data.owner) {
      const found = owners(r.data.owner);
      if ("problem" in found) rowProblems.push({ line: r.line, column: label("owner"), message: found.problem });
      else owner = found.user;
    }
    problems.push(...rowProblems);
    if (rowProblems.length || !customer) continue;
    rows.push({ line: r.line, data: { ...r.data, customerRecord: customer }, owner });
  }
  return { rows, duplicates, problems, ownerless: 0 };
}

/** Writes the planned contracts: each through the contracts domain (audited), with its
 * renewal jobs; without a 负责人 the customer's owner (or --as) owns it. */
export async function applyContracts(
  tx: Tx,
  plan: ImportPlan<ContractRow>,
  ctx: { now: Date; as: User | null; settings: CrmSettings; timeZone: string },
): Promise<AppliedImport<ContractFull>> {
  const created: ContractFull[] = [];
  const today = localDateKey(ctx.now, ctx.timeZone);
  for (const { data: d, owner } of plan.rows) {
    const c = await createContract(
      tx,
      ctx.as,
      {
        number: d.number,
        customerId: d.customerRecord.id,
        opportunityId: null,
        ownerId: owner?.id ?? d.customerRecord.ownerId ?? ctx.as?.id ?? null,
        title: d.title ?? zhData.importContractTitle(d.customerRecord.name),
        amountFen: d.amount,
        signDate: d.signDate ?? null,
        startDate: d.startDate ?? null,
        endDate: d.endDate ?? null,
        status: d.status ?? "effective",
      },
      ctx.settings,
      today,
      ctx.now,
    );
    await scheduleRenewal(tx, c, d.endDate ?? null, ctx.settings, ctx.timeZone, ctx.now);
    created.push(c);
  }
  return { created, raced: 0 };
}
