// WeCom refuses a template card whose task_id the app already used. Cards are built by
// many parts of the bot (a conversation's card shown again, a reminder fired twice, …), so
// the outbox makes every sent card's task_id unique: the id the card was built with (kept
// in the stored body, where approvals look it up) plus the outbox row's own id.
import type { Reply } from "../render/reply.ts";

/** WeCom's limit for task_id. */
const MAX_TASK_ID = 128;

export function withUniqueTaskId(reply: Reply, outboxId: string): Reply {
  if (reply.kind !== "card") return reply;
  const suffix = `-o${outboxId}`;
  return { ...reply, card: { ...reply.card, taskId: `${reply.card.taskId.slice(0, MAX_TASK_ID - suffix.length)}${suffix}` } };
}
