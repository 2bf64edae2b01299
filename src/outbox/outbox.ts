// Writing to the outbox: always inside the transaction of the change that caused it.
import { type Reply, MAX_TEXT_BYTES, splitUtf8 } from "../render/reply.ts";
import type { Tx } from "../db/tx.ts";
import { insertSkippingDuplicates, jsonText, type Column } from "../db/raw-insert.ts";

type Row = { channel: string; recipient: string; body: unknown; dedupeKey: string; causeEventId: bigint | undefined; createdAt: Date; nextAttemptAt: Date };
const COLUMNS: Column<Row>[] = [
  { name: "channel", cast: "text", value: (r) => r.channel },
  { name: "recipient", cast: "text", value: (r) => r.recipient },
  { name: "body", cast: "jsonb", value: (r) => jsonText(r.body) },
  { name: "dedupe_key", cast: "text", value: (r) => r.dedupeKey },
  { name: "cause_event_id", cast: "bigint", value: (r) => r.causeEventId ?? null },
  { name: "created_at", cast: "timestamptz", value: (r) => r.createdAt },
  { name: "next_attempt_at", cast: "timestamptz", value: (r) => r.nextAttemptAt },
];

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
  const rows = messages.flatMap((m): Row[] => {
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
  return insertSkippingDuplicates(tx, "outbox_messages", COLUMNS, rows);
}
