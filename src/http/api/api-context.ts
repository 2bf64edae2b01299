// What every REST handler needs: authentication by bearer token, a transaction whose
// notifications go out through the outbox, zod errors as 400 field lists.
import express, { type ErrorRequestHandler, type Request, type Response } from "express";
import { z } from "zod";
import { authenticateToken } from "../../auth/api-tokens.ts";
import type { User } from "../../auth/users.ts";
import type { Clock } from "../../clock.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Database } from "../../db/database.ts";
import type { Tx } from "../../db/tx.ts";
import type { Logger } from "../../log.ts";
import { enqueue, type OutgoingMessage } from "../../outbox/outbox.ts";
import { NOTIFY_CHANNEL } from "../../bot/router-keys.ts";
import type { Reply } from "../../render/reply.ts";

export interface ApiDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  settings: CrmSettings;
  admins: readonly string[];
  /** For local times in exported files. */
  timeZone: string;
  /** Wakes the outbox dispatcher after a commit that queued messages. */
  wakeOutbox: () => void;
}

export interface ApiCall {
  user: User;
  tokenId: string;
  now: Date;
  tx: Tx;
  notify(wecomUserId: string, reply: Reply): void;
  /** A message on another channel (an Official Account follower), queued with the change. */
  send(channel: string, recipient: string, reply: Reply): void;
}

/** A record's code as a client may send it: a PostgreSQL integer (larger ones → 400, never a 500). */
export const recordCode = z.number().int().positive().max(2_147_483_647);

export const jsonBody = express.json({ limit: "100kb" });

/** Unreadable JSON or an oversized body: a 4xx in JSON, like every other API answer (use
 * after a router's routes). */
export const onBodyError: ErrorRequestHandler = (err: { status?: number }, _req, res, next) => {
  if (err.status === undefined || err.status >= 500) return next(err);
  res.status(err.status === 413 ? 413 : 400).json({ error: err.status === 413 ? "body too large" : "body is not valid JSON" });
};

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[i.path.join(".") || "(body)"] ??= i.message;
  return out;
}

/** A handler's answer: JSON, or a file (a CSV export) sent as an attachment. */
export type ApiResult = { status: number; body: unknown; file?: { name: string; content: string | Buffer; type: string } };

/** Authenticates, then runs `fn` in one transaction with its notifications. */
/** Prisma's P2002 (unique constraint), also when a driver adapter reports PostgreSQL's 23505. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  return err?.code === "P2002" || err?.cause?.code === "23505" || (typeof err?.message === "string" && /Unique constraint failed|23505|duplicate key/.test(err.message));
}

export function handler(deps: ApiDeps, fn: (req: Request, call: ApiCall) => Promise<ApiResult>) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = deps.clock.now();
    const auth = await authenticateToken(deps.db.prisma, req.header("authorization"), now).catch(() => null);
    if (!auth) {
      res.status(503).json({ error: "database unavailable" });
      return;
    }
    if (!auth.ok) {
      deps.log.warn({ path: req.path, reason: auth.reason }, "api: rejected");
      res.status(auth.status).json({ error: auth.status === 401 ? "unauthorized" : "forbidden" });
      return;
    }
    let queued = 0;
    try {
      const out = await deps.db.prisma.$transaction(async (tx) => {
        const notes: OutgoingMessage[] = [];
        const callId = `${auth.tokenId}:${now.getTime()}:${Math.random().toString(36).slice(2, 10)}`;
        const result = await fn(req, {
          user: auth.user,
          tokenId: auth.tokenId,
          now,
          tx,
          notify: (to, reply) => notes.push({ channel: NOTIFY_CHANNEL, recipient: to, reply, dedupeKey: `api:${callId}:${notes.length}` }),
          send: (channel, to, reply) => notes.push({ channel, recipient: to, reply, dedupeKey: `api:${callId}:${notes.length}` }),
        });
        queued = await enqueue(tx, notes, now);
        return result;
      });
      if (queued > 0) deps.wakeOutbox();
      if (out.file) res.status(out.status).type(out.file.type).attachment(out.file.name).send(out.file.content);
      else res.status(out.status).json(out.body);
    } catch (e) {
      // two calls racing for the same unique value (an externalId, a number): the loser's
      // transaction is rolled back whole; it is a conflict to retry, not a server fault
      if (isUniqueViolation(e)) {
        deps.log.warn({ path: req.path }, "api: unique conflict");
        res.status(409).json({ error: "conflict: the record was written by a concurrent request; retry to read it" });
        return;
      }
      deps.log.error({ path: req.path, err: (e as Error).message }, "api: failed");
      res.status(500).json({ error: "internal error" });
    }
  };
}
