// 业绩目标 from a CSV file (销售 or 团队, 月份, 成交目标, 回款目标): each row sets one month's
// figures for a rep or a team, as 目标 does in chat — a figure left empty keeps its value, an
// existing month is updated, not duplicated. With --as, only the targets that person may set
// (a manager: the reps of their team and their team); a repeated person and month is a problem.
import { z } from "zod";
import type { User } from "../../../auth/users.ts";
import type { Tx } from "../../../db/tx.ts";
import { MONEY_ERROR_TEXT, parseAmount, type Fen } from "../../money/index.ts";
import { maySetTarget, setTarget, type TargetOwner } from "../../reports/index.ts";
import { zhData } from "../messages.ts";
import type { ImportInput, ImportPlan, RowProblem } from "./import-types.ts";
import type { AppliedImport } from "./lead-import.ts";
import { ownerLookup } from "./owners.ts";
import { validateRows } from "./rows.ts";

const amount = z.string().transform((s, ctx) => {
  const r = parseAmount(s, { allowZero: true });
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: MONEY_ERROR_TEXT[r.error] });
  return z.NEVER;
});

const month = z.string().transform((s, ctx) => {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s.trim());
  const n = m ? Number(m[2]) : 0;
  if (m && n >= 1 && n <= 12) return `${m[1]}-${String(n).padStart(2, "0")}`;
  ctx.addIssue({ code: "custom", message: zhData.importTargetMonth });
  return z.NEVER;
});

const targetRow = z.object({
  user: z.string().trim().max(64).optional(),
  team: z.string().trim().max(64).optional(),
  month,
  won: amount.optional(),
  receipts: amount.optional(),
});

export interface TargetRow {
  target: TargetOwner;
  month: string;
  wonFen?: Fen;
  receiptsFen?: Fen;
}

const LABELS = { user: "销售", team: "团队", month: "月份", won: "成交目标", receipts: "回款目标" };

export async function planTargets(tx: Tx, input: ImportInput): Promise<ImportPlan<TargetRow>> {
  const { valid, problems } = validateRows(input, targetRow, LABELS);
  const label = (field: keyof typeof LABELS) => input.columns.labels.get(field) ?? LABELS[field];
  const lookup = await ownerLookup(tx, valid.flatMap((r) => (r.data.user ? [r.data.user] : [])), input.as);
  const teams = await tx.team.findMany({ where: { name: { in: valid.flatMap((r) => (r.data.team ? [r.data.team] : [])) } } });
  const seen = new Map<string, number>();
  const rows: ImportPlan<TargetRow>["rows"] = [];
  const problem = (line: number, field: keyof typeof LABELS, message: string): void => void problems.push({ line, column: label(field), message } satisfies RowProblem);
  for (const { line, data } of valid) {
    if ((data.user === undefined) === (data.team === undefined)) {
      problem(line, "user", zhData.importTargetWho);
      continue;
    }
    if (data.won === undefined && data.receipts === undefined) {
      problem(line, "won", zhData.importTargetFigure);
      continue;
    }
    let target: TargetOwner;
    if (data.team !== undefined) {
      const team = teams.find((t) => t.name === data.team);
      if (!team) {
        problem(line, "team", zhData.importTargetTeamUnknown(data.team));
        continue;
      }
      target = { kind: "team", team };
    } else {
      const found = lookup(data.user!);
      if ("problem" in found) {
        problem(line, "user", found.problem);
        continue;
      }
      target = { kind: "user", user: found.user };
    }
    if (input.as && !maySetTarget(input.as, target)) {
      problem(line, target.kind, zhData.importTargetNotAllowed(data.user ?? data.team!));
      continue;
    }
    const key = `${target.kind === "user" ? target.user.id : target.team.id}:${data.month}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(line, "month", zhData.importTargetRepeated(first));
      continue;
    }
    seen.set(key, line);
    rows.push({ line, data: { target, month: data.month, wonFen: data.won, receiptsFen: data.receipts }, owner: target.kind === "user" ? target.user : null });
  }
  return { rows, duplicates: [], problems, ownerless: 0 };
}

/** Sets each planned month, audited like 目标 in chat (via import, with the file's name). */
export async function applyTargets(tx: Tx, plan: ImportPlan<TargetRow>, ctx: { now: Date; as: User | null; file: string }): Promise<AppliedImport<TargetRow>> {
  for (const { data } of plan.rows) {
    await setTarget(tx, ctx.as?.id ?? null, data.target, data.month, { wonFen: data.wonFen, receiptsFen: data.receiptsFen }, ctx.now, { via: "import", file: ctx.file });
  }
  return { created: plan.rows.map((r) => r.data), raced: 0 };
}
