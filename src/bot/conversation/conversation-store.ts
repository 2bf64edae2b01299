// One open conversation per user, in the database (so a restart or another replica carries
// on where the last message left off). Expired or unreadable state counts as none.
import { randomBytes } from "node:crypto";
import type { Tx } from "../../db/tx.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { CONVERSATION_TTL_MS, conversationStateSchema, type ConversationState } from "./plan.ts";

export interface OpenConversation {
  token: string;
  state: ConversationState;
}

export async function loadConversation(tx: Tx, userId: string, now: Date): Promise<OpenConversation | null> {
  const row = await tx.conversation.findUnique({ where: { userId } });
  if (!row || row.expiresAt <= now) return null;
  const state = conversationStateSchema.safeParse(row.state);
  return state.success ? { token: row.token, state: state.data } : null;
}

/** Replaces the user's conversation; the new token invalidates older cards. */
export async function saveConversation(tx: Tx, userId: string, state: ConversationState, now: Date): Promise<string> {
  const token = randomBytes(6).toString("hex");
  // Params are whatever an engine proposed: stored as plain JSON (undefined fields dropped).
  const json = JSON.parse(JSON.stringify(state)) as Prisma.InputJsonValue;
  const data = { token, kind: state.kind, state: json, expiresAt: new Date(now.getTime() + CONVERSATION_TTL_MS) };
  await tx.conversation.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return token;
}

export async function endConversation(tx: Tx, userId: string): Promise<void> {
  await tx.conversation.deleteMany({ where: { userId } });
}

/** The command a number opens in the numbered list last shown to the user, if that is what
 * was shown last (a search result list: 2 → 查 客户#12). */
export async function numberedChoice(tx: Tx, recipient: string, n: number): Promise<string | null> {
  const last = await lastShown(tx, recipient);
  const choice = Array.isArray(last?.numbered) ? (last.numbered as unknown[])[n - 1] : undefined;
  return typeof choice === "string" ? choice : null;
}

/** Whether the last message sent to the user (card updates aside) is the card with this
 * task id: a typed number answers a card only while nothing was shown after it. */
export async function lastShownIs(tx: Tx, recipient: string, taskId: string): Promise<boolean> {
  const last = await lastShown(tx, recipient);
  return last?.kind === "card" && last.card?.taskId === taskId;
}

/** The body of the last message sent to the user that they can see (card updates only
 * grey out a card already shown). */
async function lastShown(tx: Tx, recipient: string): Promise<{ kind?: string; numbered?: unknown; card?: { taskId?: string } } | undefined> {
  const recent = await tx.outboxMessage.findMany({ where: { recipient }, orderBy: { id: "desc" }, take: 10, select: { body: true } });
  return recent.map((r) => r.body as { kind?: string; numbered?: unknown; card?: { taskId?: string } }).find((b) => b.kind !== "card_update");
}
