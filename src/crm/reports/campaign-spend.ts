// Spend per campaign: `活动 <名称> 成本 2万` records the campaign's whole cost, replacing the
// figure before it (a correction or a running total, never added up); each change is audited
// with the figure it replaced, which is the cost history.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Fen } from "../money/index.ts";

/** The most one campaign may cost: 1亿元. More is a typo (an extra 0, 万 for 元), not a budget. */
export const MAX_CAMPAIGN_COST_FEN: Fen = 10_000_000_000;

export interface SpendChange {
  name: string;
  beforeFen: Fen | null;
  afterFen: Fen;
}

export async function setCampaignCost(tx: Tx, actor: User, name: string, costFen: Fen, note: string | undefined, now: Date): Promise<SpendChange> {
  const before = await tx.campaign.findUnique({ where: { name } });
  const data = { costFen: BigInt(costFen), setById: actor.id, updatedAt: now, ...(note !== undefined ? { note } : {}) };
  const saved = before
    ? await tx.campaign.update({ where: { id: before.id }, data })
    : await tx.campaign.create({ data: { name, ...data, createdAt: now } });
  const beforeFen = before ? Number(before.costFen) : null;
  await audit(tx, {
    actorId: actor.id,
    action: "set_cost",
    entity: "campaign",
    entityId: saved.id,
    detail: { name, before: beforeFen, after: costFen, ...(note !== undefined ? { note } : {}) },
    at: now,
  });
  return { name, beforeFen, afterFen: costFen };
}

/** Whether a campaign name is known: spend recorded, or some lead carries it. */
export async function campaignKnown(tx: Tx, name: string): Promise<boolean> {
  if (await tx.campaign.findUnique({ where: { name }, select: { id: true } })) return true;
  return (await tx.lead.count({ where: { campaign: name }, take: 1 })) > 0;
}
