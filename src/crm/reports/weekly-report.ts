// A manager's weekly numbers, per rep of their team: new leads, follow-ups, stage moves,
// won (with amounts) and lost, and 回款 received, over a period.
import type { Tx } from "../../db/tx.ts";
import type { User } from "../../generated/prisma/client.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { receiptsByOwner } from "../receivables/index.ts";

export interface RepWeek {
  rep: User;
  leads: number;
  followUps: number;
  moves: number;
  won: number;
  wonAmount: number;
  lost: number;
  /** 回款 confirmed on the rep's contracts over the period (fen). */
  receiptsFen: number;
}

export async function teamOf(tx: Tx, manager: User): Promise<User[]> {
  return tx.user.findMany({
    where: { active: true, OR: [{ id: manager.id }, { managerId: manager.id }, ...(manager.teamId ? [{ teamId: manager.teamId }] : [])] },
    orderBy: { createdAt: "asc" },
  });
}

/** `days`: the same period as local calendar days (first and last, inclusive), for 回款. */
export async function weeklyNumbers(tx: Tx, team: readonly User[], from: Date, to: Date, settings: CrmSettings, days: { first: string; last: string }): Promise<RepWeek[]> {
  const ids = team.map((u) => u.id);
  const range = { gte: from, lt: to };
  const outcomes = settings.opportunities.stages.filter((s) => s.outcome);
  const wonStages = outcomes.filter((s) => s.outcome === "won").map((s) => s.name);
  const [leads, followUps, moves, closed] = await Promise.all([
    tx.lead.groupBy({ by: ["ownerId"], where: { ownerId: { in: ids }, createdAt: range }, _count: { _all: true } }),
    tx.followUp.groupBy({ by: ["authorId"], where: { authorId: { in: ids }, at: range }, _count: { _all: true } }),
    tx.stageChange.groupBy({
      by: ["actorId"],
      where: { actorId: { in: ids }, at: range, fromStage: { not: null }, toStage: { notIn: outcomes.map((s) => s.name) } },
      _count: { _all: true },
    }),
    tx.opportunity.findMany({ where: { ownerId: { in: ids }, closedAt: range }, select: { ownerId: true, stage: true, amount: true } }),
  ]);
  const receipts = await receiptsByOwner(tx, ids, days.first, days.last);
  const count = <K extends string>(rows: Array<Record<K, string | null> & { _count: { _all: number } }>, key: K, id: string) =>
    rows.find((r) => r[key] === id)?._count._all ?? 0;
  return team.map((rep) => {
    const mine = closed.filter((o) => o.ownerId === rep.id);
    const won = mine.filter((o) => wonStages.includes(o.stage));
    return {
      rep,
      leads: count(leads, "ownerId", rep.id),
      followUps: count(followUps, "authorId", rep.id),
      moves: count(moves, "actorId", rep.id),
      won: won.length,
      wonAmount: won.reduce((sum, o) => sum + Number(o.amount ?? 0), 0),
      lost: mine.length - won.length,
      receiptsFen: receipts.get(rep.id) ?? 0,
    };
  });
}
