// What became of a rep's 回复 to an Official Account follower. The reply is sent by the outbox
// after the action's transaction, so WeChat's refusal (48-hour window 45015, message quota
// 45047, unfollowed 43004, or anything else) is only known then: the follow-up that recorded
// the reply is marked undelivered with the reason, and the rep is told why — in the
// transaction that records the outbox row's failure.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import { zhFollowers } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { MP, REPLY_WINDOW_MS } from "./followers.ts";
import { formatWhen } from "../../time/when.ts";

const TRACK_PREFIX = "follow_up:";

/** The outbox `track` of a reply recorded as this follow-up. */
export const followUpTrack = (followUpId: string): string => `${TRACK_PREFIX}${followUpId}`;

export interface ReplyOutcome {
  track: string;
  recipient: string;
  status: "sent" | "failed";
  code: string | null;
}

/** The notice for the rep when their reply was refused (null: not a tracked reply, or sent). */
export async function settleFollowerReply(tx: Tx, outcome: ReplyOutcome, now: Date, timeZone: string): Promise<{ to: User; reply: Reply } | null> {
  if (!outcome.track.startsWith(TRACK_PREFIX) || outcome.status === "sent") return null;
  const followUp = await tx.followUp.findUnique({
    where: { id: outcome.track.slice(TRACK_PREFIX.length) },
    include: { author: true, customer: { select: { name: true } }, lead: { select: { name: true } } },
  });
  if (!followUp || followUp.channel === zhFollowers.replyUndeliveredChannel) return null;
  const identity = await tx.channelIdentity.findUnique({ where: { channel_externalId: { channel: MP, externalId: outcome.recipient } } });
  const code = outcome.code ?? "";
  const why = await refusalText(tx, code, identity, now, timeZone);
  const short = zhFollowers.replyRefusedShort[code] ?? zhFollowers.replyRefusedShort["other"]!;
  const content = followUp.content.replace(/^公众号回复：/, "");
  await tx.followUp.update({ where: { id: followUp.id }, data: { channel: zhFollowers.replyUndeliveredChannel, content: zhFollowers.replyUndeliveredContent(short, content) } });
  const name = followUp.customer?.name ?? followUp.lead?.name ?? "";
  return { to: followUp.author, reply: text(zhFollowers.replyNotDelivered(name, content, why)) };
}

async function refusalText(
  tx: Tx,
  code: string,
  identity: { id: string; lastInboundAt: Date | null; subscribed: boolean } | null,
  now: Date,
  timeZone: string,
): Promise<string> {
  const last = identity?.lastInboundAt ?? null;
  switch (code) {
    case "45015": {
      const lastText = last ? formatWhen(last, timeZone) : "—";
      // Say what is true: our own record decides whether the window had really passed.
      return last && now.getTime() - last.getTime() <= REPLY_WINDOW_MS ? zhFollowers.replyRefusedWindowEarly(lastText) : zhFollowers.replyRefusedWindow(lastText);
    }
    case "45047":
      return zhFollowers.replyRefusedQuota;
    case "43004":
      if (identity?.subscribed) await tx.channelIdentity.update({ where: { id: identity.id }, data: { subscribed: false, unsubscribedAt: now } });
      return zhFollowers.replyRefusedUnfollowed;
    default:
      return zhFollowers.replyRefusedOther(code ? `错误码 ${code}` : "发送失败");
  }
}
