// Writing to the outbox: always inside the transaction of the change that caused it.
import { type Reply, MAX_TEXT_BYTES, splitUtf8 } from "../render/reply.ts";
import type { Tx } from "../db/tx.ts";

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
    const one = m.reply;
    // Only text is split; a card, a file or a card update is one message.
    const parts = one.kind === "text" || one.kind === "markdown" ? splitUtf8(one.text, MAX_TEXT_BYTES).map((t) => ({ ...one, text: t })) : [one];
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
