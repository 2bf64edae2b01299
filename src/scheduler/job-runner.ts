// Runs claimed jobs. One person's jobs due together run in one transaction and reach them
// as one digest; every job's messages go to the outbox in the transaction that marks it
// done, so a job runs (and messages) exactly once. A failing group is retried job by job;
// a failing job backs off and, after maxAttempts, is dead-lettered and admins are told once.
import { activeAdmins } from "../auth/admins.ts";
import { zh } from "../messages/zh.ts";
import { COMMAND_KEY_PREFIX, NOTIFY_CHANNEL } from "../bot/router-keys.ts";
import type { Clock } from "../clock.ts";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import type { Database } from "../db/database.ts";
import type { Tx } from "../db/tx.ts";
import type { Logger } from "../log.ts";
import { enqueue, type OutgoingMessage } from "../outbox/outbox.ts";
import { text } from "../render/reply.ts";
import { isoWeekKey, localDateKey, spreadOffsetMs } from "../util/local-time.ts";
import { forEachLimited } from "../util/pace.ts";
import type { ClaimedJob, DigestPeriod, JobKind, JobMessage } from "./job-kind.ts";
import { quietRelease, quietUntil } from "./quiet-hours.ts";

export interface RunnerOptions {
  owner: string;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Jobs without a recipient run this many to a transaction. */
  chunkSize: number;
  /** Groups run at once (transactions in flight). */
  concurrency: number;
}

/** The local day or ISO week a time falls in. */
const periodKey = (period: DigestPeriod, at: Date, timeZone: string): string => (period === "week" ? isoWeekKey(at, timeZone) : localDateKey(at, timeZone));

/** A message's digest line; a card's command buttons follow as commands to type, so merging
 * never loses what the card let its reader do. */
function digestEntry(m: JobMessage): string {
  const buttons = m.reply.kind === "card" ? m.reply.card.buttons : [];
  const actions = buttons.filter((b) => b.key.startsWith(COMMAND_KEY_PREFIX)).map((b) => ({ text: b.text, command: b.key.slice(COMMAND_KEY_PREFIX.length) }));
  return actions.length ? `${zh.digestLine(m.line)}\n${zh.digestActions(actions)}` : zh.digestLine(m.line);
}

export class JobRunner {
  private readonly kinds = new Map<string, JobKind>();

  constructor(
    private readonly db: Database,
    kinds: readonly JobKind[],
    private readonly clock: Clock,
    private readonly settings: CrmSettings,
    private readonly timeZone: string,
    private readonly log: Logger,
    private readonly o: RunnerOptions,
  ) {
    for (const k of kinds) this.kinds.set(k.kind, k);
  }

  /** Runs a claimed batch: grouped by recipient, each group in its own transaction. */
  async run(jobs: ClaimedJob[]): Promise<void> {
    // Jobs for no one in particular share transactions in chunks (throughput); a failing
    // chunk or group is retried job by job so one bad job never holds up the others.
    const groups = new Map<string, ClaimedJob[]>();
    let anonymous = 0;
    for (const j of jobs) {
      // A job with outside work (prepare) runs alone: its retry never repeats another's call.
      const key = this.kinds.get(j.kind)?.prepare ? `alone:${j.id}` : (j.recipientId ?? `chunk:${Math.floor(anonymous++ / this.o.chunkSize)}`);
      groups.set(key, [...(groups.get(key) ?? []), j]);
    }
    // Groups are independent (one person each, or no one): on PostgreSQL several run at once
    // so Node and the database work in parallel; PGlite has one connection (concurrency 1).
    await forEachLimited([...groups.values()], this.o.concurrency, async (group) => {
      try {
        await this.runGroup(group);
      } catch (e) {
        if (group.length === 1) await this.fail(group[0]!, e as Error);
        else for (const j of group) await this.runAlone(j);
      }
    });
  }

  private async runAlone(job: ClaimedJob): Promise<void> {
    try {
      await this.runGroup([job]);
    } catch (e) {
      await this.fail(job, e as Error);
    }
  }

  private async runGroup(group: ClaimedJob[]): Promise<void> {
    const prepared = new Map<bigint, unknown>();
    for (const job of group) {
      const prepare = this.kinds.get(job.kind)?.prepare;
      if (prepare) prepared.set(job.id, await prepare(job.payload, this.db.prisma));
    }
    const now = this.clock.now();
    await this.db.prisma.$transaction(async (tx) => {
      const ids = group.map((j) => j.id);
      // Still ours, and locked until commit: a claimer whose SKIP LOCKED meets these rows
      // passes them by even if our lease runs out meanwhile.
      const mine = await tx.$queryRaw<Array<{ id: bigint }>>`
        SELECT id FROM jobs WHERE id = ANY(${ids}::bigint[]) AND status = 'running' AND lease_owner = ${this.o.owner} FOR UPDATE`;
      const live = group.filter((j) => mine.some((m) => BigInt(m.id) === j.id));
      const messages: JobMessage[] = [];
      const done: bigint[] = [];
      for (const job of live) {
        const outcome = await this.runJob(tx, job, now, prepared.get(job.id));
        if (outcome === "deferred") continue;
        messages.push(...outcome);
        done.push(job.id);
      }
      await enqueue(tx, await this.outgoing(tx, messages, done), now);
      if (done.length) {
        await tx.job.updateMany({
          where: { id: { in: done } },
          data: { status: "done", finishedAt: now, leaseOwner: null, leaseUntil: null, lastError: null },
        });
      }
    });
  }

  private async runJob(tx: Tx, job: ClaimedJob, now: Date, prepared: unknown): Promise<JobMessage[] | "deferred"> {
    const kind = this.kinds.get(job.kind);
    if (!kind) throw new Error(`no job kind "${job.kind}"`);
    const r = this.settings.reminders;
    const urgent = job.urgent || r.urgentKinds.includes(job.kind);
    // A job due in quiet hours is meant to run when they end: late only from then (a
    // quiet-hours hold is no outage).
    const release = kind.quiet === "defer" && !urgent ? quietRelease(job.kind, job.dueAt, r, this.timeZone, job.recipientId ?? String(job.id)) : null;
    const lateMs = now.getTime() - (release ?? job.dueAt).getTime();
    if (kind.digest && (lateMs > r.skipDigestsOlderThanHours * 3_600_000 || periodKey(kind.digest, job.dueAt, this.timeZone) !== periodKey(kind.digest, now, this.timeZone))) {
      this.log.warn({ job: String(job.id), kind: job.kind, dueAt: job.dueAt }, "skipping a recurring digest whose period is over (missed for too long)");
      return [];
    }
    const until = kind.quiet === "defer" && !urgent ? quietUntil(now, r.quietHours, this.timeZone) : null;
    if (until) {
      const runAt = new Date(until.getTime() + spreadOffsetMs(job.recipientId ?? String(job.id), r.spreadMinutes));
      await tx.job.update({ where: { id: job.id }, data: { status: "pending", runAt, attempts: { decrement: 1 }, leaseOwner: null, leaseUntil: null } });
      return "deferred";
    }
    const lateMinutes = lateMs > r.lateAfterMinutes * 60_000 ? Math.round(lateMs / 60_000) : 0;
    return kind.run({ tx, now, job, settings: this.settings, timeZone: this.timeZone, lateMinutes, quietRelease: release }, job.payload, prepared);
  }

  /** One message per person: a lone reply as it is, several merged into a digest. */
  private async outgoing(tx: Tx, messages: JobMessage[], done: bigint[]): Promise<OutgoingMessage[]> {
    if (messages.length === 0) return [];
    const byUser = new Map<string, JobMessage[]>();
    for (const m of messages) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
    const users = await tx.user.findMany({ where: { id: { in: [...byUser.keys()] }, active: true }, select: { id: true, wecomUserId: true } });
    // A job is done in exactly one committed group, so its id names the group's messages.
    const key = `${done[0]}+${done.length}`;
    return users.flatMap((u) => {
      const all = byUser.get(u.id)!;
      const alone = all.filter((m) => m.alone).map((m) => m.reply);
      const rest = all.filter((m) => !m.alone);
      const digest = rest.length <= 1 ? rest.map((m) => m.reply) : [text([zh.digestTitle(rest.length), ...rest.map(digestEntry)].join("\n"))];
      return [...alone, ...digest].map((reply, i) => ({ channel: NOTIFY_CHANNEL, recipient: u.wecomUserId, reply, dedupeKey: `job:${key}:${u.id}:${i}` }));
    });
  }

  private async fail(job: ClaimedJob, err: Error): Promise<void> {
    const now = this.clock.now();
    const message = err.message.slice(0, 500);
    if (job.attempts < this.o.maxAttempts) {
      const backoff = Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** (job.attempts - 1));
      this.log.warn({ job: String(job.id), kind: job.kind, attempts: job.attempts, err: message }, "job failed; will retry");
      await this.db.prisma.job.updateMany({
        where: { id: job.id, leaseOwner: this.o.owner },
        data: { status: "pending", runAt: new Date(now.getTime() + backoff), lastError: message, leaseOwner: null, leaseUntil: null },
      });
      return;
    }
    this.log.error({ job: String(job.id), kind: job.kind, err: message }, "job dead-lettered");
    await this.db.prisma.$transaction(async (tx) => {
      const r = await tx.job.updateMany({
        where: { id: job.id, leaseOwner: this.o.owner },
        data: { status: "dead", finishedAt: now, lastError: message, leaseOwner: null, leaseUntil: null },
      });
      if (r.count === 0) return;
      const admins = await activeAdmins(tx);
      await enqueue(
        tx,
        admins.map((a) => ({
          channel: NOTIFY_CHANNEL,
          recipient: a.wecomUserId,
          reply: text(zh.jobDead(job.kind, String(job.id), message)),
          dedupeKey: `job-dead:${job.id}:${a.id}`,
        })),
        now,
      );
    });
  }
}
