// A likely duplicate company (company-match.ts): name the match and its owner, and offer to
// go on anyway — `… 仍然新建` typed, or the card's 仍然新建 button (or 确认) within 30 minutes.
import { canSee } from "../../auth/scope.ts";
import { zhCustomers } from "./messages.ts";
import type { User } from "../../auth/users.ts";
import type { LikelyCustomer } from "./company-duplicates.ts";
import { zh } from "../../messages/zh.ts";
import type { Reply } from "../../render/reply.ts";
import type { ActionContext } from "../../actions/action.ts";
import { confirmFirst } from "../../actions/confirm-first.ts";

/** The word that creates despite a likely duplicate. */
export const FORCE_WORD = "仍然新建";

/** Takes FORCE_WORD out of a command's words: the rest, and whether it was there. */
export function withoutForce(tokens: string[]): { tokens: string[]; force: boolean } {
  const rest = tokens.filter((t) => t !== FORCE_WORD);
  return { tokens: rest, force: rest.length !== tokens.length };
}

const ownerOf = (actor: User, c: LikelyCustomer) =>
  c.ownerId === actor.id ? zhCustomers.likelyOwnerYou : c.owner ? zh.whoName(c.owner.name, c.owner.wecomUserId) : zhCustomers.likelyOwnerPool;

/** The card: what we already have, whose it is, and 仍然新建 / 取消. */
export function likelyDuplicateReply(ctx: ActionContext, typed: string, match: LikelyCustomer, retry: { action: string; params: Record<string, unknown> }, typedAgain: string): Promise<Reply> {
  const visible = match.ownerId === ctx.actor.id || !match.owner || canSee(ctx.actor, match.owner);
  return confirmFirst(ctx, {
    action: retry.action,
    params: { ...retry.params, force: true },
    title: zhCustomers.likelyTitle(typed),
    fields: [
      { label: zhCustomers.likelyExistingLabel, value: visible ? `#${match.code} ${match.name}` : match.name },
      { label: zhCustomers.likelyOwnerLabel, value: ownerOf(ctx.actor, match) },
      { label: zhCustomers.likelyHowLabel, value: typedAgain },
    ],
    confirmText: FORCE_WORD,
  });
}
