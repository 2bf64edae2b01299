// Writing to the outbox: always inside the transaction of the change that caused it.
import type { Reply } from "../render/reply.ts";
import { splitUtf8 } from "../render/reply.ts";
import type { Tx } from "../db/tx.ts";

/** WeCom text and markdown bodies are at most 2048 bytes; keep a margin. */
const MAX_TEXT_BYTES = 2000;

export interface OutgoingMessage {
  channel: string;
  recipient: string;
  reply: Reply;
  /** Same key → same message: re-running the cause never sends twice. */
  dedupeKey: string;
  causeEventId?: bigint;
  notBefore?: Date;
}

export async function enqueue(tx: Tx, messages: OutgoingMessage[], now: Date): Promise<number> {
  const rows = messages.flatMap((m) => {
    const parts =
      m.reply.kind === "card" || m.reply.kind === "file" ? [m.reply] : splitUtf8(m.reply.text, MAX_TEXT_BYTES).map((t) => ({ ...m.reply, text: t }));
    return parts.map((reply, i) => ({
      channel: m.channel,
      recipient: m.recipient,
      body: reply,
      dedupeKey: parts.length === 1 ? m.dedupeKey : `${m.dedupeKey}#${i + 1}`,
      causeEventId: m.causeEventId,
      createdAt: now,
      nextAttemptAt: m.notBefore ?? now,
    }));
  });
  if (rows.length === 0) return 0;
  const r = await tx.outboxMessage.createMany({ data: rows, skipDuplicates: true });
  return r.count;
}
