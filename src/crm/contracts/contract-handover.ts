// 离职: a leaving rep's contracts still running (待审批, 已驳回, 已生效, 执行中) go to whoever
// takes over — their manager, or no one when there is none (then the admins and finance
// still see them). Completed and void contracts keep their owner: history and credit.
import type { Tx } from "../../db/tx.ts";

const OPEN = ["pending_approval", "rejected", "effective", "executing"];

export async function handOverContracts(tx: Tx, actorId: string | null, repId: string, to: string | null, now: Date, reason: string): Promise<number> {
  const rows = await tx.contract.findMany({ where: { ownerId: repId, status: { in: OPEN } }, select: { id: true } });
  if (!rows.length) return 0;
  await tx.contract.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { ownerId: to, updatedAt: now } });
  await tx.auditEntry.createMany({
    data: rows.map((r) => ({ actorId, action: "assign", entity: "contract", entityId: r.id, detail: { before: { ownerId: repId }, after: { ownerId: to }, reason }, at: now })),
  });
  return rows.length;
}
