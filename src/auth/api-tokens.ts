// Bearer tokens for integrations. The token is shown once; only its SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../db/tx.ts";
import type { Prisma } from "../db/database.ts";
import { audit } from "./audit.ts";
import type { User } from "./users.ts";

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export async function createApiToken(tx: Tx, actor: User, name: string, now: Date): Promise<{ token: string } | { exists: true }> {
  const token = `wcrm_${randomBytes(24).toString("base64url")}`;
  const created = await tx.apiToken.createMany({
    data: [{ name, tokenHash: hashToken(token), createdById: actor.id, createdAt: now }],
    skipDuplicates: true,
  });
  if (created.count === 0) return { exists: true };
  await audit(tx, { actorId: actor.id, action: "create", entity: "api_token", entityId: name, at: now });
  return { token };
}

export async function revokeApiToken(tx: Tx, actor: User, name: string, now: Date): Promise<boolean> {
  const r = await tx.apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: now } });
  if (r.count > 0) await audit(tx, { actorId: actor.id, action: "revoke", entity: "api_token", entityId: name, at: now });
  return r.count > 0;
}

export function listApiTokens(tx: Tx) {
  return tx.apiToken.findMany({ orderBy: { createdAt: "asc" }, include: { createdBy: true } });
}

export type TokenCheck = { ok: true; user: User; tokenId: string } | { ok: false; status: 401 | 403; reason: string };

/** 401: no or unknown token. 403: a known token that may no longer act (revoked, or its
 * admin left or lost the role). */
export async function authenticateToken(db: Prisma, header: string | undefined, now: Date): Promise<TokenCheck> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!token) return { ok: false, status: 401, reason: "missing bearer token" };
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { createdBy: true } });
  if (!row) return { ok: false, status: 401, reason: "unknown token" };
  if (row.revokedAt) return { ok: false, status: 403, reason: "token revoked" };
  if (!row.createdBy.active || row.createdBy.role !== "admin") return { ok: false, status: 403, reason: "token owner is no longer an admin" };
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { ok: true, user: row.createdBy, tokenId: row.id };
}
