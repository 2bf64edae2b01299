// A departed rep's WeCom external contacts go to whoever now has the customer: the new owner
// of the contact's customer (or of the lead), else the rep's manager (the pool has no one to
// hold a WeChat friendship). The handover schedules one durable job per takeover and batch of
// 100 (WeCom's limit) in its own transaction; the job calls resigned/transfer_customer
// outside any transaction and records here what WeCom answered. A WeCom outage delays the
// job, never drops it.
import { audit } from "../../auth/audit.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import { scheduleJobs } from "../../scheduler/jobs.ts";
import { EXTERNAL_CHANNEL, findExternalIdentity } from "./external-contacts.ts";
import { groupBy } from "../pool/index.ts";

export const RESIGNED_TRANSFER_JOB = "wecom_resigned_transfer";
/** WeCom takes at most this many customers per call. */
export const TRANSFER_BATCH = 100;

export interface TransferPlan {
  /** Customers (external contacts) scheduled for transfer, per takeover. */
  byTakeover: Array<{ user: User; count: number }>;
  /** Customers no one active can take over: they wait in WeCom's 待分配离职成员 list. */
  unassigned: number;
}

export interface ResignedTransfer {
  handoverUserId: string;
  takeoverUserId: string;
  externalUserIds: string[];
}

/** What WeCom answered, per customer (errcode 0: started, done after 24 h), or "refused"
 * for the whole call with its errcode. */
export type TransferAnswer = { kind: "answered"; outcomes: Array<{ externalUserId: string; errcode: number }> } | { kind: "refused"; code: string };

export interface TransferRecord {
  started: number;
  failed: Array<{ externalUserId: string; errcode: number }>;
}

/** The rep's still-followed external contacts, planned for transfer (jobs due now). */
export async function scheduleResignedTransfers(tx: Tx, actorId: string | null, rep: User, manager: User | null, now: Date): Promise<TransferPlan> {
  const identities = await tx.channelIdentity.findMany({
    where: { channel: EXTERNAL_CHANNEL, followUserId: rep.wecomUserId, subscribed: true },
    include: { contact: { include: { customer: { include: { owner: true } } } }, lead: { include: { owner: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (identities.length === 0) return { byTakeover: [], unassigned: 0 };
  const usable = (u: User | null | undefined): User | null => (u && u.active && u.id !== rep.id ? u : null);
  const takeoverOf = new Map<string, User>();
  const groups = groupBy(identities, (i) => {
    const user = usable(i.contact?.customer.owner) ?? usable(i.lead?.owner) ?? manager;
    if (user) takeoverOf.set(user.id, user);
    return user?.id ?? null;
  });
  const byTakeover: TransferPlan["byTakeover"] = [];
  const jobs = [];
  for (const [id, group] of groups) {
    const user = id === null ? undefined : takeoverOf.get(id);
    if (!user) continue;
    byTakeover.push({ user, count: group.length });
    for (let i = 0; i < group.length; i += TRANSFER_BATCH) {
      const payload = { handoverUserId: rep.wecomUserId, takeoverUserId: user.wecomUserId, externalUserIds: group.slice(i, i + TRANSFER_BATCH).map((g) => g.externalId) };
      jobs.push({ kind: RESIGNED_TRANSFER_JOB, dueAt: now, payload });
    }
  }
  await scheduleJobs(tx, jobs, now);
  const unassigned = groups.get(null)?.length ?? 0;
  await audit(tx, {
    actorId,
    action: "transfer_scheduled",
    entity: "user",
    entityId: rep.id,
    detail: { channel: EXTERNAL_CHANNEL, takeovers: Object.fromEntries(byTakeover.map((t) => [t.user.wecomUserId, t.count])), unassigned },
    at: now,
  });
  return { byTakeover, unassigned };
}

/** The external ids of a planned transfer still followed by the leaver (a second plan for the
 * same rep, or a transfer already made, sends nothing twice). */
export async function stillToTransfer(db: Pick<Tx, "channelIdentity">, t: ResignedTransfer): Promise<string[]> {
  const rows = await db.channelIdentity.findMany({
    where: { channel: EXTERNAL_CHANNEL, externalId: { in: t.externalUserIds }, followUserId: t.handoverUserId, subscribed: true },
    select: { externalId: true },
  });
  return rows.map((r) => r.externalId);
}

/** Records WeCom's answer: started transfers follow the takeover from now on; failures and
 * refusals are audited (the caller tells people). */
export async function recordResignedTransfer(tx: Tx, t: ResignedTransfer, answer: TransferAnswer, now: Date): Promise<TransferRecord> {
  const outcomes = answer.kind === "answered" ? answer.outcomes : t.externalUserIds.map((externalUserId) => ({ externalUserId, errcode: Number(answer.code) || -1 }));
  const started = outcomes.filter((o) => o.errcode === 0).map((o) => o.externalUserId);
  const failed = outcomes.filter((o) => o.errcode !== 0);
  if (started.length) {
    await tx.channelIdentity.updateMany({
      where: { channel: EXTERNAL_CHANNEL, externalId: { in: started }, followUserId: t.handoverUserId },
      data: { followUserId: t.takeoverUserId, updatedAt: now },
    });
  }
  const handover = await tx.user.findUnique({ where: { wecomUserId: t.handoverUserId } });
  await audit(tx, {
    actorId: null,
    action: "transfer",
    entity: "user",
    entityId: handover?.id,
    detail: { channel: EXTERNAL_CHANNEL, handover: t.handoverUserId, takeover: t.takeoverUserId, started, failed, ...(answer.kind === "refused" ? { refused: answer.code } : {}) },
    at: now,
  });
  return { started: started.length, failed };
}

/** transfer_fail: WeCom could not hand the customer to the takeover (they refused, or the
 * takeover is at WeCom's customer limit). Audited; returns the customer's name if known. */
export async function recordTransferFailed(tx: Tx, takeoverUserId: string, externalUserId: string, reason: string, now: Date): Promise<string | null> {
  const identity = await findExternalIdentity(tx, externalUserId);
  await audit(tx, {
    actorId: null,
    action: "transfer_failed",
    entity: identity?.contactId ? "contact" : "channel_identity",
    entityId: identity?.contactId ?? identity?.id,
    detail: { channel: EXTERNAL_CHANNEL, externalUserId, takeover: takeoverUserId, reason },
    at: now,
  });
  return identity?.contact?.name ?? identity?.displayName ?? null;
}
