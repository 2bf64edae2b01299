import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { followUpHistory, recordFollowUp, resolveTarget, targetName, type FollowUpTarget } from "./follow-ups.ts";
import { formatWhen, parseWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhFollowUps } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { heldUntil } from "../reminders/index.ts";

/** The customer or lead a user named, or the "not found" reply (a miss outside their scope is audited). */
export async function target(ctx: ActionContext, ref: string, intent: "read" | "write"): Promise<FollowUpTarget | Reply> {
  const t = await resolveTarget(ctx.tx, ctx.actor, ref);
  if (t) return t;
  await audit(ctx.tx, { actorId: ctx.actor.id, action: `${intent}_denied`, entity: "customer_or_lead", detail: { ref }, at: ctx.now });
  return text(zhFollowUps.targetNotFound(ref));
}
export const isReply = (x: FollowUpTarget | Reply): x is Reply => x.kind !== "customer" && x.kind !== "lead";

/** 跟进 <对象> <内容…> [下次 <时间…>] */
function fromTokens(tokens: string[]): TokenResult {
  const [ref, ...rest] = tokens;
  const cut = rest.findIndex((t) => t === "下次" || t.startsWith("下次:") || t.startsWith("下次："));
  const content = (cut < 0 ? rest : rest.slice(0, cut)).join(" ");
  const nextWords = cut < 0 ? [] : [rest[cut]!.replace(/^下次[:：]?/, ""), ...rest.slice(cut + 1)].filter(Boolean);
  return { ok: true, raw: { ref, content: content || undefined, next: nextWords.length ? nextWords.join(" ") : undefined } };
}

const USAGE = "跟进 <客户|联系人|线索> <内容> [下次 <时间>] [方式:电话|拜访|微信]";
const EXAMPLE = "跟进 华为 聊了报价，预算50万 下次 下周三上午10点";

export const followUpAction = defineAction({
  name: "followup.create",
  command: "跟进",
  aliases: ["followup", "fu"],
  summary: "记录一次跟进；写上「下次 时间」会到时提醒你",
  usage: USAGE,
  example: EXAMPLE,
  params: z.object({
    ref: z.string().trim().min(1).max(64),
    content: z.string().trim().min(1).max(1000, "跟进内容最多 1000 个字"),
    next: z.string().trim().max(40).optional(),
    channel: z.string().trim().min(1).max(8).default("企业微信"),
  }),
  labels: { ref: "客户、联系人或线索", content: "跟进内容" },
  fromTokens,
  named: { 方式: "channel", channel: "channel" },
  roles: ALL_ROLES,
  effect: "write",
  refs: { ref: "target" },
  async run(ctx, p) {
    const nextAt = p.next === undefined ? undefined : parseWhen(p.next, ctx.now, ctx.timeZone);
    if (nextAt === null) return [text(`${zh.followUpBadTime(p.next!)}\n${zh.usage(USAGE, EXAMPLE)}`)];
    const t = await target(ctx, p.ref, "write");
    if (isReply(t)) return [t];
    await recordFollowUp(ctx.tx, ctx.actor, t, { content: p.content, channel: p.channel, nextAt }, ctx.now);
    return [text(zhFollowUps.followUpRecorded(targetName(t), nextAt ? formatWhen(nextAt, ctx.timeZone) : null, nextAt ? heldUntil(ctx, nextAt) : null))];
  },
});

const HISTORY_LIMIT = 20;

export const followUpHistoryAction = defineAction({
  name: "followup.history",
  command: "跟进记录",
  aliases: ["followups", "history"],
  summary: "看一个客户或线索的全部跟进（谁、何时、说了什么）",
  usage: "跟进记录 <客户|联系人|线索>",
  example: "跟进记录 华为",
  params: z.object({ ref: z.string().trim().min(1).max(64) }),
  labels: { ref: "客户、联系人或线索" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "read",
  refs: { ref: "target" },
  async run(ctx, p) {
    const t = await target(ctx, p.ref, "read");
    if (isReply(t)) return [t];
    const name = targetName(t);
    const { items, total } = await followUpHistory(ctx.tx, t, HISTORY_LIMIT);
    if (total === 0) return [text(zhFollowUps.followUpHistoryEmpty(name))];
    const lines = items.map((f) =>
      zh.followUpLine(
        formatWhen(f.at, ctx.timeZone),
        zh.whoName(f.author.name, f.author.wecomUserId),
        f.channel,
        f.content,
        f.nextAt ? formatWhen(f.nextAt, ctx.timeZone) : null,
      ),
    );
    return [text([zhFollowUps.followUpHistoryTitle(name, items.length, total), ...lines].join("\n"))];
  },
});
