// Renewal (续约): jobs per contract and end date, at 09:00 local on the days before the end
// date that the settings name — contracts.renewalLeadDays (the renewal opportunity is made for
// the owner: same customer, "<title>（续约）", the contract's amount, the first open stage)
// and each of contracts.renewalReminderDays (a reminder). Scheduled when the contract is made
// or its end date changes, whatever its status; each job decides when it runs: a contract not
// (or no longer) in force, an end date changed since, or a renewal opportunity already won or
// lost, gets nothing. Quiet hours hold the notices back like other pushes.
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { cancelJobs, scheduleJobs, type NewJob } from "../../scheduler/jobs.ts";
import { atLocal, localDateKey } from "../../util/local-time.ts";
import { formatYuan } from "../money/index.ts";
import { scheduleStallCheck } from "../opportunities/index.ts";
import { LIVE_CONTRACT_STATUSES, type ContractStatus } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

export const CONTRACT_RENEWAL_JOB = "contract.renewal";
const DAY_MS = 86_400_000;

/** The days before the end date on which something happens, largest first. */
export const renewalDays = (settings: CrmSettings): number[] =>
  [...new Set([settings.contracts.renewalLeadDays, ...settings.contracts.renewalReminderDays])].sort((a, b) => b - a);

const keyOf = (contractId: string, end: string, days: number) => `contract-renewal:${contractId}:${end}:${days}`;

/** Jobs for the end date `end` (YYYY-MM-DD); days already past are skipped, except the
 * renewal opportunity itself, which is made at once when the lead time has begun. */
export async function scheduleRenewal(tx: Tx, c: { id: string; ownerId: string | null }, end: string | null, settings: CrmSettings, timeZone: string, now: Date): Promise<number> {
  if (!end || !c.ownerId) return 0;
  const [y, m, d] = end.split("-").map(Number) as [number, number, number];
  if (atLocal(y, m, d, 9 * 60, timeZone) <= now) return 0;
  const jobs: NewJob[] = [];
  for (const days of renewalDays(settings)) {
    let dueAt = atLocal(y, m, d - days, 9 * 60, timeZone);
    if (dueAt <= now) {
      if (days !== settings.contracts.renewalLeadDays) continue;
      dueAt = now;
    }
    jobs.push({ kind: CONTRACT_RENEWAL_JOB, dueAt, uniqueKey: keyOf(c.id, end, days), recipientId: c.ownerId, payload: { contractId: c.id, endDate: end, daysBefore: days } });
  }
  return scheduleJobs(tx, jobs, now);
}

/** The jobs of an end date that no longer holds. */
export function cancelRenewal(tx: Tx, contractId: string, end: string | null, settings: CrmSettings, now: Date): Promise<number> {
  if (!end) return Promise.resolve(0);
  return cancelJobs(tx, renewalDays(settings).map((days) => keyOf(contractId, end, days)), now);
}

export const contractRenewalJob = defineJobKind({
  kind: CONTRACT_RENEWAL_JOB,
  payload: z.object({ contractId: z.uuid(), endDate: z.string(), daysBefore: z.number().int().min(0) }),
  quiet: "defer",
  async run(ctx, p) {
    const c = await ctx.tx.contract.findUnique({
      where: { id: p.contractId },
      include: { customer: { select: { name: true } }, renewalOpportunity: { select: { code: true, closedAt: true } } },
    });
    if (!c || !c.ownerId || !c.endDate || c.endDate.toISOString().slice(0, 10) !== p.endDate) return [];
    if (!LIVE_CONTRACT_STATUSES.includes(c.status as ContractStatus)) return [];
    if (c.renewalOpportunity?.closedAt) return [];
    const today = localDateKey(ctx.now, ctx.timeZone);
    const daysLeft = Math.round((Date.parse(`${p.endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    if (daysLeft < 0) return [];
    let renewal = c.renewalOpportunity?.code ?? null;
    let line: string;
    if (!c.renewalOpportunityId && daysLeft <= ctx.settings.contracts.renewalLeadDays) {
      renewal = await createRenewalOpportunity(ctx.tx, c, ctx.settings, ctx.now);
      line = zhContracts.renewalCreated(c.number, p.endDate, daysLeft, renewal);
    } else line = zhContracts.renewalReminder(c.number, c.customer.name, p.endDate, daysLeft, renewal);
    return [{ userId: c.ownerId, line, reply: text(line) }];
  },
});

async function createRenewalOpportunity(
  tx: Tx,
  c: { id: string; number: string; title: string; customerId: string; ownerId: string | null; amountFen: bigint; endDate: Date | null },
  settings: CrmSettings,
  now: Date,
): Promise<number> {
  const first = settings.opportunities.stages.find((s) => !s.outcome)!.name;
  const opp = await tx.opportunity.create({
    data: {
      customerId: c.customerId,
      name: zhContracts.renewalName(c.title).slice(0, 120),
      stage: first,
      amount: formatYuan(Number(c.amountFen)),
      expectedCloseDate: c.endDate,
      ownerId: c.ownerId,
      stageChangedAt: now,
      createdAt: now,
      updatedAt: now,
      stageChanges: { create: { fromStage: null, toStage: first, actorId: null, reason: zhContracts.renewalStageReason(c.number), at: now } },
    },
  });
  await tx.contract.update({ where: { id: c.id }, data: { renewalOpportunityId: opp.id, updatedAt: now } });
  await scheduleStallCheck(tx, opp, settings, now);
  await audit(tx, { actorId: null, action: "create", entity: "opportunity", entityId: opp.id, detail: { after: { code: opp.code, amount: Number(c.amountFen), renewalOf: c.number } }, at: now });
  await audit(tx, { actorId: null, action: "update", entity: "contract", entityId: c.id, detail: { before: { renewalOpportunityId: null }, after: { renewalOpportunityId: opp.id } }, at: now });
  return opp.code;
}
