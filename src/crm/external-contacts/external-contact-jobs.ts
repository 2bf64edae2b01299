// The scheduler's WeCom 客户联系 work, each calling WeCom in `prepare` (outside the
// transaction) and recording the answer in `run`. A retryable failure (network, 5xx, busy,
// token, misconfiguration) is a failed attempt: backoff, then dead with the admins told — a
// WeCom outage delays the work, never drops it. A permanent refusal is recorded and told.
// - wecom_external_contact_sync: a customer's profile that could not be read at event time.
// - wecom_resigned_transfer: a departed rep's customers handed to a colleague (≤ 100 a job).
import { activeAdmins } from "../../auth/admins.ts";
import { z } from "zod";
import { ensureUser } from "../../auth/users.ts";
import { WecomApiError } from "../../channels/wecom/api-client.ts";
import type { ExternalContactApi, ExternalContactProfile } from "../../channels/wecom/external-contact-api.ts";
import { EXTERNAL_CONTACT_SYNC_JOB, syncProfile } from "./external-contact-sync.ts";
import { factsFromProfile, type Notice } from "./external-contact-notices.ts";
import { audit } from "../../auth/audit.ts";
import { findExternalIdentity } from "./external-contacts.ts";
import {
  recordResignedTransfer,
  RESIGNED_TRANSFER_JOB,
  stillToTransfer,
  TRANSFER_BATCH,
  type TransferAnswer,
} from "./external-transfer.ts";
import type { Tx } from "../../db/tx.ts";
import { zh } from "../../messages/zh.ts";
import { zhExternal } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind, type JobKind, type JobMessage } from "../../scheduler/job-kind.ts";

/** WeCom's answer when the handing-over member is still in the directory (该成员尚未离职). [memory] */
const NOT_RESIGNED = "40097";

const noApi = () => new Error("WeCom is not configured here: 客户联系 calls need the WECOM_* settings");

/** Runs a WeCom call; a permanent refusal becomes a value (recorded, not retried), anything else throws. */
async function orRefusal<T>(call: () => Promise<T>): Promise<T | { refused: string }> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof WecomApiError && e.kind === "permanent") return { refused: e.code };
    throw e;
  }
}

const messagesOf = (notices: Notice[]): JobMessage[] => notices.map((n) => ({ userId: n.user.id, reply: text(n.text), line: n.text }));

export function externalContactSyncJob(api: ExternalContactApi | undefined): JobKind {
  return defineJobKind({
    kind: EXTERNAL_CONTACT_SYNC_JOB,
    payload: z.object({ externalUserId: z.string().min(1), followUserId: z.string().min(1), state: z.string().optional() }),
    quiet: "run",
    async prepare(p): Promise<ExternalContactProfile | { refused: string }> {
      if (!api) throw noApi();
      return orRefusal(() => api.profile(p.externalUserId));
    },
    async run(ctx, p, read) {
      if (!read) throw new Error("the profile was not read");
      const rep = await ensureUser(ctx.tx, p.followUserId, []);
      if ("refused" in read) {
        const identity = await findExternalIdentity(ctx.tx, p.externalUserId);
        await audit(ctx.tx, { actorId: null, action: "profile_unreadable", entity: "channel_identity", entityId: identity?.id, detail: { externalUserId: p.externalUserId, code: read.refused }, at: ctx.now });
        // A linked contact keeps what it had; an unlinked one needs the rep's hand.
        return identity?.contactId ? [] : messagesOf([{ user: rep, text: zhExternal.externalProfileUnreadable(read.refused) }]);
      }
      return messagesOf(await syncProfile(ctx.tx, rep, factsFromProfile(read, p.followUserId, p.state), ctx.now));
    },
  });
}

interface TransferRead {
  ids: string[];
  answer: TransferAnswer;
}

async function transferMessages(tx: Tx, handoverUserId: string, takeoverUserId: string, started: number, failed: Array<{ errcode: number }>, refused: string | null): Promise<JobMessage[]> {
  const users = await tx.user.findMany({ where: { wecomUserId: { in: [handoverUserId, takeoverUserId] } } });
  const name = (id: string) => {
    const u = users.find((x) => x.wecomUserId === id);
    return u ? zh.whoName(u.name, id) : id;
  };
  const takeover = users.find((u) => u.wecomUserId === takeoverUserId);
  const notices: Notice[] = started && takeover ? [{ user: takeover, text: zhExternal.transferStarted(name(handoverUserId), started) }] : [];
  if (failed.length) {
    const line =
      refused === NOT_RESIGNED
        ? zhExternal.transferNotResigned(name(handoverUserId), failed.length)
        : zhExternal.transferFailures(name(handoverUserId), name(takeoverUserId), failed.length, [...new Set(failed.map((f) => f.errcode))].join("、"));
    const admins = await activeAdmins(tx);
    notices.push(...admins.map((user) => ({ user, text: line })));
  }
  return messagesOf(notices);
}

export function resignedTransferJob(api: ExternalContactApi | undefined): JobKind {
  return defineJobKind({
    kind: RESIGNED_TRANSFER_JOB,
    payload: z.object({
      handoverUserId: z.string().min(1),
      takeoverUserId: z.string().min(1),
      externalUserIds: z.array(z.string().min(1)).min(1).max(TRANSFER_BATCH),
    }),
    quiet: "run",
    async prepare(p, db): Promise<TransferRead | null> {
      const ids = await stillToTransfer(db, p);
      if (ids.length === 0) return null;
      if (!api) throw noApi();
      const r = await orRefusal(() => api.transferResigned(p.handoverUserId, p.takeoverUserId, ids));
      return { ids, answer: "refused" in r ? { kind: "refused", code: r.refused } : { kind: "answered", outcomes: r } };
    },
    async run(ctx, p, read) {
      if (read === undefined) throw new Error("the transfer was not made");
      if (read === null) return [];
      const r = await recordResignedTransfer(ctx.tx, { ...p, externalUserIds: read.ids }, read.answer, ctx.now);
      return transferMessages(ctx.tx, p.handoverUserId, p.takeoverUserId, r.started, r.failed, read.answer.kind === "refused" ? read.answer.code : null);
    },
  });
}

export const externalContactJobKinds = (api: ExternalContactApi | undefined): JobKind[] => [externalContactSyncJob(api), resignedTransferJob(api)];
