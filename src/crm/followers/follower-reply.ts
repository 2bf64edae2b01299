// 回复 <客户|线索> <内容>: a rep answers an Official Account follower through the
// customer-service message API — only within 48 hours of the follower's last interaction
// (WeChat's rule; after that the rep is told why not). The answer is kept as a follow-up; the
// outbox sends it after this transaction, and a refusal WeChat gives then marks the follow-up
// undelivered and tells the rep why (crm/follower-reply-outcome.ts).
import { z } from "zod";
import { recordFollowUp, targetName, isReply, target as findTarget } from "../follow-ups/index.ts";
import { followerOfRecord, MP, REPLY_WINDOW_MS } from "./followers.ts";
import { followUpTrack } from "./follower-reply-outcome.ts";
import { formatWhen } from "../../time/when.ts";
import { zhFollowers } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";

export const followerReplyAction = defineAction({
  name: "follower.reply",
  command: "回复",
  aliases: ["reply"],
  summary: "通过公众号回复客户的留言（客户最后留言 48 小时内）",
  usage: "回复 <客户|线索> <内容>",
  example: "回复 客户#12 您好，报价单已发到您邮箱，请查收。",
  params: z.object({
    ref: z.string().trim().min(1).max(64),
    content: z.string().trim().min(1).max(600, "回复最多 600 个字"),
  }),
  labels: { ref: "客户或线索", content: "回复内容" },
  fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, content: rest.join(" ") || undefined } }),
  roles: ALL_ROLES,
  effect: "write",
  freeText: "typed",
  refs: { ref: "target" },
  async run(ctx, p) {
    const target = await findTarget(ctx, p.ref, "write");
    if (isReply(target)) return [target];
    const name = targetName(target);
    const follower = await followerOfRecord(ctx.tx, target.kind === "customer" ? { customerId: target.customer.id } : { leadId: target.lead.id });
    if (!follower) return [text(zhFollowers.replyNoFollower(name))];
    if (!follower.subscribed) return [text(zhFollowers.replyUnsubscribed(name))];
    if (!follower.lastInboundAt) return [text(zhFollowers.replyNoInteraction(name))];
    if (ctx.now.getTime() - follower.lastInboundAt.getTime() > REPLY_WINDOW_MS) {
      return [text(zhFollowers.replyWindowClosed(name, formatWhen(follower.lastInboundAt, ctx.timeZone)))];
    }
    const followUp = await recordFollowUp(ctx.tx, ctx.actor, target, { content: zhFollowers.replyFollowUpContent(p.content), channel: "公众号" }, ctx.now);
    ctx.sendTo(MP, follower.externalId, { kind: "text", text: p.content, track: followUpTrack(followUp.id) });
    return [text(zhFollowers.replySent(name))];
  },
});
